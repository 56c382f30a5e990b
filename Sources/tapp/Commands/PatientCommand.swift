import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct PatientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient", abstract: "Register, find, show, edit and delete patients.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self, Link.self, Unlink.self, Duplicates.self, Merge.self,
                      Unmerge.self, NotDuplicates.self])

    /// The patient fields as options, shared by add and edit.
    struct Fields: ParsableArguments {
        @Option(help: "First name.") var firstName: String?
        @Option(help: "Last name.") var lastName: String?
        @Option(help: "Date of birth, YYYY-MM-DD.") var birthdate: String?
        @Option(help: "Phone number, e.g. +237 699 12 34 56.") var phone: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "Postal address.") var address: String?
        @Option(help: "Blood group: A+, A-, B+, B-, AB+, AB-, O+, O-.") var bloodType: String?
        @Option(help: "Medical notes (doctors and administrators only).") var medicalNotes: String?
        @Option(help: "Channels the patient accepts reminders on: SMS,EMAIL,PUSH.") var channels: String?
        @Option(help: "Emergency contact's name.") var emergencyContact: String?
        @Option(help: "Emergency contact's phone.") var emergencyPhone: String?

        /// The input with the given options laid over `base`.
        func applied(to base: PatientInput) -> PatientInput {
            var input = base
            if let firstName { input.firstName = firstName }
            if let lastName { input.lastName = lastName }
            if let birthdate { input.dateOfBirth = birthdate }
            if let phone { input.phone = phone }
            if let email { input.email = email }
            if let address { input.address = address }
            if let bloodType { input.bloodType = bloodType }
            if let medicalNotes { input.medicalNotes = medicalNotes }
            if let channels { input.notificationChannels = channels }
            if let emergencyContact { input.emergencyContactName = emergencyContact }
            if let emergencyPhone { input.emergencyContactPhone = emergencyPhone }
            return input
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a patient.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var fields: Fields
        @Flag(help: "Register the patient even if likely registered already (written to the audit log).") var allowDuplicate = false

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let patient: Patient
                do {
                    patient = try context.database.addPatient(fields.applied(to: PatientInput()), allowDuplicate: allowDuplicate,
                                                              by: context.session)
                } catch let refusal as LikelyDuplicate {
                    throw try LikelyDuplicateReport.report(refusal, json: output.json)
                }
                if output.json { try JSONOutput.print(PatientJSON(patient, zone: context.zone)) }
                else { print("Patient \(patient.fullName) registered: \(patient.id)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List patients, alphabetically, or search them.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Names, phone digits or email, accents ignored.") var search = ""
        @Flag(help: "Only the patients whose phone could not be read as a number (kept as typed): fix them with patient edit.")
        var badPhones = false
        @Option(parsing: .unconditional, help: "At most this many.", transform: CountArgument.limit) var limit = 50
        @Option(parsing: .unconditional, help: "Skip this many (for the next page).", transform: CountArgument.offset) var offset = 0

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.readPatients)
                let patients = badPhones
                    ? try context.database.patientsWithBadPhones(limit: limit, offset: offset, by: context.session)
                    : try context.database.patients(matching: search, limit: limit, offset: offset, by: context.session)
                if output.json { return try JSONOutput.print(patients.map { PatientJSON($0, zone: context.zone) }) }
                var table = TextTable("ID", "NAME", "BORN", "PHONE", "EMAIL")
                for p in patients {
                    table.add(p.id, "\(p.lastName.uppercased()) \(p.firstName)", p.dateOfBirth?.description,
                              p.phone.map { PhoneNumber.grouped($0) }, p.email)
                }
                table.print()
                if badPhones { return print("\(patients.count) patient(s) with a phone that is not a number.") }
                if patients.isEmpty, offset == 0, !search.isEmpty {
                    let suggestions = try context.database.didYouMean(search, by: context.session)
                    if !suggestions.isEmpty { print("Nobody found. Did you mean: \(suggestions.joined(separator: ", "))?") }
                }
                let total = try context.database.patientCount(matching: search)
                print(PageLine.text(offset: offset, shown: patients.count, total: total))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a patient's full record (written to the audit log).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The patient's id.") var id: String

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let record = try context.database.patientRecord(id: id, by: context.session)
                if output.json { return try JSONOutput.print(PatientRecordJSON(record, zone: context.zone)) }
                PatientReport(record: record, zone: context.zone, clinical: context.session.can(.readClinical)).print()
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a patient's fields; an empty value clears one.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The patient's id.") var id: String
        @Option(parsing: .unconditional, help: "Refuse the edit unless the record is still at this version (as you read it).", transform: CountArgument.version) var expectVersion: Int?
        @OptionGroup var fields: Fields

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let current = try context.database.patient(id: id, by: context.session)
                let patient = try context.database.updatePatient(
                    id: id, expectedVersion: expectVersion ?? current.version,
                    fields.applied(to: PatientInput(current.fields)), by: context.session)
                if output.json { try JSONOutput.print(PatientJSON(patient, zone: context.zone)) }
                else { print("Patient \(patient.fullName) saved (version \(patient.version)).") }
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a patient with no clinical history (administrators).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var id: String
        @Option(parsing: .unconditional, help: "Refuse unless the record is still at this version.", transform: CountArgument.version) var expectVersion: Int?

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.database.deletePatient(id: id, expectedVersion: expectVersion, by: context.session)
                print("Patient \(id) deleted.")
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link a patient to an organization.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var id: String
        @Option(help: "The organization's id (default: your own).") var organization: String?
        @Option(help: "The patient's role there.") var role: String?

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                guard let organizationId = organization ?? context.session.organizationId else {
                    throw ValidationError("give --organization")
                }
                _ = try context.database.linkPatient(id, toOrganization: organizationId, role: role, by: context.session)
                print("Patient \(id) linked to organization \(organizationId).")
            }
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a patient's link to an organization (kept as history).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's id.") var id: String
        @Option(help: "The organization's id (default: your own).") var organization: String?

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                guard let organizationId = organization ?? context.session.organizationId else {
                    throw ValidationError("give --organization")
                }
                _ = try context.database.unlinkPatient(id, fromOrganization: organizationId, by: context.session)
                print("Patient \(id) no longer linked to organization \(organizationId).")
            }
        }
    }
}
