import ArgumentParser
import Foundation
import TappDomain
import TappStore

/// An opened clinic database and the person acting on it.
struct Context {
    let database: ClinicDatabase
    let session: Session

    /// Opens the database and signs in: `--user` with the password on standard input, else `TAPP_USER` and
    /// `TAPP_PASSWORD`, else the Unix account linked to a user.
    static func open(_ options: GlobalOptions) throws -> Context {
        let database = try openDatabase(options)
        return Context(database: database, session: try signIn(database, options))
    }

    static func openDatabase(_ options: GlobalOptions, mustExist: Bool = true) throws -> ClinicDatabase {
        let path = options.databasePath
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw ClinicError.refused("no database at \(path): create one with `tapp init` (or give --db / TAPP_DB)")
        }
        return try ClinicDatabase(path: path)
    }

    static func signIn(_ database: ClinicDatabase, _ options: GlobalOptions) throws -> Session {
        let env = ProcessInfo.processInfo.environment
        if let email = options.user ?? env["TAPP_USER"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let password = options.user == nil ? env["TAPP_PASSWORD"] : nil
            guard let password = password ?? StandardInput.secret(prompt: "Password for \(email): ") else {
                throw ClinicError.signInFailed("no password: give it on standard input (or TAPP_PASSWORD with TAPP_USER)")
            }
            return try database.signIn(email: email, password: password)
        }
        if let account = UnixAccount.current {
            do {
                return try database.signIn(osUser: account)
            } catch ClinicError.signInFailed(let message) where message.contains("is not linked") {
                throw ClinicError.signInFailed("who is acting? set TAPP_USER and TAPP_PASSWORD, give --user EMAIL (password on "
                    + "standard input), or link this Unix account (\(account)) with `tapp user link-os-user`")
            }
        }
        throw ClinicError.signInFailed("who is acting? set TAPP_USER and TAPP_PASSWORD, or give --user EMAIL")
    }

    /// The clinic's time zone for showing times: the acting user's.
    var zone: TimeZone { session.zone }

    /// The acting user's doctor profile, the default doctor of what they record.
    func ownDoctorId() throws -> String? {
        guard let userId = session.userId else { return nil }
        return try database.doctor(userId: userId)?.id
    }
}

enum UnixAccount {
    static var current: String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
