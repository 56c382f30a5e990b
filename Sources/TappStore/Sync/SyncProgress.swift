import Foundation
import GRDB
import TappDomain

/// What the clinic knows of its progress with one server: where the server's changes feed was read up to, the pace
/// the server allows (at most `paceLimit` requests in `paceWindow` seconds), and how many changes a second the last
/// push sent.
public struct SyncProgress: Sendable, Equatable {
    public var serverURL: String
    public var changesCursor: String?
    public var paceLimit: Int?
    public var paceWindow: Double?
    /// How many changes the server takes in one request (its batch route), when it has one.
    public var batchLimit: Int?
    public var pushRate: Double?
    public var measuredAt: Date?

    public init(serverURL: String, changesCursor: String? = nil, paceLimit: Int? = nil, paceWindow: Double? = nil,
                batchLimit: Int? = nil, pushRate: Double? = nil, measuredAt: Date? = nil) {
        self.batchLimit = batchLimit
        self.serverURL = serverURL
        self.changesCursor = changesCursor
        self.paceLimit = paceLimit
        self.paceWindow = paceWindow
        self.pushRate = pushRate
        self.measuredAt = measuredAt
    }

    /// About how long the changes still waiting will take, in seconds: at the last push's rate, and never faster
    /// than the server's pace allows (a batch carries `batchLimit` changes in one request). Nil when nothing was
    /// measured yet.
    public func estimate(waiting: Int) -> TimeInterval? {
        let perRequest = batchLimit ?? 1
        guard waiting > 0 else { return 0 }
        var seconds: TimeInterval?
        if let pushRate, pushRate > 0 { seconds = Double(waiting) / pushRate }
        if let paceLimit, paceLimit > 0, let paceWindow, paceWindow > 0 {
            let paced = Double(waiting) / Double(max(1, perRequest)) / Double(paceLimit) * paceWindow
            seconds = max(seconds ?? 0, paced)
        }
        return seconds
    }
}

extension ClinicDatabase {
    public func syncProgress(serverURL: String) throws -> SyncProgress {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM syncProgress WHERE serverURL = ?", arguments: [serverURL]) else {
                return SyncProgress(serverURL: serverURL)
            }
            return SyncProgress(serverURL: serverURL, changesCursor: row["changesCursor"], paceLimit: row["paceLimit"],
                                paceWindow: row["paceWindow"], batchLimit: row["batchLimit"], pushRate: row["pushRate"],
                                measuredAt: row["measuredAt"])
        }
    }

    public func saveSyncProgress(_ progress: SyncProgress) throws {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO syncProgress (serverURL, changesCursor, paceLimit, paceWindow, batchLimit, pushRate, measuredAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [progress.serverURL, progress.changesCursor, progress.paceLimit, progress.paceWindow, progress.batchLimit,
                                 progress.pushRate, progress.measuredAt])
        }
    }
}
