import ArgumentParser
import Foundation
import TappDomain
import TappStore
import TappSync

extension SyncCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What waits to be sent, what was refused, and the sign-in.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct StatusJSON: Encodable {
            let server: String?, email: String?, reminders: String?, signInValidUntil: String?, signInExpired: Bool?, lastSuccess: String?
            let queue: [String: Int]
            /// Changes waiting to be sent, and about how many seconds they will take (null: not measured yet).
            let waiting: Int, estimatedSeconds: Int?
            let conflicts: [Conflict]
            struct Conflict: Encodable { let kind, id, serverId, detectedAt: String; let server: String }
        }

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.readPatients)
                let account = try context.database.syncAccount()
                let counts = try context.database.changeQueueCounts()
                let conflicts = try context.database.openConflicts()
                let waiting = counts.filter { [.patient, .consultation, .intervention].contains($0.kind) }.waiting
                let estimate = try account.flatMap { try context.database.syncProgress(serverURL: $0.serverURL).estimate(waiting: waiting) }
                if output.json {
                    return try JSONOutput.print(StatusJSON(
                        server: account?.serverURL, email: account?.email, reminders: account?.reminderOwner,
                        signInValidUntil: account.map { Instant.zonedString($0.refreshExpiresAt, zone: context.zone) },
                        signInExpired: account.map { $0.refreshExpiresAt <= Date() },
                        lastSuccess: account?.lastSuccessAt.map { Instant.zonedString($0, zone: context.zone) },
                        queue: Dictionary(counts.map { ("\($0.state.rawValue) \($0.kind.rawValue)", $0.count) }, uniquingKeysWith: +),
                        waiting: waiting, estimatedSeconds: estimate.map { Int($0.rounded(.up)) },
                        conflicts: conflicts.map {
                            .init(kind: $0.kind.rawValue, id: $0.localId, serverId: $0.serverId,
                                  detectedAt: Instant.zonedString($0.detectedAt, zone: context.zone), server: $0.serverPayload)
                        }))
                }
                if let account {
                    let expired = account.refreshExpiresAt <= Date()
                    print("Server: \(account.serverURL) as \(account.email); reminders sent by the \(account.reminderOwner)")
                    print("Sign-in: \(expired ? "EXPIRED since" : "valid until") \(Instant.display(account.refreshExpiresAt, zone: context.zone))"
                          + (expired ? " — run `tapp sync login` again" : ""))
                    print("Last successful sync: \(account.lastSuccessAt.map { Instant.display($0, zone: context.zone) } ?? "never")")
                } else {
                    print("Not connected to a server: `tapp sync login --server URL --email E`.")
                }
                if waiting == 0 {
                    print("Nothing waits to be sent.")
                } else {
                    print("\(waiting) change(s) wait to be sent" + (estimate.map { ", about \(SyncDuration.words($0)) at the last run's pace" }
                          ?? " (how long is not known until a run has measured the server's pace)") + ".")
                }
                for count in counts { print("  \(count.state.rawValue) \(count.kind.rawValue): \(count.count)") }
                if account != nil {
                    print("Kept here only (the server has no place for them): patients' blood group, medical notes, accepted channels")
                    print("and emergency contact; a consultation's reason, diagnosis and treatment go as labelled lines of its notes.")
                }
                for conflict in conflicts {
                    print("  conflict: \(conflict.kind.rawValue) \(conflict.localId) changed here and on the server; theirs: \(conflict.serverPayload)")
                    print("    settle with `tapp sync resolve \(conflict.kind.rawValue) \(conflict.localId) --keep local|server`")
                }
                for change in try context.database.refusedChanges() {
                    print("  refused: \(change.entityKind.rawValue) \(change.entityId): \(change.lastError ?? "")")
                }
            }
        }
    }
}
