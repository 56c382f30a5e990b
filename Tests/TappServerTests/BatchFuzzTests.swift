import Foundation
import Testing
import TappTestSupport

/// Batches and Idempotency-Key headers generated from the server's own route table, with hostile keys, paths and
/// bodies, sent to the real server process: the batch is a 200 or a 4xx in the real error shape, each operation's
/// answer too, never a 5xx, never a dead server. Fixed seed, bounded count.
@Suite(.serialized) struct BatchFuzzTests {
    static let seed: UInt64 = 20_261_215
    static let batches = 150

    static let keys = ["k", "k", "k2", "", " ", "a b", "é", String(repeating: "x", count: 256), "\u{1B}[2J", "\\\"", "0", "-1"]
    static let paths = ["people", "people/person_1", "people/nobody", "consultations", "interventions", "reminders", "organizations",
                        "people/person_1/organizations/org_default", "sync/batch", "sync/changes", "auth/login", "", "/people",
                        "people//x", "../health", "people?x=1", "PEOPLE", "people/%00", "a\u{0}b"]

    @Test func generatedBatchesNeverGetA5xx() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let routes = try await RouteFuzzTests.routes(server).filter { $0.method != "GET" && !$0.path.contains("/sync/") }
        var inputs = FuzzInputs(seed: Self.seed)
        var faults: [String] = []
        var carriedOut = 0
        for index in 0..<Self.batches {
            var operations: [String] = []
            var operationPaths: [String] = []
            for _ in 0..<Int.random(in: 0...6, using: &inputs.random) {
                let route = inputs.pick(routes)
                var path = String(route.path.dropFirst("/api/v1/".count))
                while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
                    path.replaceSubrange(open...close, with: inputs.pathId())
                }
                if inputs.chance(4) { path = inputs.pick(Self.paths) }
                var fields = [#""key":\#(SyncRequests.quoted(inputs.chance(96) ? "k-\(Int.random(in: 0..<40, using: &inputs.random))" : inputs.pick(Self.keys)))"#,
                              #""method":"\#(inputs.chance(97) ? route.method : inputs.pick(["GET", "PUT", "post", ""]))""#,
                              #""path":\#(SyncRequests.quoted(path))"#]
                if inputs.chance(80) { fields.append(#""body":"# + String(decoding: inputs.body(properties: route.properties), as: UTF8.self)) }
                if inputs.chance(2) { fields.append(#""extra":1"#) }
                if inputs.chance(2) { fields.removeFirst() }
                operations.append("{" + fields.joined(separator: ",") + "}")
                operationPaths.append(path)
            }
            var body = #"{"operations":["# + operations.joined(separator: ",") + "]}"
            if inputs.chance(5) { body = String(decoding: inputs.body(properties: ["operations"]), as: UTF8.self) }
            let input = "#\(index) \(body.prefix(400))"
            do {
                let answer = try RawHTTP.request(port: server.port, "POST", "/api/v1/sync/batch", body: Data(body.utf8), token: token)
                if let fault = RouteFuzzTests.fault(answer) {
                    faults.append("\(input): \(fault)")
                } else if answer.status == 200 {
                    let results = (answer.object["results"] as? [[String: Any]]) ?? []
                    if results.count != operations.count { faults.append("\(input): \(results.count) results") }
                    carriedOut += results.count
                    for (result, path) in zip(results, operationPaths) {
                        let status = result["status"] as? Int ?? 0
                        // Trying the mail channel answers 500 by design, as the real server without mail credentials.
                        let mailTry = status == 500 && path.lowercased().hasSuffix("notifications/test/email")
                        if !(200..<500).contains(status), !mailTry { faults.append("\(input): an operation answered \(status)") }
                        if status >= 400, !mailTry, let error = result["body"] as? [String: Any], error["statusCode"] as? Int != status {
                            faults.append("\(input): an operation's error is not in the real shape")
                        }
                    }
                }
            } catch {
                faults.append("\(input): no answer (\(error))")
            }
            guard server.process.isRunning else {
                faults.append("\(input): the server died")
                break
            }
            if faults.count >= 20 { break }
        }
        #expect(faults.isEmpty, "\(faults.count) faults (seed \(Self.seed)):\n\(faults.joined(separator: "\n"))")
        // Most batches get through to their operations: the inputs reach the routes, not only the batch's checks.
        #expect(carriedOut > Self.batches, "\(carriedOut) operations carried out")
        #expect(try await server.get("/health").status == 200)
    }

    @Test func generatedIdempotencyKeysNeverGetA5xx() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        var inputs = FuzzInputs(seed: Self.seed &+ 1)
        var faults: [String] = []
        for index in 0..<300 {
            // Header values a client could send: visible ASCII, spaces, tabs and bytes over 0x7F (never CR or LF).
            let length = Int.random(in: 0...300, using: &inputs.random)
            let key = String(decoding: (0..<length).map { _ in
                inputs.chance(90) ? UInt8.random(in: 0x21...0x7E, using: &inputs.random) : inputs.pick([0x20, 0x09, 0xC3, 0xA9, 0xFF])
            }, as: UTF8.self)
            let method = inputs.pick(["POST", "POST", "PATCH", "DELETE"])
            let path = method == "POST" ? inputs.pick(["/api/v1/people", "/api/v1/organizations", "/api/v1/auth/login"])
                : "/api/v1/people/" + inputs.pathId()
            let body = inputs.body(properties: ["fullName", "name", "address"])
            do {
                let answer = try RawHTTP.exchange(port: server.port, method, path, headers: [("Authorization", "Bearer \(token)"),
                    ("Content-Type", "application/json"), ("Idempotency-Key", key.trimmingCharacters(in: .whitespaces))], body: body)
                if let fault = RouteFuzzTests.fault(answer) { faults.append("#\(index) \(method) \(path) key \(key.debugDescription): \(fault)") }
            } catch {
                faults.append("#\(index): no answer (\(error))")
            }
            guard server.process.isRunning else { faults.append("#\(index): the server died"); break }
            if faults.count >= 20 { break }
        }
        #expect(faults.isEmpty, "\(faults.count) faults (seed \(Self.seed)):\n\(faults.joined(separator: "\n"))")
    }
}
