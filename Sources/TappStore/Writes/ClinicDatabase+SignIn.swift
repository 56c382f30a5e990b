import Foundation
import GRDB
import HummingbirdBcrypt
import TappDomain

extension ClinicDatabase {
    /// More failed attempts than this within `lockWindow` lock the account.
    public static let maxFailedAttempts = 10
    public static let lockWindow: TimeInterval = 15 * 60
    /// How long a locked account stays locked.
    public static let lockDuration: TimeInterval = 15 * 60

    /// Signs in with email and password. Every attempt, failed or not, writes a LOGIN audit entry.
    public func signIn(email: String, password: String, terminal: String? = Terminal.current,
                       sshClient: String? = Terminal.sshClient, now: Date = Date()) throws -> Session {
        let user = try read { db in try User.filter(sql: "email = ? COLLATE NOCASE", arguments: [email]).fetchOne(db) }
        guard let user else {
            try recordLogin(userId: nil, email: email, success: false, reason: "unknown email", terminal: terminal, sshClient: sshClient)
            throw ClinicError.signInFailed("wrong email or password")
        }
        if let until = user.lockedUntil, until > now {
            try recordLogin(userId: user.id, email: user.email, success: false, reason: "locked", terminal: terminal, sshClient: sshClient)
            throw ClinicError.signInFailed("account locked after too many failed attempts until \(Instant.display(until, zone: user.zone)); "
                + "an administrator can lift it with `tapp user passwd`")
        }
        // Verify outside any transaction: bcrypt is slow on purpose and must not hold the write lock.
        let matches = Bcrypt.verify(password, hash: user.passwordHash)
        guard matches else {
            let locked = try write { db -> Bool in
                try Journal.audit(db, .login, entityType: EntityKind.user.rawValue, user.id, diff: #"{"reason":"wrong password"}"#,
                                  success: false, userId: user.id, email: user.email, terminal: terminal, sshClient: sshClient)
                let since = now.addingTimeInterval(-ClinicDatabase.lockWindow)
                // Written out so that SQLite sees it is a question for the index of failed sign-ins.
                let failures = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM auditLog WHERE action = 'LOGIN' AND success = 0 AND userId = ? AND at > ?
                    """, arguments: [user.id, since]) ?? 0
                guard failures > ClinicDatabase.maxFailedAttempts else { return false }
                try db.execute(sql: "UPDATE user SET lockedUntil = ? WHERE id = ?",
                               arguments: [now.addingTimeInterval(ClinicDatabase.lockDuration), user.id])
                return true
            }
            throw ClinicError.signInFailed(locked ? "wrong email or password; the account is now locked for 15 minutes"
                                                  : "wrong email or password")
        }
        guard user.isActive else {
            try recordLogin(userId: user.id, email: user.email, success: false, reason: "disabled", terminal: terminal, sshClient: sshClient)
            throw ClinicError.signInFailed("account disabled")
        }
        try recordLogin(userId: user.id, email: user.email, success: true, reason: nil, terminal: terminal, sshClient: sshClient)
        return Session(user: user, terminal: terminal, sshClient: sshClient)
    }

    /// Signs in the user linked to a Unix account, without a password.
    public func signIn(osUser: String, terminal: String? = Terminal.current, sshClient: String? = Terminal.sshClient) throws -> Session {
        let user = try read { db in try User.filter(Column("osUser") == osUser).fetchOne(db) }
        guard let user else { throw ClinicError.signInFailed("the Unix account \(osUser) is not linked to a tapp user") }
        guard user.isActive else {
            try recordLogin(userId: user.id, email: user.email, success: false, reason: "disabled", terminal: terminal, sshClient: sshClient)
            throw ClinicError.signInFailed("account disabled")
        }
        try recordLogin(userId: user.id, email: user.email, success: true, reason: "unix account \(osUser)",
                        terminal: terminal, sshClient: sshClient)
        return Session(user: user, terminal: terminal, sshClient: sshClient)
    }

    func recordLogin(userId: String?, email: String, success: Bool, reason: String?, terminal: String?, sshClient: String?) throws {
        let diff = reason.map { try? Journal.json(["reason": $0]) } ?? nil
        try write { db in
            try Journal.audit(db, .login, entityType: EntityKind.user.rawValue, userId, diff: diff, success: success,
                              userId: userId, email: email, terminal: terminal, sshClient: sshClient)
        }
    }
}
