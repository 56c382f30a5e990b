import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct ReminderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminder", abstract: "List reminders, retry failed ones, record confirmations.",
        subcommands: [List.self, Retry.self, Confirm.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reminders by planned send time.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Only PENDING reminders whose time has come.") var due = false
        @Option(help: "PENDING, SENT, FAILED, CANCELLED or CONFIRMED.") var status: String?
        @Option(help: "Only this intervention's.") var intervention: String?
        @Option(help: "At most this many.") var limit = 50

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                var filter = ReminderFilter()
                filter.status = try status.map { try ReminderStatus.parse($0, field: "status") }
                filter.dueAt = due ? Date() : nil
                filter.interventionId = intervention
                filter.limit = limit
                let rows = try context.database.reminders(filter, by: context.session)
                if output.json { return try JSONOutput.print(rows.map { ReminderJSON($0, zone: context.zone) }) }
                var table = TextTable("ID", "SEND AT", "CHANNEL", "STATUS", "TO", "ERROR")
                for r in rows {
                    table.add(r.id, Instant.display(r.plannedSendAt, zone: context.zone), r.channel.rawValue, r.status.rawValue,
                              r.recipient, r.lastError)
                }
                table.print()
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a FAILED reminder back to be sent.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The reminder's id.") var id: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let reminder = try context.database.retryReminder(id: id, by: context.session)
                print("Reminder \(reminder.id) is \(reminder.status.rawValue) again.")
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the patient confirmed a SENT reminder.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The reminder's id.") var id: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let reminder = try context.database.confirmReminder(id: id, by: context.session)
                print("Reminder \(reminder.id) is \(reminder.status.rawValue).")
            }
        }
    }
}
