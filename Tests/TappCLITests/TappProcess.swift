import Foundation

/// Runs the real `tapp` binary, as a user or a script would.
struct TappProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary built beside the test bundle (or `TAPP_BIN`).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["TAPP_BIN"] { return path }
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("tapp").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/tapp").path
        return built
    }

    let database: String
    var environment: [String: String] = [:]

    init(database: String, user: String? = "admin@meditache.com", password: String = "admin123") {
        self.database = database
        if let user {
            environment["TAPP_USER"] = user
            environment["TAPP_PASSWORD"] = password
        }
    }

    /// Starts `tapp ARGS --db DB` and waits for it (at most two minutes).
    func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = try start(arguments, stdin: stdin)
        return try process.finish()
    }

    func start(_ arguments: [String], stdin: String? = nil) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TappProcess.binary)
        process.arguments = arguments + ["--db", database]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TAPP_USER")
        env.removeValue(forKey: "TAPP_PASSWORD")
        env.removeValue(forKey: "TAPP_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return Running(process: process, output: output, errors: errors)
    }

    final class Running {
        let process: Process
        let output: Pipe
        let errors: Pipe
        private var outData = Data(), errData = Data()

        init(process: Process, output: Pipe, errors: Pipe) {
            self.process = process
            self.output = output
            self.errors = errors
        }

        func finish(timeout: TimeInterval = 120) throws -> Result {
            // Read both pipes to the end so that a chatty process never blocks on a full pipe.
            let group = DispatchGroup()
            let out = output.fileHandleForReading, err = errors.fileHandleForReading
            nonisolated(unsafe) var o = Data(), e = Data()
            group.enter()
            DispatchQueue.global().async { o = out.readDataToEndOfFile(); group.leave() }
            group.enter()
            DispatchQueue.global().async { e = err.readDataToEndOfFile(); group.leave() }
            if group.wait(timeout: .now() + timeout) == .timedOut {
                process.terminate()
                throw TimedOut()
            }
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                          stderr: String(decoding: e, as: UTF8.self))
        }
    }

    struct TimedOut: Error {}
}

/// A temporary folder with a demo clinic made by `tapp init --demo`.
struct DemoFolder {
    let url: URL
    var database: String { url.appendingPathComponent("clinic.sqlite").path }

    init(demo: Bool = true, patients: Int = 60) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tapp-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if demo {
            let result = try TappProcess(database: url.appendingPathComponent("clinic.sqlite").path, user: nil)
                .run(["init", "--demo", "--patients", "\(patients)"])
            guard result.status == 0 else { throw SetUpFailed(message: result.stderr) }
        }
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }

    struct SetUpFailed: Error { let message: String }
}
