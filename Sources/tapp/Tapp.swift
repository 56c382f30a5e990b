import ArgumentParser

@main
struct Tapp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tapp",
        abstract: "TappPlus Terminal: a clinic's patients, consultations, interventions and reminders.",
        discussion: """
            Without a subcommand, tapp opens its full-screen application (sign-in, dashboard, patients, consultations,
            interventions, reminders, sync). Who is acting: TAPP_USER and TAPP_PASSWORD, or --user EMAIL with the password on standard input,
            or the Unix account linked to a user. The database: --db, else TAPP_DB, else
            ~/.local/share/tappplus/clinic.sqlite.
            """,
        subcommands: [
            InitCommand.self, DashboardCommand.self, PatientCommand.self, ConsultationCommand.self, InterventionCommand.self,
            ReminderCommand.self, UserCommand.self, AuditCommand.self, ImportCommand.self, ExportCommand.self,
            BackupCommand.self, SyncCommand.self, SettingsCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Lock the screens after this many idle minutes (default: $TAPP_IDLE_LOCK, else 10; 0: never).")
    var idleLock: Double?

    func validate() throws {
        if let idleLock, idleLock < 0 || !idleLock.isFinite {
            throw ValidationError("--idle-lock must be a number of minutes, 0 or more")
        }
    }

    mutating func run() async throws {
        let global = global, idleLock = idleLock
        try Failure.guarded { try FullScreen.open(global, idleMinutes: idleLock) }
    }
}
