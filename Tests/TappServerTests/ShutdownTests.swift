import Foundation
import Testing
import TappTestSupport

/// `serve` stops cleanly on SIGTERM and SIGINT, its reminder worker included: exit status 0, as systemd and the docs
/// expect (it was 1, from the worker's `CancellationError`).
@Suite struct ShutdownTests {
    @Test(arguments: [SIGTERM, SIGINT]) func aServerWithItsWorkerExitsZeroOnASignal(_ signal: Int32) async throws {
        for provider in [["--provider", "outbox", "--outbox", "{folder}/outbox.jsonl"], ["--provider", "command", "--command", "/bin/true"]] {
            let server = try await ServerProcess.owned(provider + ["--worker-interval", "1"])
            defer { server.stop() }
            // The worker has run a pass (its first, at start) before the signal.
            #expect(try await server.get("/health").status == 200)
            kill(server.process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(20)
            while server.process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(!server.process.isRunning)
            if !server.process.isRunning {
                #expect(server.process.terminationReason == .exit)
                #expect(server.process.terminationStatus == 0, "\(provider[1]) on signal \(signal)")
            }
        }
    }
}
