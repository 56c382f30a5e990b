import ArgumentParser
import Foundation
import TappDomain
import TappStore
import TappSync

extension SyncCommand {
    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign in to a TappPlus server; keeps the refresh token (never the password) in the database.",
            discussion: """
                The password comes from TAPP_SYNC_PASSWORD, else --password-file (mode 0600), else standard input
                (after yours, if you gave --user).
                The real server gives no new refresh token: sign-in lasts 7 days, then run this again.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The server, e.g. https://tappplus.example.cm (http:// only to this machine unless --insecure).") var server: String
        @Option(help: "The account on the server.") var email: String
        @Option(help: "A file (mode 0600) whose first line is the server password, for unattended runs.") var passwordFile: String?
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
                try context.session.require(.connectServer)
                address = try ServerAddress(server, insecure: insecure)
            } catch let error as SyncError {
                throw Failure.report(error.description, code: 65)
            } catch {
                try Failure.guarded { throw error }
                return
            }
            let stored: String?
            do { stored = try SyncPassword.read(file: passwordFile) } catch {
                throw Failure.report("\(error)", code: 65)
            }
            guard let password = stored
                    ?? StandardInput.secret(prompt: "Password for \(email) on \(server): ") else {
                throw Failure.report("no password for the server: TAPP_SYNC_PASSWORD or standard input", code: 65)
            }
            do {
                let signIn = try await ServerClient(address: address).login(email: email, password: password)
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
}
