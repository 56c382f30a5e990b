import ArgumentParser
import Foundation
import TappDomain
import TappStore

/// `tapp patient duplicates`, `merge`, `unmerge`, `not-duplicates`: finding the patients registered twice, and settling them.
extension PatientCommand {
    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List likely duplicate patients, best first (administrators and doctors).",
            discussion: """
                Compares patients whose names sound alike, born on the same day (or with day and month swapped, or one digit
                apart), or sharing a phone or an email; a shared phone alone is not enough (families share one). By default,
                only pairs worth acting on (score \(DuplicateScore.threshold) or more). Settle a pair with `tapp patient merge`,
                or `tapp patient not-duplicates` when they are two people.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(parsing: .unconditional, help: "At most this many pairs.", transform: CountArgument.limit) var limit = 50
        @Option(parsing: .unconditional, help: "Only pairs scoring at least this (0 to 1).") var minScore: String?

        struct PairJSON: Encodable {
            let score: Double
            let patientIds: [String]
            let reasons: [String]
        }

        func run() throws {
            try Failure.guarded {
                var threshold = DuplicateScore.threshold
                if let minScore {
                    guard let value = Double(minScore.trimmingCharacters(in: .whitespaces)), value.isFinite, (0...1).contains(value) else {
                        throw ClinicError.invalid(ValidationFailure([FieldError("min-score",
                            "must be a number from 0 to 1, such as 0.9 (got \"\(Echo.of(minScore))\")")]))
                    }
                    threshold = value
                }
                let context = try Context.open(global)
                let pairs = try context.database.duplicatePairs(minScore: threshold, limit: limit, by: context.session) { done, total in
                    Console.progress("scan", done, total)
                }
                if output.json {
                    return try JSONOutput.print(pairs.map { PairJSON(score: $0.score.score, patientIds: $0.patientIds, reasons: $0.score.reasons) })
                }
                var table = TextTable("SCORE", "PATIENT", "BORN", "PHONE", "OTHER PATIENT", "BORN", "PHONE", "WHY")
                for pair in pairs {
                    let a = try context.database.patient(id: pair.firstId, by: context.session)
                    let b = try context.database.patient(id: pair.secondId, by: context.session)
                    table.add(String(format: "%.3f", pair.score.score), "\(a.lastName.uppercased()) \(a.firstName) \(a.id)",
                              a.dateOfBirth?.description, a.phone.map { PhoneNumber.grouped($0) },
                              "\(b.lastName.uppercased()) \(b.firstName) \(b.id)", b.dateOfBirth?.description,
                              b.phone.map { PhoneNumber.grouped($0) }, pair.score.reasons.joined(separator: ", "))
                }
                table.print()
                print("\(pairs.count) likely duplicate pair(s).")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge OTHER into KEEP (administrators): one record for one person.",
            discussion: """
                KEEP keeps its fields, each empty one filled from OTHER; OTHER's consultations, interventions (with their
                reminders) and organization links move to KEEP. OTHER stays as "merged into KEEP": its id opens KEEP, it leaves
                lists and search. Both records are kept as they were: `tapp patient unmerge KEEP OTHER` undoes it.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The patient to keep.") var keep: String
        @Argument(help: "The patient merged into it.") var other: String
        @Flag(help: "Do not ask for confirmation.") var yes = false

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.mergePatients)
                let a = try context.database.patient(id: keep, by: context.session)
                let b = try context.database.patient(id: other, by: context.session)
                if !yes {
                    guard isatty(0) != 0 else {
                        throw ClinicError.refused("merging asks for confirmation: run it at a terminal, or give --yes")
                    }
                    PrintedText.toStandardError("Merge \(b.lastName.uppercased()) \(b.firstName) (\(b.id)) into "
                        + "\(a.lastName.uppercased()) \(a.firstName) (\(a.id))? [y/N] ")
                    guard let answer = readLine(), ["y", "yes", "o", "oui"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces)) else {
                        throw ClinicError.refused("not merged")
                    }
                }
                let kept = try context.database.merge(keep: keep, other: other, by: context.session)
                if output.json { return try JSONOutput.print(PatientJSON(kept, zone: context.zone)) }
                print("Patient \(b.id) merged into \(kept.fullName) (\(kept.id)); undo with: tapp patient unmerge \(kept.id) \(b.id)")
            }
        }
    }

    struct Unmerge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo the merge of OTHER into KEEP (administrators): both records as they were.",
            discussion: "What was added to KEEP since the merge stays on KEEP.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient kept by the merge.") var keep: String
        @Argument(help: "The patient merged into it.") var other: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.database.unmerge(keep: keep, other: other, by: context.session)
                print("Patient \(other) is a record of its own again.")
            }
        }
    }

    struct NotDuplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "not-duplicates",
            abstract: "Record that two patients are not the same person: the scan stops offering the pair.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "One patient.") var first: String
        @Argument(help: "The other.") var second: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.database.dismissDuplicate(first, second, by: context.session)
                print("Patients \(first) and \(second) are two people; the scan will not offer them again.")
            }
        }
    }
}

/// A refused registration of someone likely registered already, as `tapp patient add` reports it.
enum LikelyDuplicateReport {
    struct MatchJSON: Encodable {
        let id: String
        let name: String
        let dateOfBirth: String?
        let phone: String?
        let score: Double
        let reasons: [String]
    }

    struct ErrorJSON: Encodable {
        let error: String
        let likelyDuplicates: [MatchJSON]
    }

    /// Exit status of a refused likely duplicate.
    static let status: Int32 = 65

    static func report(_ refusal: LikelyDuplicate, json: Bool) throws -> ExitCode {
        if json {
            try JSONOutput.print(ErrorJSON(error: "likely duplicate", likelyDuplicates: refusal.matches.map {
                MatchJSON(id: $0.patient.id, name: "\($0.patient.lastName.uppercased()) \($0.patient.firstName)",
                          dateOfBirth: $0.patient.dateOfBirth?.description, phone: $0.patient.phone, score: $0.score, reasons: $0.reasons)
            }))
        }
        return Failure.report(refusal.description, code: status)
    }
}
