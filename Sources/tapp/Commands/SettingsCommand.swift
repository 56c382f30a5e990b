import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change the clinic's settings.", subcommands: [Show.self, Phone.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the clinic's settings.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                print("phone country: \(try context.database.phoneCountry())")
            }
        }
    }

    struct Phone: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the country of the phone numbers typed without a country code (administrators).",
            discussion: "Numbers already stored keep their country code. Cameroon: --calling-code 237 --national-digits 9.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The country's calling code, e.g. 237.") var callingCode: String
        @Option(parsing: .unconditional, help: "How many digits a national number has, e.g. 9.") var nationalDigits: String

        func run() throws {
            try Failure.guarded {
                let country = try PhoneSettingArguments.country(callingCode: callingCode, nationalDigits: nationalDigits)
                let context = try Context.open(global)
                try context.database.setPhoneCountry(country, by: context.session)
                print("Phone numbers typed without a country code are now read as \(country).")
            }
        }
    }
}

/// The phone country as given on the command line (`settings phone`, `init`), refused naming the option.
enum PhoneSettingArguments {
    static func country(callingCode: String, nationalDigits: String) throws(FieldError) -> PhoneCountry {
        guard let digits = Int(nationalDigits.trimmingCharacters(in: .whitespaces)) else {
            throw FieldError("nationalDigits", "must be a whole number such as 9 (got \"\(Echo.of(nationalDigits))\")")
        }
        return try PhoneCountry(callingCode: callingCode, nationalDigits: digits)
    }
}
