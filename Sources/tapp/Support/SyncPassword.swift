import Foundation
import TappStore

/// The server password for unattended runs: `TAPP_SYNC_PASSWORD`, or the first line of a file only its owner can
/// read (as `.pgpass`: a file others can read is refused, not used).
enum SyncPassword {
    static func read(file: String?) throws -> String? {
        if let value = ProcessInfo.processInfo.environment["TAPP_SYNC_PASSWORD"], !value.isEmpty { return value }
        guard let file else { return nil }
        var info = stat()
        guard stat(file, &info) == 0 else { throw ClinicError.refused("cannot read the password file \(file)") }
        guard info.st_mode & 0o077 == 0 else {
            throw ClinicError.refused("the password file \(file) can be read by others: `chmod 600 \(file)` first")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              let line = text.split(separator: "\n").first.map(String.init), !line.isEmpty else {
            throw ClinicError.refused("the password file \(file) is empty")
        }
        return line
    }
}
