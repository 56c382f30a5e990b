import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct ConsultationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consultation", abstract: "Record, list, show and edit consultations.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self])

    struct Fields: ParsableArguments {
        @Option(help: "The patient's id.") var patient: String?
        @Option(help: "The doctor's id (default: your own doctor profile).") var doctor: String?
        @Option(help: "Date and time, YYYY-MM-DDTHH:MM (clinic time) or with an offset.") var at: String?
        @Option(help: "Reason for the visit.") var reason: String?
        @Option(help: "Diagnosis.") var diagnosis: String?
        @Option(help: "Treatment.") var treatment: String?
        @Option(help: "Notes.") var notes: String?
        @Option(help: "A path or URL attached (repeatable).") var attachment: [String] = []
        @Option(help: "SCHEDULED, COMPLETED or CANCELLED.") var status: String?

        func applied(to base: ConsultationInput) -> ConsultationInput {
            var input = base
            if let patient { input.patientId = patient }
            if let doctor { input.doctorId = doctor }
            if let at { input.dateTime = at }
            if let reason { input.reason = reason }
            if let diagnosis { input.diagnosis = diagnosis }
            if let treatment { input.treatment = treatment }
            if let notes { input.notes = notes }
            if !attachment.isEmpty { input.attachments = attachment.joined(separator: "\n") }
            if let status { input.status = status }
            return input
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a consultation (doctors and administrators).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var fields: Fields

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                var input = ConsultationInput()
                input.doctorId = try context.ownDoctorId() ?? ""
                let consultation = try context.database.addConsultation(fields.applied(to: input), by: context.session)
                if output.json { try JSONOutput.print(ConsultationJSON(consultation, zone: context.zone)) }
                else { print("Consultation recorded: \(consultation.id)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List consultations, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var range: DateRangeOptions
        @Option(help: "Only this doctor's.") var doctor: String?
        @Option(help: "Only this patient's.") var patient: String?
        @Option(help: "SCHEDULED, COMPLETED or CANCELLED.") var status: String?
        @Option(parsing: .unconditional, help: "At most this many.", transform: CountArgument.limit) var limit = 50

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                var filter = ConsultationFilter()
                (filter.from, filter.to) = try range.interval(zone: context.zone)
                filter.doctorId = doctor
                filter.patientId = patient
                filter.status = try status.map { try ConsultationStatus.parse($0, field: "status") }
                filter.limit = limit
                let rows = try context.database.consultations(filter, by: context.session)
                if output.json { return try JSONOutput.print(rows.map { ConsultationJSON($0, zone: context.zone) }) }
                var table = TextTable("ID", "WHEN", "STATUS", "PATIENT", "REASON")
                let names = try context.database.patientNames(rows.map(\.patientId))
                for c in rows {
                    table.add(c.id, Instant.display(c.dateTime, zone: context.zone), c.status.rawValue, names[c.patientId] ?? c.patientId, c.reason)
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one consultation (nurses, doctors, administrators).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The consultation's id.") var id: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let c = try context.database.consultation(id: id, by: context.session)
                if output.json { return try JSONOutput.print(ConsultationJSON(c, zone: context.zone)) }
                print("Consultation \(c.id) (version \(c.version))")
                for (label, value) in [("When", Instant.display(c.dateTime, zone: context.zone)), ("Status", c.status.rawValue),
                                       ("Patient", c.patientId), ("Doctor", c.doctorId), ("Reason", c.reason ?? ""),
                                       ("Diagnosis", c.diagnosis ?? ""), ("Treatment", c.treatment ?? ""), ("Notes", c.notes ?? ""),
                                       ("Attachments", c.attachments.joined(separator: ", "))] where !value.isEmpty {
                    print("  \(label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(value)")
                }
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a consultation; an empty value clears a field.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The consultation's id.") var id: String
        @Option(parsing: .unconditional, help: "Refuse the edit unless the record is still at this version.", transform: CountArgument.version) var expectVersion: Int?
        @OptionGroup var fields: Fields

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let current = try context.database.consultation(id: id, by: context.session)
                let saved = try context.database.updateConsultation(
                    id: id, expectedVersion: expectVersion ?? current.version,
                    fields.applied(to: ConsultationInput(current.fields, zone: context.zone)), by: context.session)
                if output.json { try JSONOutput.print(ConsultationJSON(saved, zone: context.zone)) }
                else { print("Consultation \(saved.id) saved (version \(saved.version)).") }
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a consultation entered by mistake (SCHEDULED or CANCELLED; a completed one is history).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The consultation's id.") var id: String
        @Option(parsing: .unconditional, help: "Refuse unless the record is still at this version.", transform: CountArgument.version) var expectVersion: Int?

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.database.deleteConsultation(id: id, expectedVersion: expectVersion, by: context.session)
                print("Consultation \(id) deleted.")
            }
        }
    }
}
