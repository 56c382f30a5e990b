import Foundation
import GRDB

/// A test's direct hand on a database file, for setting up states no command makes (a moved server, a crash).
public struct DatabaseFile {
    let queue: DatabaseQueue

    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    public func execute(_ sql: String) throws {
        try queue.write { db in try db.execute(sql: sql) }
    }
}
