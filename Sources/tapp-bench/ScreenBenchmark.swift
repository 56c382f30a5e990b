import Foundation
import TappDomain
import TappStore
import TappTUI

/// The screens' speed: start-up to the first drawn screen, and each keystroke in the patient list (the key handled,
/// the data read, the whole 80×24 grid rendered), on a real database.
struct ScreenBenchmark {
    let path: String
    let rounds: Int

    /// Keys a receptionist presses in the patient list: type-ahead with corrections, then moving through the list.
    static let keys: [Key] = {
        var keys: [Key] = []
        for word in ["nguema", "mballa", "aissatou", "6991", "jean pierre", "ze"] {
            keys += word.map { Key.char($0) }
            keys += [.pageDown, .down, .down, .pageDown, .end, .home]
            keys += Array(repeating: Key.backspace, count: word.count)
        }
        keys += Array(repeating: .pageDown, count: 30) + [.end, .pageUp, .up, .home]
        return keys
    }()

    struct Timings {
        var startup: [Double] = []
        var keystrokes: [Double] = []
        var processStart: [Double] = []
    }

    func run(tappBinary: String?) throws -> Timings {
        var timings = Timings()
        let admin = try ClinicDatabase(path: path).user(email: "admin@meditache.com")
        guard let admin else { throw ClinicError.refused("the benchmark needs the demo clinic (admin@meditache.com)") }
        let session = Session(user: admin, terminal: nil, sshClient: nil)
        for _ in 0..<rounds {
            // Start-up: open the file (migrations checked), make the app on the dashboard, draw it.
            let start = DispatchTime.now()
            let database = try ClinicDatabase(path: path)
            var app = App(database: database, lang: .fr, session: session, now: Date())
            app.resize(rows: 24, columns: 80)
            _ = app.render(rows: 24, columns: 80)
            timings.startup.append(milliseconds(since: start))

            _ = app.handle(.function(3), now: Date())
            for key in Self.keys {
                let t = DispatchTime.now()
                _ = app.handle(key, now: Date())
                _ = app.render(rows: 24, columns: 80)
                timings.keystrokes.append(milliseconds(since: t))
            }
        }
        // What the process itself costs before main runs (loading, Swift runtime): `tapp --version`-like start.
        if let tappBinary {
            for _ in 0..<rounds {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tappBinary)
                process.arguments = ["--help"]
                process.standardOutput = FileHandle.nullDevice
                let t = DispatchTime.now()
                try process.run()
                process.waitUntilExit()
                timings.processStart.append(milliseconds(since: t))
            }
        }
        return timings
    }

    private func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }
}
