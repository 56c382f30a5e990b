import ArgumentParser
import Foundation

/// Options every subcommand takes: where the database is and who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The clinic database (default: $TAPP_DB, else ~/.local/share/tappplus/clinic.sqlite).")
    var db: String?

    @Option(name: .long, help: "Act as this user; the password is read from standard input.")
    var user: String?

    /// The database path: `--db`, else `$TAPP_DB`, else the XDG data directory.
    var databasePath: String {
        if let db, !db.isEmpty { return db }
        let env = ProcessInfo.processInfo.environment
        if let path = env["TAPP_DB"], !path.isEmpty { return path }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/tappplus/clinic.sqlite"
    }
}

/// `--json` for commands that print data.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false
}
