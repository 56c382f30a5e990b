import ArgumentParser
import Foundation
import TappDomain
import TappStore
import TappSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Exchange changes with the TappPlus server (so far: patients, consultations, interventions pushed).",
        subcommands: [Run.self, Login.self, Status.self], defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "One sync run: push the queued patients, consultations and interventions.",
            discussion: """
                Exit 0 when all was sent; 3 when it finished but some changes were refused (see `tapp sync status`);
                1 when it could not finish (network, sign-in); it can always simply be run again.
                Reminders' statuses and the pull from the server are not done yet.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Stop cleanly between requests after this many seconds.") var maxTime = 600

        func run() async throws {
            let context: Context
            let server: AuthorizedServer
            let lock: SyncLock
            let account: SyncAccount
            do {
                context = try Context.open(global)
                try context.session.require(.registerPatients)
                lock = try SyncLock(databasePath: context.database.path)
                guard let found = try context.database.syncAccount() else {
                    throw SyncError.notSignedIn("not connected to a server: run `tapp sync login --server URL --email E` first")
                }
                account = found
                server = try AuthorizedServer(account: found, deadline: Date().addingTimeInterval(TimeInterval(maxTime)))
            } catch let error as SyncError {
                throw Failure.report(error.description, code: 1)
            } catch {
                try Failure.guarded { throw error }
                return
            }
            defer { withExtendedLifetime(lock) {} }
            let outcomes: [EntityKind: QueuePush.Outcome]
            do {
                outcomes = try await QueuePush(database: context.database, server: server, doctorId: account.doctorServerId,
                                               reminders: QueuePush.ReminderOwner(rawValue: account.reminderOwner) ?? .server).run()
            } catch {
                throw Failure.report(error.description, code: 1)
            }
            for kind in [EntityKind.patient, .consultation, .intervention] {
                let outcome = outcomes[kind] ?? .init()
                print("\(kind.rawValue)s: \(outcome.sent) sent, \(outcome.refused) refused, \(outcome.unfinished) not finished")
            }
            if outcomes.values.contains(where: { $0.unfinished > 0 }) {
                throw Failure.report("some changes could not be sent: run `tapp sync` again", code: 1)
            }
            try Failure.guarded { try context.database.recordSyncSuccess() }
            if outcomes.values.contains(where: { $0.refused > 0 }) { throw ExitCode(3) }
        }
    }

    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign in to a TappPlus server; keeps the refresh token (never the password) in the database.",
            discussion: """
                The password comes from TAPP_SYNC_PASSWORD, else standard input (after yours, if you gave --user).
                The real server gives no new refresh token: sign-in lasts 7 days, then run this again.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The server, e.g. https://tappplus.example.cm (http:// only to this machine unless --insecure).") var server: String
        @Option(help: "The account on the server.") var email: String
        @Flag(help: "Allow plain http:// to another machine (patient data unencrypted on the network).") var insecure = false
        @Option(help: "Who texts the patients: server (rules pushed enabled) or clinic (rules pushed disabled; send with `tapp reminder send`).")
        var reminders: String

        func validate() throws {
            guard ["server", "clinic"].contains(reminders) else { throw ValidationError("--reminders must be server or clinic") }
        }

        func run() async throws {
            let context: Context
            let address: ServerAddress
            do {
                context = try Context.open(global)
                try context.session.require(.manageUsers)
                address = try ServerAddress(server, insecure: insecure)
            } catch let error as SyncError {
                throw Failure.report(error.description, code: 65)
            } catch {
                try Failure.guarded { throw error }
                return
            }
            guard let password = ProcessInfo.processInfo.environment["TAPP_SYNC_PASSWORD"].flatMap({ $0.isEmpty ? nil : $0 })
                    ?? StandardInput.secret(prompt: "Password for \(email) on \(server): ") else {
                throw Failure.report("no password for the server: TAPP_SYNC_PASSWORD or standard input", code: 65)
            }
            do {
                let signIn = try await SyncServer(address: address).login(email: email, password: password)
                try context.database.saveSyncAccount(
                    SyncAccount(serverURL: address.base.absoluteString, email: email, insecure: insecure, userServerId: signIn.userId,
                                doctorServerId: signIn.doctorId, role: signIn.role, reminderOwner: reminders,
                                refreshToken: signIn.refreshToken,
                                refreshExpiresAt: signIn.refreshExpiresAt, signedInAt: Date()),
                    by: context.session)
                print("Signed in to \(address.base.absoluteString) as \(email) (\(signIn.role ?? "no role")"
                      + (signIn.doctorId.map { ", doctor \($0)" } ?? ", no doctor profile")
                      + "); sign-in valid until \(Instant.display(signIn.refreshExpiresAt, zone: context.zone)).")
            } catch let error as SyncError {
                if case .refused(let status, _) = error, status == 401 { throw Failure.report(error.description, code: 77) }
                throw Failure.report(error.description, code: 1)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What waits to be sent, what was refused, and the sign-in.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct StatusJSON: Encodable {
            let server: String?, email: String?, reminders: String?, signInValidUntil: String?, signInExpired: Bool?, lastSuccess: String?
            let queue: [String: Int]
        }

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.readPatients)
                let account = try context.database.syncAccount()
                let counts = try context.database.changeQueueCounts()
                if output.json {
                    return try JSONOutput.print(StatusJSON(
                        server: account?.serverURL, email: account?.email, reminders: account?.reminderOwner,
                        signInValidUntil: account.map { Instant.zonedString($0.refreshExpiresAt, zone: context.zone) },
                        signInExpired: account.map { $0.refreshExpiresAt <= Date() },
                        lastSuccess: account?.lastSuccessAt.map { Instant.zonedString($0, zone: context.zone) }, queue: counts))
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
                if counts.isEmpty { print("Nothing waits to be sent.") }
                for (key, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(key): \(count)") }
                if account != nil {
                    print("Kept here only (the server has no place for them): patients' blood group, medical notes, accepted channels")
                    print("and emergency contact; a consultation's reason, diagnosis and treatment go as labelled lines of its notes.")
                }
                for change in try context.database.refusedChanges() {
                    print("  refused: \(change.entityKind.rawValue) \(change.entityId): \(change.lastError ?? "")")
                }
            }
        }
    }
}
