import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The clinic at a glance: patients, today, the coming interventions, reminders.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    struct DashboardJSON: Encodable {
        let patients: Int, consultationsToday: Int
        let interventionsNext24h: Int, interventionsNext7d: Int, interventionsNext30d: Int
        let remindersDue: Int, remindersPending: Int, remindersFailed: Int
        let reminderSuccessRate: Double?
        let consultationsPerDay: [Day]
        let upcoming: [InterventionJSON]
        struct Day: Encodable { let day: String, count: Int }
    }

    func run() throws {
        try Failure.guarded {
            let context = try Context.open(global)
            let board = try context.database.dashboard(zone: context.zone, by: context.session)
            if output.json {
                return try JSONOutput.print(DashboardJSON(
                    patients: board.patients, consultationsToday: board.consultationsToday,
                    interventionsNext24h: board.interventionsNext24h, interventionsNext7d: board.interventionsNext7d,
                    interventionsNext30d: board.interventionsNext30d, remindersDue: board.remindersDue,
                    remindersPending: board.remindersPending, remindersFailed: board.remindersFailed,
                    reminderSuccessRate: board.reminderSuccessRate,
                    consultationsPerDay: board.consultationsPerDay.map { .init(day: $0.day.description, count: $0.count) },
                    upcoming: board.upcoming.map { InterventionJSON($0, zone: context.zone) }))
            }
            print("Patients: \(board.patients)    Consultations today: \(board.consultationsToday)")
            print("Interventions to come: \(board.interventionsNext24h) in 24 h, \(board.interventionsNext7d) in 7 days, "
                  + "\(board.interventionsNext30d) in 30 days")
            let rate = board.reminderSuccessRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "–"
            print("Reminders: \(board.remindersDue) due, \(board.remindersPending) pending, \(board.remindersFailed) failed; success \(rate)")
            print("Consultations per day, last 30 days: \(Sparkline.bars(board.consultationsPerDay.map(\.count)))")
            let names = try context.database.patientNames(board.upcoming.map(\.patientId))
            for i in board.upcoming {
                print("  \(Instant.display(i.scheduledAt, zone: context.zone))  \(i.priority == .urgent ? "URGENT" : "      ")  "
                      + "\(i.title)  \(names[i.patientId] ?? i.patientId)")
            }
        }
    }
}

/// A row of Unicode blocks, one per value, scaled to the largest.
enum Sparkline {
    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func bars(_ values: [Int]) -> String {
        let top = max(1, values.max() ?? 1)
        return String(values.map { blocks[($0 * (blocks.count - 1) + top - 1) / top] })
    }
}
