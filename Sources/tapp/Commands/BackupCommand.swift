import ArgumentParser
import Foundation
import TappStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database consistently while others keep working (administrators).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new file to write (created mode 0600; an existing file is refused).") var file: String

    func run() throws {
        try Failure.guarded {
            let context = try Context.open(global)
            try context.database.backup(to: file, by: context.session) { fraction in
                Console.progress("backup", Int(fraction * 100), 100)
            }
            print("Backup written to \(file).")
        }
    }
}
