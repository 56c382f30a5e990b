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

    /// A bcrypt hash (cost 10, as every user's) of a password no one has: an unknown email is checked against it, so
    /// that it costs what a wrong password costs and the answer's time does not tell which accounts exist.
    static let noAccountHash = "$2b$10$jKWwX8L3MOyBjI6341fHzOrompumxVXN8CdG7LuPCYzcNulaGXIXq"

    /// Signs in with email and password. Every attempt, failed or not, writes a LOGIN audit entry. Failures are
    /// counted by the email typed, and an email locked, whether or not a user has it: an unknown email, a wrong
    /// password and a locked account answer alike and take alike.
    public func signIn(email: String, password: String, terminal: String? = Terminal.current,
                       sshClient: String? = Terminal.sshClient, now: Date = Date()) throws -> Session {
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        let (user, emailLock) = try read { db in
            (try User.filter(sql: "email = ? COLLATE NOCASE", arguments: [email]).fetchOne(db),
             try Date.fetchOne(db, sql: "SELECT lockedUntil FROM signInLock WHERE email = ?", arguments: [key]))
        }
        let shownEmail = user?.email ?? email
        let lockedUntil = [user?.lockedUntil, emailLock].compactMap { $0 }.max()
        if let until = lockedUntil, until > now {
            try recordLogin(userId: user?.id, email: shownEmail, success: false, reason: "locked", terminal: terminal, sshClient: sshClient)
            throw ClinicError.signInFailed("account locked after too many failed attempts until "
                + "\(Instant.display(until, zone: user?.zone ?? Instant.defaultZone)); an administrator can lift it with `tapp user passwd`")
        }
        // Verify outside any transaction: bcrypt is slow on purpose and must not hold the write lock. An unknown
        // email is verified against a hash of the same cost, and fails.
        let matches = Bcrypt.verify(password, hash: user?.passwordHash ?? ClinicDatabase.noAccountHash) && user != nil
        guard matches, let user else {
            let locked = try write { db -> Bool in
                try Journal.audit(db, .login, entityType: EntityKind.user.rawValue, user?.id,
                                  diff: user == nil ? #"{"reason":"unknown email"}"# : #"{"reason":"wrong password"}"#,
                                  success: false, userId: user?.id, email: shownEmail, terminal: terminal, sshClient: sshClient)
                let since = now.addingTimeInterval(-ClinicDatabase.lockWindow)
                // Written out so that SQLite sees it is a question for the index of failed sign-ins by email.
                let failures = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM auditLog WHERE action = 'LOGIN' AND success = 0 AND lower(userEmail) = ? AND at > ?
                    """, arguments: [key, since]) ?? 0
                guard failures > ClinicDatabase.maxFailedAttempts else { return false }
                let until = now.addingTimeInterval(ClinicDatabase.lockDuration)
                try db.execute(sql: "INSERT OR REPLACE INTO signInLock (email, lockedUntil) VALUES (?, ?)", arguments: [key, until])
                if let user { try db.execute(sql: "UPDATE user SET lockedUntil = ? WHERE id = ?", arguments: [until, user.id]) }
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
