import HummingbirdBcrypt
import NIOPosix

/// Checks a sign-in's password with the same work whether or not the account exists: for an unknown email the
/// password is checked against a fixed bcrypt hash of the same cost (10), so the time of an answer does not tell
/// which emails have an account.
struct PasswordCheck: Sendable {
    /// bcrypt, cost 10, of `tappplus-no-such-account`; no account can have it, since it is never stored.
    static let standInHash = "$2b$10$o0XmTcWTLuRMWFgMwizw8.76CXGVTi3M3VwxG/FH.PyUT0kpdPgf2"
    static let standInPassword = "tappplus-no-such-account"

    /// The bcrypt verification (replaced by a counting one in the tests).
    let verify: @Sendable (_ password: String, _ hash: String) -> Bool

    static let bcrypt = PasswordCheck { password, hash in Bcrypt.verify(password, hash: hash) }

    /// Whether `password` is the account's; `hash` nil (no such account) is false after the same work. The work
    /// (some 50 ms) runs on NIO's thread pool: the event loops (which also run the server's tasks on SQLite) go on
    /// answering.
    func matches(_ password: String, hash: String?) async throws -> Bool {
        let verify = verify
        return try await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = verify(password, PasswordCheck.standInHash)
                return false
            }
            return verify(password, hash)
        }
    }

    /// A new password's bcrypt hash (cost 10), made on NIO's thread pool as `matches` is.
    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 10) }
    }
}
