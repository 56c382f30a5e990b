import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the clinic database; --demo fills a demo clinic.",
        discussion: """
            Without --demo, an empty database gets its clinic and first administrator from --clinic-name and
            --admin-email, with the password on standard input. On an existing database, init only upgrades the schema.
            Demo accounts (for trying out only): admin@, doctor@, nurse@, reception@meditache.com, password admin123.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Fill a realistic demo clinic.") var demo = false
    @Option(help: "Demo patients (50 to 1000000).") var patients = 500
    @Option(help: "Demo seed: the same seed gives the same clinic.") var seed: UInt64 = 42
    @Option(help: "Email of the first administrator.") var adminEmail: String?
    @Option(help: "First name of the first administrator.") var adminFirstName = "Admin"
    @Option(help: "Last name of the first administrator.") var adminLastName = "Clinique"
    @Option(help: "Name of the clinic.") var clinicName = "Clinique"
    @Option(help: "Calling code of the phone numbers typed without one (default 237, Cameroon).") var phoneCallingCode: String?
    @Option(parsing: .unconditional, help: "National digits of those numbers (default 9).") var phoneNationalDigits: String?

    /// The phone country given, if any (both options, or one with the other's Cameroonian default).
    func phoneCountry() throws -> PhoneCountry? {
        guard phoneCallingCode != nil || phoneNationalDigits != nil else { return nil }
        return try PhoneSettingArguments.country(callingCode: phoneCallingCode ?? "237", nationalDigits: phoneNationalDigits ?? "9")
    }

    func validate() throws {
        guard (50...1_000_000).contains(patients) else { throw ValidationError("--patients must be between 50 and 1000000") }
    }

    func run() throws {
        try Failure.guarded {
            let path = global.databasePath
            if demo {
                let started = Date()
                let (_, summary) = try DemoClinic(patients: patients, seed: seed).create(at: path) { done, total in
                    Console.progress("demo", done, total)
                }
                print("Demo clinic written to \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: "
                      + "\(summary.patients) patients, \(summary.consultations) consultations, "
                      + "\(summary.interventions) interventions, \(summary.reminders) reminders.")
                print("Sign in as admin@meditache.com, doctor@meditache.com, nurse@meditache.com or reception@meditache.com, "
                      + "password \(DemoClinic.password).")
                return
            }
            let country = try phoneCountry()
            let database = try Context.openDatabase(global, mustExist: false)
            if let adminEmail {
                guard let password = StandardInput.secret(prompt: "Password for \(adminEmail): ") else {
                    throw ClinicError.invalid(ValidationFailure([FieldError("password", "give it on standard input")]))
                }
                let (organization, user) = try database.setUp(
                    clinicName: clinicName,
                    admin: UserInput(email: adminEmail, firstName: adminFirstName, lastName: adminLastName, role: "ADMIN",
                                     password: password))
                if let country { try database.setPhoneCountry(country, by: .system()) }
                print("Clinic \(organization.name) created in \(path); administrator \(user.email).")
                return
            }
            let migrations = try database.appliedMigrations()
            if try database.organizations().isEmpty {
                throw ClinicError.invalid(ValidationFailure([FieldError("admin-email",
                    "a new database needs its first administrator: --admin-email EMAIL (password on standard input), or --demo")]))
            }
            print("\(path) is up to date (schema: \(migrations.joined(separator: ", "))).")
        }
    }
}
