import Foundation
import GRDB
import TappDomain

/// The server this clinic syncs with, as `tapp sync login` left it. The refresh token is a secret: it lives in
/// the 0600 database file and is never printed.
public struct SyncAccount: Sendable, Equatable {
    public var serverURL: String
    public var email: String
    public var insecure: Bool
    public var userServerId: String?
    public var doctorServerId: String?
    public var role: String?
    /// Who texts the patients: `server` (rules pushed enabled) or `clinic` (rules pushed disabled; `tapp reminder send`).
    public var reminderOwner: String
    public var refreshToken: String
    /// The real server gives no new refresh token: after this, `tapp sync login` is needed again.
    public var refreshExpiresAt: Date
    public var signedInAt: Date
    public var lastSuccessAt: Date?

    public init(serverURL: String, email: String, insecure: Bool, userServerId: String?, doctorServerId: String?, role: String?,
                reminderOwner: String, refreshToken: String, refreshExpiresAt: Date, signedInAt: Date, lastSuccessAt: Date? = nil) {
        self.serverURL = serverURL
        self.email = email
        self.insecure = insecure
        self.userServerId = userServerId
        self.doctorServerId = doctorServerId
        self.role = role
        self.reminderOwner = reminderOwner
        self.refreshToken = refreshToken
        self.refreshExpiresAt = refreshExpiresAt
        self.signedInAt = signedInAt
        self.lastSuccessAt = lastSuccessAt
    }
}

extension ClinicDatabase {
    /// Remembers the server and its sign-in (administrators), replacing any earlier one.
    public func saveSyncAccount(_ account: SyncAccount, by session: Session) throws {
        try session.require(.connectServer)
        try write { db in
            let previous = try Row.fetchOne(db, sql: "SELECT lastSuccessAt FROM syncAccount WHERE id = 1")?["lastSuccessAt"] as Date?
            try db.execute(sql: """
                INSERT OR REPLACE INTO syncAccount (id, serverURL, email, insecure, userServerId, doctorServerId, role, reminderOwner,
                  refreshToken, refreshExpiresAt, signedInAt, lastSuccessAt) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account.serverURL, account.email, account.insecure, account.userServerId, account.doctorServerId,
                                 account.role, account.reminderOwner, account.refreshToken, account.refreshExpiresAt, account.signedInAt,
                                 account.lastSuccessAt ?? previous])
            try Journal.audit(db, .login, entityType: "syncAccount", nil,
                              diff: try Journal.json(["server": account.serverURL, "email": account.email]), success: true,
                              userId: session.userId, email: session.email, terminal: session.terminal, sshClient: session.sshClient)
        }
    }

    public func syncAccount() throws -> SyncAccount? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM syncAccount WHERE id = 1") else { return nil }
            return SyncAccount(serverURL: row["serverURL"], email: row["email"], insecure: row["insecure"],
                               userServerId: row["userServerId"], doctorServerId: row["doctorServerId"], role: row["role"],
                               reminderOwner: row["reminderOwner"], refreshToken: row["refreshToken"], refreshExpiresAt: row["refreshExpiresAt"],
                               signedInAt: row["signedInAt"], lastSuccessAt: row["lastSuccessAt"])
        }
    }
}

extension ClinicDatabase {
    /// Maps the local doctor of a user to a doctor id on the server: what they record is pushed under that doctor,
    /// and the server's records of that doctor are pulled to them.
    public func mapDoctor(email: String, toServerDoctor serverId: String, by session: Session) throws {
        try session.require(.connectServer)
        try write { db in
            guard let doctorId = try String.fetchOne(db, sql: """
                SELECT doctor.id FROM doctor JOIN user ON user.id = doctor.userId WHERE user.email = ? COLLATE NOCASE
                """, arguments: [email]) else {
                throw ClinicError.notFound(.doctor, "\(email) (no user with a doctor profile)")
            }
            try db.execute(sql: "UPDATE doctor SET serverId = NULL WHERE serverId = ?", arguments: [serverId])
            try db.execute(sql: "UPDATE doctor SET serverId = ? WHERE id = ?", arguments: [serverId, doctorId])
            try Journal.audit(db, .update, .doctor, doctorId, diff: #"{"serverId":"\#(serverId)"}"#, by: session)
        }
    }
}
