import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct InterventionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervention", abstract: "Book, list, show, change, start, finish and cancel interventions.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self, Start.self, Done.self, Cancel.self])

    struct Fields: ParsableArguments {
        @Option(help: "The patient's id.") var patient: String?
        @Option(help: "The doctor's id (default: your own doctor profile).") var doctor: String?
        @Option(help: "The organization's id (default: your own).") var organization: String?
        @Option(help: "The type: Surgery, Examination, Vaccination, Post-op follow-up, Check-up, Other, or free text.") var title: String?
        @Option(help: "Date and time, YYYY-MM-DDTHH:MM (clinic time) or with an offset.") var at: String?
        @Option(help: "NORMAL or URGENT.") var priority: String?
        @Option(help: "Where it takes place.") var location: String?
        @Option(help: "Description.") var description: String?
        @Option(parsing: .unconditionalSingleValue, help: "A reminder rule, OFFSET:CHANNEL[:off] (e.g. -1440:SMS, J-7:EMAIL, H-2); repeatable. Default: -1440:SMS and -60:SMS.")
        var rule: [String] = []

        func applied(to base: InterventionInput) -> InterventionInput {
            var input = base
            if let patient { input.patientId = patient }
            if let doctor { input.doctorId = doctor }
            if let organization { input.organizationId = organization }
            if let title { input.title = title }
            if let at { input.scheduledAt = at }
            if let priority { input.priority = priority }
            if let location { input.location = location }
            if let description { input.description = description }
            return input
        }

        func rules() throws -> [ReminderRuleSpec] {
            try rule.map { text throws(FieldError) in try ReminderRuleSpec.parse(text) }
        }
    }

    static func warnIfRefused(_ intervention: Intervention, zone: TimeZone) {
        if intervention.serverWillRefuse(now: Date()) {
            Console.warn("\(Instant.display(intervention.scheduledAt, zone: zone)) is already past: recorded here, "
                         + "but the TappPlus server refuses interventions in the past, so it will not sync")
        }
    }

    static func show(_ i: Intervention, context: Context, json: Bool) throws {
        let detail = try context.database.intervention(id: i.id, by: context.session)
        if json {
            return try JSONOutput.print(InterventionJSON(i, zone: context.zone, rules: detail.rules, reminders: detail.reminders))
        }
        print("\(i.title)  \(Instant.display(i.scheduledAt, zone: context.zone))  \(i.priority.rawValue)  \(i.status.rawValue)")
        print("  id \(i.id) (version \(i.version)), patient \(i.patientId), doctor \(i.doctorId)")
        if let location = i.location { print("  location \(location)") }
        if let description = i.description { print("  \(description)") }
        print("  rules: \(detail.rules.map(\.spec.label).joined(separator: ", "))")
        for r in detail.reminders {
            print("  reminder \(r.channel.rawValue) \(Instant.display(r.plannedSendAt, zone: context.zone)) \(r.status.rawValue)")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Book an intervention and make its reminders.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var fields: Fields

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                var input = InterventionInput()
                input.doctorId = try context.ownDoctorId() ?? ""
                input.organizationId = context.session.organizationId ?? ""
                let intervention = try context.database.addIntervention(fields.applied(to: input), rules: try fields.rules(),
                                                                         by: context.session)
                InterventionCommand.warnIfRefused(intervention, zone: context.zone)
                if output.json { return try InterventionCommand.show(intervention, context: context, json: true) }
                print("Intervention booked: \(intervention.id)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List interventions, soonest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var range: DateRangeOptions
        @Option(parsing: .unconditional, help: "Only the next N days (PLANNED and IN_PROGRESS).", transform: CountArgument.days)
        var upcoming: Int?
        @Option(help: "Only this doctor's.") var doctor: String?
        @Option(help: "Only this patient's.") var patient: String?
        @Option(help: "PLANNED, IN_PROGRESS, DONE or CANCELED.") var status: String?
        @Option(help: "NORMAL or URGENT.") var priority: String?
        @Option(parsing: .unconditional, help: "At most this many.", transform: CountArgument.limit) var limit = 50

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                var filter = InterventionFilter()
                (filter.from, filter.to) = try range.interval(zone: context.zone)
                if let upcoming {
                    filter.from = Date()
                    filter.to = Date().addingTimeInterval(Double(upcoming) * 86_400)
                }
                filter.doctorId = doctor
                filter.patientId = patient
                filter.status = try status.map { try InterventionStatus.parse($0, field: "status") }
                filter.priority = try priority.map { try InterventionPriority.parse($0, field: "priority") }
                filter.limit = limit
                var rows = try context.database.interventions(filter, by: context.session)
                if upcoming != nil { rows = rows.filter { !$0.status.isClosed } }
                if output.json { return try JSONOutput.print(rows.map { InterventionJSON($0, zone: context.zone) }) }
                var table = TextTable("ID", "WHEN", "PRIORITY", "STATUS", "TITLE", "PATIENT")
                let names = try context.database.patientNames(rows.map(\.patientId))
                for i in rows {
                    table.add(i.id, Instant.display(i.scheduledAt, zone: context.zone), i.priority.rawValue, i.status.rawValue, i.title,
                              names[i.patientId] ?? i.patientId)
                }
                table.print()
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an intervention with its rules and reminders.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The intervention's id.") var id: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let detail = try context.database.intervention(id: id, by: context.session)
                try InterventionCommand.show(detail.intervention, context: context, json: output.json)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an intervention; a new time or --rule remakes its reminders.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The intervention's id.") var id: String
        @Option(parsing: .unconditional, help: "Refuse the edit unless the record is still at this version.", transform: CountArgument.version) var expectVersion: Int?
        @OptionGroup var fields: Fields

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let current = try context.database.intervention(id: id, by: context.session).intervention
                let rules = try fields.rules()
                let saved = try context.database.updateIntervention(
                    id: id, expectedVersion: expectVersion ?? current.version,
                    fields.applied(to: InterventionInput(current.fields, zone: context.zone)),
                    rules: rules.isEmpty ? nil : rules, by: context.session)
                InterventionCommand.warnIfRefused(saved, zone: context.zone)
                if output.json { return try InterventionCommand.show(saved, context: context, json: true) }
                print("Intervention \(saved.id) saved (version \(saved.version)).")
            }
        }
    }

    /// Moves an intervention to a new status.
    struct StatusChange {
        static func run(_ global: GlobalOptions, id: String, to status: InterventionStatus, json: Bool) throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let saved = try context.database.setInterventionStatus(id: id, status, by: context.session)
                if json { return try InterventionCommand.show(saved, context: context, json: true) }
                print("Intervention \(saved.id) is \(saved.status.rawValue).")
            }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an intervention IN_PROGRESS.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The intervention's id.") var id: String
        func run() throws { try StatusChange.run(global, id: id, to: .inProgress, json: output.json) }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an intervention DONE; its future reminders are cancelled.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The intervention's id.") var id: String
        func run() throws { try StatusChange.run(global, id: id, to: .done, json: output.json) }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an intervention; its future reminders are cancelled.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The intervention's id.") var id: String
        func run() throws { try StatusChange.run(global, id: id, to: .canceled, json: output.json) }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an intervention booked by mistake (none of its reminders sent yet; else cancel it).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The intervention's id.") var id: String
        @Option(parsing: .unconditional, help: "Refuse unless the record is still at this version.", transform: CountArgument.version) var expectVersion: Int?

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.database.deleteIntervention(id: id, expectedVersion: expectVersion, by: context.session)
                print("Intervention \(id) deleted.")
            }
        }
    }
}
