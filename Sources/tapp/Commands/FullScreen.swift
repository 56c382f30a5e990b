import Foundation
import TappDomain
import TappStore
import TappTerminal
import TappTUI

/// `tapp` with no subcommand: the full-screen application on the clinic's database.
enum FullScreen {
    static func open(_ options: GlobalOptions, idleMinutes: Double?) throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            print(Tapp.helpMessage())
            print("\n(The screens open on a terminal; here, use the subcommands above.)")
            return
        }
        let env = ProcessInfo.processInfo.environment
        let database = try Context.openDatabase(options)
        let minutes = idleMinutes ?? env["TAPP_IDLE_LOCK"].flatMap(Double.init) ?? 10
        var app = App(database: database, lang: Lang.from(environment: env), session: try straightIn(database, options, env),
                      now: Date(), idleLimit: minutes * 60)
        TerminalRuntime.run(&app, monochrome: TerminalRuntime.isMonochrome(env))
    }

    /// Who is signed in without the sign-in screen: TAPP_USER with TAPP_PASSWORD, or the Unix account linked to a
    /// user. Anyone else signs in on the first screen.
    static func straightIn(_ database: ClinicDatabase, _ options: GlobalOptions, _ env: [String: String]) throws -> Session? {
        if options.user == nil, let email = env["TAPP_USER"], !email.isEmpty, let password = env["TAPP_PASSWORD"] {
            return try database.signIn(email: email, password: password)
        }
        if options.user == nil, let account = UnixAccount.current {
            return try? database.signIn(osUser: account)
        }
        return nil
    }
}
