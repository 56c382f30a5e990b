import Foundation

/// A CSV file read as RFC 4180 text: quoted fields, doubled quotes, CRLF or LF, a byte-order mark,
/// and the delimiter French spreadsheets use (`;`) as well as `,` and tab.
public struct CSVTable: Sendable {
    /// One record and the line of the file it starts on (1-based).
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let rows: [Row]
    public let delimiter: Character

    public init(text: String) throws(FieldError) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let firstLine = bytes.prefix { $0 != 10 && $0 != 13 }
        let candidates: [UInt8] = [44, 59, 9] // , ; tab
        let chosen = candidates.max { a, b in firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count } ?? 44
        delimiter = Character(Unicode.Scalar(chosen))
        var records = try CSVTable.records(bytes, delimiter: chosen)
        guard !records.isEmpty else { throw FieldError("file", "is empty: a header line is needed") }
        header = records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.filter { !($0.fields.count == 1 && $0.fields[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    /// Splits UTF-8 bytes into records; quotes, delimiters and line ends are ASCII, so bytes are enough.
    static func records(_ bytes: [UInt8], delimiter: UInt8) throws(FieldError) -> [Row] {
        let quote: UInt8 = 34, lf: UInt8 = 10, cr: UInt8 = 13
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var atFieldStart = true
        var line = 1
        var rowLine = 1
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            atFieldStart = true
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == lf || (b == cr && (i + 1 >= bytes.count || bytes[i + 1] != lf)) { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote where atFieldStart:
                inQuotes = true
                atFieldStart = false
            case delimiter:
                endField()
            case lf, cr:
                if b == cr, i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
                endField()
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                line += 1
                rowLine = line
            default:
                field.append(b)
                atFieldStart = false
            }
            i += 1
        }
        if inQuotes { throw FieldError("line \(rowLine)", "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
