import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Read the audit log, newest first (administrators).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only what concerns this patient (record, consultations, interventions).") var patient: String?
    @Option(parsing: .unconditional, help: "At most this many.", transform: CountArgument.limit) var limit = 100

    func run() throws {
        try Failure.guarded {
            let context = try Context.open(global)
            let entries = try context.database.auditEntries(patientId: patient, limit: limit, by: context.session)
            if output.json { return try JSONOutput.print(entries.map(AuditJSON.init)) }
            var table = TextTable("WHEN (UTC)", "WHO", "ACTION", "ENTITY", "ID", "OK", "FROM")
            for e in entries {
                table.add(Instant.utcString(e.at), e.userEmail, e.action.rawValue, e.entityType, e.entityId, e.success ? "yes" : "NO",
                          [e.terminal, e.sshClient].compactMap { $0 }.joined(separator: " "))
            }
            table.print()
        }
    }
}
