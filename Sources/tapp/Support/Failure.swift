import ArgumentParser
import Foundation
import TappDomain
import TappStore

/// Runs a command's body and turns any refusal into one line on standard error and an exit status:
/// 65 bad input, 66 not found, 75 someone else changed the record, 77 not allowed or not signed in, 1 anything else.
enum Failure {
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ClinicError {
            throw report(error.description, code: code(error))
        } catch let error as ValidationFailure {
            throw report(error.description, code: 65)
        } catch let error as FieldError {
            throw report(error.description, code: 65)
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            throw report("\(error)", code: 1)
        }
    }

    /// The message with any run of more than 60 characters without a space cut (a 100 KB id or path given on the
    /// command line is never printed back whole).
    static func cut(_ message: String) -> String {
        guard message.utf8.count > 200 else { return message }
        return message.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.count > 60 ? Echo.of(String($0)) : String($0) }.joined(separator: " ")
    }

    static func report(_ message: String, code: Int32) -> ExitCode {
        let message = cut(message)
        PrintedText.toStandardError("tapp: \(message)\n")
        return ExitCode(code)
    }

    static func code(_ error: ClinicError) -> Int32 {
        switch error {
        case .invalid, .duplicate: 65
        case .notFound: 66
        case .staleEdit: 75
        case .denied, .signInFailed: 77
        case .refused, .rule: 1
        }
    }
}

/// Writes to standard error: warnings and progress, which must not mix with data on standard output.
enum Console {
    static func warn(_ message: String) {
        PrintedText.toStandardError("tapp: warning: \(message)\n")
    }

    static var isTerminal: Bool { isatty(2) != 0 }

    /// A progress line redrawn in place on a terminal; nothing when standard error is a file.
    static func progress(_ label: String, _ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var line = "\r\(label) \(bar) \(done)/\(total)"
        if done >= total { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
