import Foundation
import TappDomain
import TappStore
import TappSync

/// What one sync run did, as lines for a log or as JSON.
struct SyncReport {
    var pulled: [EntityKind: ServerPull.Outcome] = [:]
    var pushed: [EntityKind: QueuePush.Outcome] = [:]
    var conflicts = 0
    /// Refused changes still parked, from this run or an earlier one, until a person settles them.
    var refused = 0

    var unfinished: Bool { pushed.values.contains { $0.unfinished > 0 } }
    var needsAPerson: Bool { conflicts > 0 || refused > 0 || pushed.values.contains { $0.refused > 0 } }

    static let kinds: [EntityKind] = [.patient, .consultation, .intervention]

    struct JSON: Encodable {
        struct Pulled: Encodable { let added, updated, unchanged, conflicts, removed, read: Int; let skipped: [String] }
        struct Pushed: Encodable { let sent, refused, unfinished: Int }
        let pulled: [String: Pulled], pushed: [String: Pushed], openConflicts: Int, refusedWaiting: Int
    }

    func print(json: Bool) {
        if json {
            try? JSONOutput.print(JSON(
                pulled: Dictionary(uniqueKeysWithValues: pulled.map {
                    ($0.key.rawValue, JSON.Pulled(added: $0.value.added, updated: $0.value.updated, unchanged: $0.value.unchanged,
                                                  conflicts: $0.value.conflicts, removed: $0.value.removed, read: $0.value.read,
                                                  skipped: $0.value.skipped))
                }),
                pushed: Dictionary(uniqueKeysWithValues: pushed.map {
                    ($0.key.rawValue, JSON.Pushed(sent: $0.value.sent, refused: $0.value.refused, unfinished: $0.value.unfinished))
                }),
                openConflicts: conflicts, refusedWaiting: refused))
            return
        }
        for kind in Self.kinds {
            if let p = pulled[kind] {
                PrintedText.line("pulled \(kind.rawValue)s: \(p.added) new, \(p.updated) updated, \(p.conflicts) in conflict"
                            + (p.removed > 0 ? ", \(p.removed) deleted (deleted on the server)" : "")
                            + (p.skipped.isEmpty ? "" : ", \(p.skipped.count) skipped"))
                for why in p.skipped.prefix(20) { PrintedText.line("  skipped \(why)") }
            }
        }
        for kind in Self.kinds {
            if let o = pushed[kind] {
                PrintedText.line("\(kind.rawValue)s: \(o.sent) sent, \(o.refused) refused, \(o.unfinished) not finished")
            }
        }
        if refused > 0 {
            PrintedText.line("\(refused) change(s) refused by the server wait for a person: see `tapp sync status`, then fix or `tapp sync resolve`")
        }
        if conflicts > 0 {
            PrintedText.line("\(conflicts) record(s) changed both here and on the server: see `tapp sync status`, then `tapp sync resolve`")
        }
    }
}

/// `tapp sync --dry-run`: what the next push would send, read from the queue; nothing contacted, nothing changed.
enum SyncDryRun {
    struct Item: Encodable { let kind, id, operation: String; let changes: Int }

    static func show(_ database: ClinicDatabase, json: Bool) throws {
        var items: [Item] = []
        try Failure.guarded {
            for kind in SyncReport.kinds {
                for record in try database.pendingRecords(kind) {
                    let operation = record.deleted ? (record.serverId == nil ? "nothing (made and deleted here)" : "DELETE")
                        : (record.serverId == nil ? "CREATE" : "UPDATE")
                    items.append(Item(kind: kind.rawValue, id: record.entityId, operation: operation, changes: record.seqs.count))
                }
            }
        }
        if json { return try JSONOutput.print(items) }
        if items.isEmpty { print("Nothing to send. (A dry run does not contact the server, so it cannot say what the pull would bring.)") }
        for item in items { print("would \(item.operation) \(item.kind) \(item.id) (\(item.changes) change(s) folded)") }
    }
}
