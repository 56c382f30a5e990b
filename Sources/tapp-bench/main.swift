import Foundation
import TappStore

// tapp-bench search DB [ROUNDS]: type-ahead search, store vs straight C API, side by side on one file.
let arguments = CommandLine.arguments
guard arguments.count >= 3, arguments[1] == "search" else {
    FileHandle.standardError.write(Data("usage: tapp-bench search DB [ROUNDS]\n".utf8))
    exit(2)
}
do {
    let benchmark = SearchBenchmark(path: arguments[2], rounds: arguments.count > 3 ? Int(arguments[3]) ?? 20 : 20)
    let timings = try benchmark.run()
    let store = Percentiles(timings.store), direct = Percentiles(timings.direct)
    print("patients: \(try ClinicDatabase(path: arguments[2]).patientCount())")
    print("store (GRDB, decoded Patient values): \(store)")
    print("direct (SQLite C API, same SQL):      \(direct)")
    print("p99 ratio store/direct: \((store.p99 / direct.p99 * 100).rounded() / 100)")
} catch {
    FileHandle.standardError.write(Data("tapp-bench: \(error)\n".utf8))
    exit(1)
}
