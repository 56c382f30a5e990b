import Foundation
import TappStore

// tapp-bench search DB [ROUNDS]: type-ahead search, store vs straight C API, side by side on one file.
// tapp-bench screens DB [ROUNDS] [TAPP]: start-up to the first screen and keystrokes in the patient list.
let arguments = CommandLine.arguments
// tapp-bench duplicates DB [ROUNDS]: the desk check per registration, and the full duplicate scan.
// tapp-bench sync-clinic DB PATIENTS CONSULTATIONS: a new clinic whose records all wait to be pushed (scripts/bench-sync).
let usage = "usage: tapp-bench search DB [ROUNDS] | tapp-bench screens DB [ROUNDS] [TAPP-BINARY] | tapp-bench duplicates DB [ROUNDS]"
    + " | tapp-bench sync-clinic DB PATIENTS CONSULTATIONS\n"
if arguments.count == 5, arguments[1] == "sync-clinic", let patients = Int(arguments[3]), let consultations = Int(arguments[4]),
   patients >= 0, consultations >= 0 {
    do {
        try SyncClinic.make(path: arguments[2], patients: patients, consultations: consultations)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("tapp-bench: \(error)\n".utf8))
        exit(1)
    }
}
guard arguments.count >= 3, ["search", "screens", "duplicates"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 20 : 20
do {
    print("patients: \(try ClinicDatabase(path: arguments[2]).patientCount())")
    if arguments[1] == "search" {
        let timings = try SearchBenchmark(path: arguments[2], rounds: rounds).run()
        let store = Percentiles(timings.store), direct = Percentiles(timings.direct)
        print("store (GRDB, decoded Patient values): \(store)")
        print("direct (SQLite C API, same SQL):      \(direct)")
        print("p99 ratio store/direct: \((store.p99 / direct.p99 * 100).rounded() / 100)")
        print("forgiving search (exact, sound-alikes, slips), per keystroke: \(Percentiles(timings.forgiving))")
    } else if arguments[1] == "duplicates" {
        let timings = try DuplicateBenchmark(path: arguments[2], rounds: rounds).run()
        print("desk check (likely duplicates of a typed patient): \(Percentiles(timings.deskCheck, unit: "checks"))")
        print("full duplicate scan: \((timings.scan * 1000).rounded() / 1000) s, \(timings.pairs) pair(s) at the default threshold")
    } else {
        let timings = try ScreenBenchmark(path: arguments[2], rounds: rounds).run(tappBinary: arguments.count > 4 ? arguments[4] : nil)
        print("start-up to the first screen (open, dashboard read, 80x24 drawn): \(Percentiles(timings.startup, unit: "starts"))")
        if !timings.processStart.isEmpty {
            print("process start and exit (tapp --help):                             \(Percentiles(timings.processStart, unit: "runs"))")
        }
        print("keystroke in the patient list (handled, read, drawn):             \(Percentiles(timings.keystrokes, unit: "keys"))")
    }
} catch {
    FileHandle.standardError.write(Data("tapp-bench: \(error)\n".utf8))
    exit(1)
}
