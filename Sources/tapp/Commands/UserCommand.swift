import ArgumentParser
import Foundation
import TappDomain
import TappStore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage who signs in (administrators).",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Passwd.self, LinkOSUser.self])

    /// The new password: the next line of standard input (after yours, if you gave --user).
    static func newPassword(for email: String) throws -> String {
        guard let password = StandardInput.secret(prompt: "New password for \(email): ") else {
            throw ClinicError.invalid(ValidationFailure([FieldError("password", "give it on standard input")]))
        }
        return password
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is read from standard input.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Email, used to sign in.") var email: String
        @Option(help: "First name.") var firstName: String
        @Option(help: "Last name.") var lastName: String
        @Option(help: "ADMIN, DOCTOR, NURSE or RECEPTIONIST.") var role: String
        @Option(help: "Phone.") var phone = ""
        @Option(help: "Time zone.") var timezone = "Africa/Douala"
        @Option(help: "A doctor's speciality.") var speciality = ""
        @Option(help: "A doctor's licence number.") var license = ""

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.manageUsers)
                let user = try context.database.addUser(
                    UserInput(email: email, firstName: firstName, lastName: lastName, phone: phone, role: role, timezone: timezone,
                              password: try UserCommand.newPassword(for: email), speciality: speciality, license: license),
                    by: context.session)
                if output.json { try JSONOutput.print(UserJSON(user)) } else { print("User \(user.email) (\(user.role.rawValue)) added: \(user.id)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(parsing: .unconditional, help: "At most this many.", transform: CountArgument.limit) var limit = 500

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                let users = Array(try context.database.users(by: context.session).prefix(limit))
                if output.json { return try JSONOutput.print(users.map { UserJSON($0) }) }
                var table = TextTable("EMAIL", "NAME", "ROLE", "ACTIVE", "UNIX")
                for u in users { table.add(u.email, u.fullName, u.role.rawValue, u.isActive ? "yes" : "no", u.osUser) }
                table.print()
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a user from signing in.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email.") var email: String
        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                _ = try context.database.setUserActive(email: email, false, by: context.session)
                print("User \(email) disabled.")
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a disabled user sign in again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email.") var email: String
        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                _ = try context.database.setUserActive(email: email, true, by: context.session)
                print("User \(email) enabled.")
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (from standard input) and lift a lock.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email.") var email: String
        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.manageUsers)
                _ = try context.database.setPassword(email: email, try UserCommand.newPassword(for: email), by: context.session)
                print("Password of \(email) changed.")
            }
        }
    }

    struct LinkOSUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link-os-user", abstract: "Let a Unix account sign in as this user without a password.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email.") var email: String
        @Argument(help: "The Unix account name (omit with --unlink).") var osUser: String?
        @Flag(help: "Remove the link.") var unlink = false

        func validate() throws {
            if !unlink, osUser == nil { throw ValidationError("give the Unix account name, or --unlink") }
        }

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                _ = try context.database.linkOSUser(email: email, osUser: unlink ? nil : osUser, by: context.session)
                print(unlink ? "User \(email) no longer linked to a Unix account." : "Unix account \(osUser ?? "") signs in as \(email).")
            }
        }
    }
}
