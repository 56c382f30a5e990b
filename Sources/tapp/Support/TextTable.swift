import Foundation

/// Prints rows as aligned columns, measuring accented letters as one column each.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: String...) { self.header = header }

    mutating func add(_ cells: String?...) { rows.append(cells.map { $0 ?? "" }) }

    func print() {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        PrintedText.line(line(header))
        for row in rows { PrintedText.line(line(row)) }
    }
}
