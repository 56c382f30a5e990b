import ArgumentParser
import Foundation
import TappDomain
import TappStore
import TappSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "The TappPlus server this clinic syncs with (sign-in and status; push and pull are issue 5's).",
        subcommands: [Login.self, Status.self])

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
                                doctorServerId: signIn.doctorId, role: signIn.role, refreshToken: signIn.refreshToken,
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
            let server: String?, email: String?, signInValidUntil: String?, signInExpired: Bool?, lastSuccess: String?
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
                        server: account?.serverURL, email: account?.email,
                        signInValidUntil: account.map { Instant.zonedString($0.refreshExpiresAt, zone: context.zone) },
                        signInExpired: account.map { $0.refreshExpiresAt <= Date() },
                        lastSuccess: account?.lastSuccessAt.map { Instant.zonedString($0, zone: context.zone) }, queue: counts))
                }
                if let account {
                    let expired = account.refreshExpiresAt <= Date()
                    print("Server: \(account.serverURL) as \(account.email)")
                    print("Sign-in: \(expired ? "EXPIRED since" : "valid until") \(Instant.display(account.refreshExpiresAt, zone: context.zone))"
                          + (expired ? " — run `tapp sync login` again" : ""))
                    print("Last successful sync: \(account.lastSuccessAt.map { Instant.display($0, zone: context.zone) } ?? "never")")
                } else {
                    print("Not connected to a server: `tapp sync login --server URL --email E`.")
                }
                if counts.isEmpty { print("Nothing waits to be sent.") }
                for (key, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(key): \(count)") }
            }
        }
    }
}
