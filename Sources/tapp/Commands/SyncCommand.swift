import ArgumentParser
import Foundation
import TappDomain
import TappStore
import TappSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Exchange changes with the TappPlus server: pull its news, push the clinic's changes.",
        subcommands: [Run.self, Login.self, Status.self, Resolve.self, MapDoctor.self], defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "One sync run: pull what changed on the server, then push the queued changes.",
            discussion: """
                The pull comes first, so that a record changed on both sides is kept both as a conflict (see
                `tapp sync status`, settle with `tapp sync resolve`) instead of being overwritten by the push.
                Exit 0 when all was sent and received; 3 when it finished but changes were refused or are in conflict;
                1 when it could not finish (network, sign-in); it can always simply be run again.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Stop cleanly after this many seconds, requests in flight included; the next run goes on.") var maxTime = 600
        @Flag(help: "Only send the clinic's changes.") var pushOnly = false
        @Flag(help: "Only receive the server's changes.") var pullOnly = false
        @Flag(help: "Show what would be sent, without contacting the server or changing anything.") var dryRun = false
        @Flag(help: "Print the run's outcome as JSON.") var json = false
        @Option(help: "For a server that throttles without saying so: at most this many requests per --rate-window (0: none but what the server asks).")
        var rateLimit = 0
        @Option(help: "The throttle's window, in seconds (60 by default; also what window a throttle that says nothing counts in).")
        var rateWindow: Double?
        @Option(help: "Requests in flight at once (1 to 32).") var connections = 8
        @Option(help: "For unattended runs: a file (mode 0600) with the server password, to sign in again when the 7-day sign-in lapses (or TAPP_SYNC_PASSWORD).")
        var passwordFile: String?

        func validate() throws {
            if pushOnly && pullOnly { throw ValidationError("--push-only and --pull-only exclude each other") }
            if maxTime <= 0 { throw ValidationError("--max-time must be a number of seconds above 0") }
            if rateLimit < 0 || rateWindow.map({ $0 <= 0 || !$0.isFinite || $0 > 86_400 }) == true {
                throw ValidationError("--rate-limit must be 0 or more and --rate-window a number of seconds above 0")
            }
            if !(1...32).contains(connections) { throw ValidationError("--connections must be between 1 and 32") }
        }

        func run() async throws {
            let context: Context
            do {
                context = try Context.open(global)
                try context.session.require(.registerPatients)
            } catch {
                try Failure.guarded { throw error }
                return
            }
            if dryRun { return try SyncDryRun.show(context.database, json: json) }
            let started = Date()
            let deadline = started.addingTimeInterval(TimeInterval(maxTime))
            let server: AuthorizedServer, lock: SyncLock, account: SyncAccount
            var progress: SyncProgress
            do {
                lock = try SyncLock(databasePath: context.database.path)
                guard var found = try context.database.syncAccount() else {
                    throw SyncError.notSignedIn("not connected to a server: run `tapp sync login --server URL --email E` first")
                }
                // The real server gives no new refresh token: after 7 days an unattended run signs in again by itself.
                if found.refreshExpiresAt <= Date().addingTimeInterval(3600), let password = try SyncPassword.read(file: passwordFile) {
                    found = try await SyncAccountRenewal.signInAgain(found, password: password, database: context.database,
                                                                     session: context.session)
                }
                account = found
                progress = try context.database.syncProgress(serverURL: found.serverURL)
                server = try AuthorizedServer(account: found, deadline: deadline, pace: SyncPaceChoice.pace(rateLimit: rateLimit,
                                              rateWindow: rateWindow, learned: progress), connections: connections)
            } catch let error as SyncError {
                throw Failure.report(error.description, code: 1)
            } catch {
                try Failure.guarded { throw error }
                return
            }
            defer { withExtendedLifetime(lock) {} }
            var report = SyncReport()
            let progressBar: (@Sendable (String, Int, Int) -> Void)?
            if json { progressBar = nil } else { progressBar = { label, done, total in Console.progress("sending \(label)", done, total) } }
            var failure: SyncError?
            do {
                if !pushOnly {
                    report.pulled = try await ServerPull(database: context.database, server: server, session: context.session,
                                                         serverURL: account.serverURL).run()
                }
                if !pullOnly {
                    let pushStarted = Date()
                    report.pushed = try await QueuePush(database: context.database, server: server, doctorId: account.doctorServerId,
                                                        reminders: QueuePush.ReminderOwner(rawValue: account.reminderOwner) ?? .server,
                                                        concurrency: connections, progress: progressBar).run()
                    let sent = report.pushed.values.map(\.sent).reduce(0, +)
                    let seconds = Date().timeIntervalSince(pushStarted)
                    if sent >= 20, seconds > 0 { progress.pushRate = Double(sent) / seconds }
                }
            } catch {
                failure = error
            }
            // What this run learned of the server's pace, and of its own speed, for the next run and `sync status`.
            let pace = await server.pace
            if rateLimit == 0, let limit = pace.limit {
                progress.paceLimit = limit
                progress.paceWindow = pace.window
            }
            progress.batchLimit = await server.knownFeatures?.batchLimit
            progress.measuredAt = Date()
            if let latest = try? context.database.syncProgress(serverURL: account.serverURL) { progress.changesCursor = latest.changesCursor }
            try? context.database.saveSyncProgress(progress)
            await server.close()
            if let failure {
                report.print(json: json)
                throw Failure.report(failure.description, code: 1)
            }
            report.conflicts = (try? context.database.openConflicts().count) ?? 0
            report.refused = Set(((try? context.database.refusedChanges()) ?? []).map { "\($0.entityKind.rawValue) \($0.entityId)" }).count
            report.print(json: json)
            if report.unfinished {
                throw Failure.report("some changes could not be sent: run `tapp sync` again", code: 1)
            }
            try Failure.guarded { try context.database.recordSyncSuccess() }
            if report.needsAPerson { throw ExitCode(3) }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a record changed both here and on the server, or a change the server refused.",
            discussion: """
                A conflict: --keep local sends ours at the next sync, --keep server takes theirs here.
                A refused change (e.g. an intervention already past): fix the record and sync (the new change supersedes it),
                or --keep local to send it again as it is, or --keep server to keep it in this clinic only.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "patient, consultation or intervention") var kind: String
        @Argument(help: "The record's local id (as `tapp sync status` lists it).") var id: String
        @Option(help: "local (ours replaces the server's at the next sync) or server (theirs replaces ours here).") var keep: String

        func validate() throws {
            guard ["patient", "consultation", "intervention"].contains(kind) else {
                throw ValidationError("the kind must be patient, consultation or intervention")
            }
            guard ConflictSide(rawValue: keep) != nil else { throw ValidationError("--keep must be local or server") }
        }

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                guard let entity = EntityKind(rawValue: kind), let side = ConflictSide(rawValue: keep) else {
                    throw ValidationError("give a record kind (patient, consultation, intervention) and --keep local or server")
                }
                if try context.database.openConflicts().contains(where: { $0.kind == entity && $0.localId == id }) {
                    try context.database.resolveConflict(kind: entity, localId: id, keep: side, by: context.session)
                    print(keep == "local" ? "Kept this clinic's version: it goes to the server at the next `tapp sync`."
                                          : "Kept the server's version; this clinic's changes were set aside (see the audit log).")
                } else {
                    try context.database.settleRefused(kind: entity, localId: id, keep: side, by: context.session)
                    print(keep == "local" ? "The refused change goes to the server again at the next `tapp sync`."
                                          : "The refused change stays in this clinic only.")
                }
            }
        }
    }

    struct MapDoctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map-doctor",
            abstract: "Map a local doctor to a doctor id on the server (default: the signed-in account's doctor).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The local doctor's email.") var email: String
        @Option(help: "The doctor's id on the server.") var serverDoctor: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.database.mapDoctor(email: email, toServerDoctor: serverDoctor, by: context.session)
                print("\(email) is the server's doctor \(serverDoctor): pushed under it, and pulled to them.")
            }
        }
    }
}
