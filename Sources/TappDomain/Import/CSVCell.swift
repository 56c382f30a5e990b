/// One cell of a CSV file we write, made safe for the spreadsheet that opens it: a value beginning with `=`, `+`, `-`,
/// `@`, tab or carriage return would run as a formula (`=HYPERLINK(…)`), so it is written after a `'`, as OWASP
/// advises; import takes that `'` off again, so an export reads back as it was.
public enum CSVCell {
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D] // = + - @ tab CR

    /// The value as a cell: neutralised when a spreadsheet would read it as a formula, quoted when it needs it.
    public static func written(_ value: String, delimiter: Character = ",") -> String {
        quoted(neutralised(value), delimiter: delimiter)
    }

    /// `'=1+1` for `=1+1`. A plain number (`-1440`, `+5`, `3.5`) is left as it is: a spreadsheet reads it as a number.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.utf8.first, formulaStarts.contains(first), !isPlainNumber(value) else { return value }
        return "'" + value
    }

    /// The value as it was before `neutralised`.
    public static func read(_ cell: String) -> String {
        let bytes = cell.utf8
        guard bytes.count >= 2, bytes.first == 0x27 else { return cell }
        let second = bytes[bytes.index(after: bytes.startIndex)]
        guard formulaStarts.contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    /// Quotes a field when it holds the delimiter, a quote or a line end.
    public static func quoted(_ value: String, delimiter: Character = ",") -> String {
        guard value.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-1440`, `+5`, `3.5`: an optional sign, digits, at most one decimal point.
    static func isPlainNumber(_ value: String) -> Bool {
        var digits = 0, points = 0
        for (i, byte) in value.utf8.enumerated() {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x2E: points += 1
            case 0x2B where i == 0, 0x2D where i == 0: continue
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }
}

/// The text of a CSV file's bytes: UTF-8 (with or without its byte-order mark), else Latin-1 as older spreadsheets
/// save it. UTF-16 and UTF-32 files are named and refused, rather than read as text full of NULs.
public enum CSVEncoding {
    public static func text(_ bytes: [UInt8]) throws(FieldError) -> String {
        if let found = wideEncoding(bytes) {
            throw FieldError("file", "is \(found) text; save it as CSV UTF-8 (or Latin-1) and import it again")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Latin-1: every byte is the code point of the same number.
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// "UTF-16 (little-endian)" and the like, from the byte-order mark or, without one, from NULs every other byte.
    static func wideEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        let head = Array(bytes.prefix(64))
        guard head.count >= 8 else { return nil }
        let evenNULs = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let oddNULs = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let half = head.count / 2
        if oddNULs * 4 >= half * 3, evenNULs == 0 { return "UTF-16 (little-endian)" }
        if evenNULs * 4 >= half * 3, oddNULs == 0 { return "UTF-16 (big-endian)" }
        return nil
    }
}
