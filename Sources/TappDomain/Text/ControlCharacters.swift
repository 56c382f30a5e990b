/// Terminal control characters: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). Stored in a name and
/// printed later, `ESC ] 0 ; … BEL` retitles a receptionist's terminal and `ESC [ 2 J` clears it; so every writer
/// refuses them at the door and every printer shows them harmlessly.
public enum ControlCharacters {
    /// Whether the scalar is a C0 or C1 control, or DEL.
    @inlinable
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control in `text` that a field may not hold (tab and line feed are allowed where `multiline`).
    /// Works on UTF-8 bytes: C1 controls are the two bytes `C2 80`…`C2 9F`.
    public static func first(in text: String, multiline: Bool = false) -> Unicode.Scalar? {
        var text = text
        return text.withUTF8 { bytes -> Unicode.Scalar? in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte < 0x20 {
                    if multiline, byte == 0x09 || byte == 0x0A { previous = byte; continue }
                    return Unicode.Scalar(byte)
                }
                if byte == 0x7F { return Unicode.Scalar(byte) }
                if previous == 0xC2, (0x80...0x9F).contains(byte) { return Unicode.Scalar(byte) }
                previous = byte
            }
            return nil
        }
    }

    /// Refuses a value holding a control character, naming the field and the character (as `U+001B`).
    public static func refuse(_ text: String, field: String, multiline: Bool = false) throws(FieldError) {
        if let scalar = first(in: text, multiline: multiline) {
            throw FieldError(field, .controlCharacter, name(scalar))
        }
    }

    /// `U+001B`.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text with every control shown harmlessly: `�` in its place, so a stored value from before these checks
    /// (or a server's) can never drive the terminal. Tab and line feed are kept when `multiline`.
    public static func visible(_ text: String, multiline: Bool = false) -> String {
        guard first(in: text, multiline: multiline) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar), !(multiline && (scalar == "\t" || scalar == "\n")) {
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// What of a refused value is echoed in an error: at most 40 characters, controls shown harmlessly, so that a
/// 100 KB value or an escape sequence is never printed back whole.
public enum Echo {
    public static let limit = 40

    public static func of(_ text: String) -> String {
        let shown = ControlCharacters.visible(text)
        guard shown.count > limit else { return shown }
        return String(shown.prefix(limit)) + "… (\(text.utf8.count) bytes)"
    }
}
