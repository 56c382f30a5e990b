import Foundation
import TappDomain

/// A patient's journal snapshot written straight to text, byte for byte what `Journal`'s `JSONEncoder` writes (sorted
/// keys, absent values left out, slashes unescaped, instants as the server writes them) at a fraction of its cost:
/// a 100,000-row import makes one per patient. `PatientSnapshotTests` holds the two to the same bytes.
enum PatientSnapshot {
    /// `known` is an instant already written out (an import stamps every patient with the same one).
    static func json(_ patient: Patient, known: (instant: Date, text: String)? = nil) -> String {
        func instant(_ date: Date) -> String {
            if let known, known.instant == date { return known.text }
            return Instant.utcString(date)
        }
        var out = "{"
        out.reserveCapacity(512)
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            out += "\""
            out += name
            out += "\":"
        }
        func text(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            escaped(value, into: &out)
        }
        text("address", patient.address)
        text("bloodType", patient.bloodType?.rawValue)
        text("createdAt", instant(patient.createdAt))
        text("dateOfBirth", patient.dateOfBirth?.description)
        text("email", patient.email)
        text("emergencyContactName", patient.emergencyContactName)
        text("emergencyContactPhone", patient.emergencyContactPhone)
        text("firstName", patient.firstName)
        text("id", patient.id)
        text("lastName", patient.lastName)
        text("medicalNotes", patient.medicalNotes)
        key("notificationChannels")
        out += "["
        for (index, channel) in patient.notificationChannels.enumerated() {
            if index > 0 { out += "," }
            escaped(channel.rawValue, into: &out)
        }
        out += "]"
        text("phone", patient.phone)
        text("serverId", patient.serverId)
        text("updatedAt", instant(patient.updatedAt))
        text("updatedBy", patient.updatedBy)
        key("version")
        out += String(patient.version)
        out += "}"
        return out
    }

    /// A JSON string as `JSONEncoder` writes it: quote, backslash and control characters escaped, the rest as is.
    static func escaped(_ value: String, into out: inout String) {
        out += "\""
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
