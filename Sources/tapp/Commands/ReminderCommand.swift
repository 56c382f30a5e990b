import ArgumentParser
import Foundation
import TappDomain
import TappNotify
import TappStore

struct ReminderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminder", abstract: "List reminders, retry failed ones, record confirmations.",
        subcommands: [List.self, Send.self, Retry.self, Confirm.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reminders by planned send time.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Only PENDING reminders whose time has come.") var due = false
        @Option(help: "PENDING, SENT, FAILED, CANCELLED or CONFIRMED.") var status: String?
        @Option(help: "Only this intervention's.") var intervention: String?
        @Option(parsing: .unconditional, help: "At most this many.", transform: CountArgument.limit) var limit = 50

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

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the reminders that are due, each exactly once (for cron).",
            discussion: """
                Due PENDING reminders, and FAILED ones whose next attempt has come (5, 10, 20, 40 minutes after each \
                failure, at most 5 attempts), go through the provider: --provider outbox --outbox FILE appends one JSON \
                line per message; --provider command --command PROGRAM runs PROGRAM CHANNEL RECIPIENT with the text on \
                standard input (e.g. a script around gammu-smsd-inject or sendmail). Each outcome is kept: SENT, or \
                FAILED with the reason, and a notification log. --dry-run only shows what would go.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Show what would go; send nothing, change nothing.") var dryRun = false
        @Option(help: "outbox or command.") var provider: String?
        @Option(help: "With --provider outbox: the file.") var outbox: String?
        @Option(help: "With --provider command: the program.") var command: String?
        @Flag(help: "Messages in English (French by default, as the server sends them).") var english = false

        func validate() throws {
            guard !dryRun else { return }
            switch provider {
            case "outbox": if outbox == nil { throw ValidationError("--provider outbox needs --outbox FILE") }
            case "command": if command == nil { throw ValidationError("--provider command needs --command PROGRAM") }
            case nil: throw ValidationError("give --provider outbox|command (or --dry-run)")
            default: throw ValidationError("--provider must be outbox or command")
            }
        }

        struct OutgoingJSON: Encodable { let id: String, channel: String, to: String?, text: String, problem: String? }

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.handleReminders)
                // A patient never gets the same reminder from both: when the server sends this clinic's reminders, tapp
                // sends none, and a dry run says so too rather than list reminders that would not go.
                if let account = try context.database.syncAccount(), account.reminderOwner == "server" {
                    throw ClinicError.refused("this clinic's reminders are sent by the TappPlus server (`tapp sync login … --reminders server`): "
                        + "tapp sends none, so that no patient gets one twice; sign in again with --reminders clinic to send them here")
                }
                if dryRun {
                    let due = try context.database.outgoingReminders(french: !english)
                    if output.json {
                        return try JSONOutput.print(due.map {
                            OutgoingJSON(id: $0.reminder.id, channel: $0.reminder.channel.rawValue, to: $0.recipient, text: $0.text, problem: $0.problem)
                        })
                    }
                    for item in due {
                        print("\(item.reminder.channel.rawValue) → \(item.recipient ?? "(nobody: \(item.problem ?? "?"))")  \(item.patientName)")
                        print("    \(item.text)")
                    }
                    print("\(due.count) reminder(s) would go.")
                    return
                }
                ignoreBrokenPipes()
                let sender: any MessageProvider
                if provider == "outbox", let outbox { sender = OutboxProvider(path: outbox) }
                else if let command { sender = CommandProvider(program: command) }
                else { throw ValidationError("--provider outbox needs --outbox FILE, --provider command needs --command PROGRAM") }
                let report = try context.database.sendDueReminders(through: sender, by: context.session, french: !english)
                print("\(report.sent) sent, \(report.failed) failed, \(report.cancelled) cancelled (intervention closed)"
                      + (report.interrupted > 0 ? ", \(report.interrupted) marked FAILED after an interrupted run" : "") + ".")
                if report.failed > 0 || report.interrupted > 0 { throw ExitCode(3) }
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
