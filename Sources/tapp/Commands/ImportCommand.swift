import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import records from files.",
                                                    subcommands: [Patients.self])

    struct Patients: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import patients from a CSV file (English or French headers, comma or semicolon).",
            discussion: """
                Good rows are imported and each bad row is reported with its line number; the exit status is then 3.
                With --all-or-nothing, a single bad row imports nothing. A row that is likely a patient already registered, or
                the same person as an earlier row, is reported like a bad row (with the record it matches) unless
                --allow-duplicates.
                Headers: firstName/prénom, lastName/nom, dateOfBirth/date de naissance, phone/téléphone, email/courriel,
                address/adresse, bloodType/groupe sanguin, medicalNotes/notes médicales, notificationChannels,
                emergencyContactName, emergencyContactPhone.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Import nothing if any row is bad.") var allOrNothing = false
        @Flag(help: "Import rows even when they are likely patients already registered, or the same person as an earlier row.")
        var allowDuplicates = false

        struct ReportJSON: Encodable {
            let imported: Int
            let problems: [Problem]
            struct Problem: Encodable { let line: Int, message: String }
        }

        func run() throws {
            try Failure.guarded {
                // The file is read on one core while the sign-in's bcrypt runs on the other.
                let file = file
                let reading = InBackground { () throws -> PatientCSVRows in
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw ClinicError.refused("cannot read \(file)")
                    }
                    let text: String
                    do throws(FieldError) { text = try CSVEncoding.text(Array(data)) } catch {
                        throw ClinicError.invalid(ValidationFailure([error]))
                    }
                    return try PatientCSVRows(csv: text)
                }
                let context = try Context.open(global)
                try context.session.require(.importPatients)
                let rows = try reading.value()
                let report = try context.database.importPatients(rows, allOrNothing: allOrNothing, allowDuplicates: allowDuplicates,
                                                                 by: context.session) { done, total in
                    Console.progress("import", done, total)
                }
                if output.json {
                    try JSONOutput.print(ReportJSON(imported: report.imported,
                                                    problems: report.problems.map { .init(line: $0.line, message: $0.message) }))
                } else {
                    for problem in report.problems { PrintedText.toStandardError("tapp: \(file): \(problem)\n") }
                    print("\(report.imported) patient(s) imported, \(report.problems.count) row(s) refused"
                          + (allOrNothing && !report.problems.isEmpty ? " (--all-or-nothing: nothing imported)" : "") + ".")
                }
                if !report.problems.isEmpty { throw ExitCode(3) }
            }
        }
    }
}
