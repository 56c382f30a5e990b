import ArgumentParser
import Foundation
import GRDB
import TappDomain
import TappStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export the clinic's data as CSV or JSON.",
                                                    subcommands: [Patients.self, All.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    struct Patients: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export every patient (CSV that `tapp import patients` reads back).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "csv or json.") var format: Format = .csv
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.exportData)
                try OutputFile.writing(output) { sink in
                if format == .csv {
                    sink.write(PatientCSV.exportHeader.map(\.rawValue).joined(separator: ",") + "\n")
                    try context.database.forEachPatient(by: context.session) { p in
                        let input = PatientInput(p.fields)
                        let cells = [input.firstName, input.lastName, input.dateOfBirth, input.phone, input.email, input.address,
                                     input.bloodType, input.medicalNotes, input.notificationChannels,
                                     input.emergencyContactName, input.emergencyContactPhone]
                        sink.write(cells.map { CSVCell.written($0) }.joined(separator: ",") + "\n")
                    }
                } else {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    var first = true
                    sink.write("[\n")
                    try context.database.forEachPatient(by: context.session) { p in
                        sink.write((first ? "" : ",\n") + String(decoding: try encoder.encode(PatientJSON(p, zone: context.zone)), as: UTF8.self))
                        first = false
                    }
                    sink.write("\n]\n")
                }
                }
            }
        }
    }

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every table (users without password hashes): one JSON document, or one CSV file per table in a folder.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "json or csv.") var format: Format = .json
        @Option(help: "For json: a file (default standard output). For csv: a folder to create.") var output: String?

        func validate() throws {
            if format == .csv, output == nil { throw ValidationError("--format csv needs --output FOLDER (one file per table)") }
        }

        func run() throws {
            try Failure.guarded {
                let context = try Context.open(global)
                try context.session.require(.exportData)
                if format == .csv, let output {
                    try OutputFolder.writing(output) { folder in
                        try context.database.forEachTable(by: context.session) { name, columns, rows in
                            try OutputFile.writing("\(folder)/\(name).csv") { sink in
                                sink.write(columns.map { CSVCell.written($0) }.joined(separator: ",") + "\n")
                                while let row = try rows.next() {
                                    sink.write(columns.indices.map { CSVCell.written(ExportCommand.text(row[$0])) }.joined(separator: ",") + "\n")
                                }
                            }
                        }
                    }
                    return
                }
                try OutputFile.writing(output) { sink in
                sink.write("{")
                var firstTable = true
                try context.database.forEachTable(by: context.session) { name, columns, rows in
                    sink.write((firstTable ? "\n" : ",\n") + "\"\(name)\": [")
                    firstTable = false
                    var firstRow = true
                    while let row = try rows.next() {
                        var object: [String: Any] = [:]
                        for (i, column) in columns.enumerated() { object[column] = ExportCommand.json(row[i]) }
                        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                        sink.write((firstRow ? "\n" : ",\n") + String(decoding: data, as: UTF8.self))
                        firstRow = false
                    }
                    sink.write("]")
                }
                sink.write("\n}\n")
                }
            }
        }
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let b): b.base64EncodedString()
        }
    }

    static func json(_ value: DatabaseValue) -> Any {
        switch value.storage {
        case .null: NSNull()
        case .int64(let i): i
        case .double(let d): d
        case .string(let s): s
        case .blob(let b): b.base64EncodedString()
        }
    }
}

/// Standard output, or a new file created mode 0600 (exports hold patient data).
