import ArgumentParser

@main
struct Tapp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tapp",
        abstract: "TappPlus Terminal: a clinic's patients, consultations, interventions and reminders.",
        discussion: """
            Who is acting: TAPP_USER and TAPP_PASSWORD, or --user EMAIL with the password on standard input,
            or the Unix account linked to a user. The database: --db, else TAPP_DB, else
            ~/.local/share/tappplus/clinic.sqlite.
            """,
        subcommands: [
            InitCommand.self, DashboardCommand.self, PatientCommand.self, ConsultationCommand.self, InterventionCommand.self,
            ReminderCommand.self, UserCommand.self, AuditCommand.self, ImportCommand.self, ExportCommand.self,
            BackupCommand.self, SyncCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    mutating func run() async throws {
        // The full-screen front comes with the TUI; until then, the help.
        print(Tapp.helpMessage())
    }
}
