import Foundation
import TappDomain

/// Where the TappPlus server is: `https://` (certificates verified), or plain `http://` to this machine only
/// unless the user says `--insecure`.
public struct ServerAddress: Sendable, Equatable {
    public let base: URL
    public let insecure: Bool

    public init(_ text: String, insecure: Bool = false) throws(SyncError) {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw SyncError.invalid("--server must be a URL such as https://tappplus.example.cm (got \"\(Echo.of(text))\")")
        }
        switch scheme {
        case "https": break
        case "http":
            let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
            if !loopback && !insecure {
                throw SyncError.invalid("plain http:// is refused to anything but this machine (patient data would cross the network "
                                        + "unencrypted); use https://, or --insecure if you really mean it")
            }
        default:
            throw SyncError.invalid("--server must start with https:// or http:// (got \"\(Echo.of(text))\")")
        }
        // The API lives under /api/v1; accept the server's root or the API's.
        base = trimmed.hasSuffix("/api/v1") ? url : url.appendingPathComponent("api/v1")
        self.insecure = insecure
    }
}

/// Why a sync step could not be done, in words for the person at the terminal.
public enum SyncError: Error, Sendable, CustomStringConvertible, Equatable {
    case invalid(String)
    case unreachable(String)
    case refused(status: Int, message: String)
    case notSignedIn(String)
    /// The run's time (`--max-time`) is spent: the run stops cleanly and the next one goes on.
    case outOfTime(String)

    public var description: String {
        switch self {
        case .invalid(let message), .unreachable(let message), .notSignedIn(let message), .outOfTime(let message): message
        case .refused(let status, let message): "the server refused (\(status)): \(message)"
        }
    }
}
