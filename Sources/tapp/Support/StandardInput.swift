import Foundation

/// Reads the lines a script pipes in: the acting user's password first, then any new password.
/// On a terminal, asks without echo.
enum StandardInput {
    static func secret(prompt: String) -> String? {
        if isatty(0) != 0 {
            guard let raw = getpass(prompt) else { return nil }
            return String(cString: raw)
        }
        return readLine(strippingNewline: true)
    }
}
