import TappDomain

/// The rows of a patients CSV file, read into fields and put in alphabetical order: the part of an import that needs
/// no one signed in, so that the command line does it while the sign-in's bcrypt runs.
public struct PatientCSVRows: Sendable {
    let rows: [ReadRow]

    /// Reads CSV text (English or French headers, `,` or `;`). A bad header refuses the file; a bad row is kept, to be
    /// reported with its line.
    public init(csv text: String) throws {
        let table: CSVTable
        let columns: [PatientCSV.Column]
        do {
            table = try CSVTable(text: text)
            columns = try PatientCSV.columns(table.header)
        } catch {
            throw ClinicError.invalid(ValidationFailure([error]))
        }
        // Each row read into its fields with the key it will be listed under, and each half put in alphabetical
        // order, on both cores; then the halves merged, so that the search keys only grow and FTS5 builds its index
        // in one pass.
        let halves = Parallel.map(table.rows, chunks: 2) { rows -> [[ReadRow]] in
            [rows.map { row in
                do throws(FieldError) {
                    let input = try PatientCSV.input(row.fields, columns: columns)
                    return ReadRow(line: row.line, sortKey: input.sortKey, content: .success(input))
                } catch {
                    return ReadRow(line: row.line, sortKey: "", content: .failure(error))
                }
            }.sorted(by: ReadRow.precedes)]
        }
        rows = halves.dropFirst().reduce(halves.first ?? []) { ReadRow.merged($0, $1) }
    }

    /// How many rows the file has, bad ones included.
    public var count: Int { rows.count }
}

/// A CSV row read into a patient's fields (or why it could not be), with the key it will be listed under.
struct ReadRow: Sendable {
    let line: Int
    let sortKey: String
    let content: Result<PatientInput, FieldError>

    /// Alphabetical order, then the file's order.
    static func precedes(_ a: ReadRow, _ b: ReadRow) -> Bool {
        (a.sortKey, a.line) < (b.sortKey, b.line)
    }

    /// Two runs already in order, as one.
    static func merged(_ a: [ReadRow], _ b: [ReadRow]) -> [ReadRow] {
        var result: [ReadRow] = []
        result.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if precedes(b[j], a[i]) {
                result.append(b[j]); j += 1
            } else {
                result.append(a[i]); i += 1
            }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }
}
