import Foundation
import Testing
import TappAPI
import TappTestSupport

/// How a client finds our extensions (`GET /sync/features`), that `--real-server-faults` takes every one of them away
/// (404, keys ignored, as on the real server), and the throttle's headers, loud or quiet.
@Suite(.serialized) struct SyncExtensionTests {
    @Test func theFeaturesSayWhatThisServerOffers() async throws {
        let server = try await ServerProcess.owned([])
        defer { server.stop() }
        let token = try await server.login()
        let answer = try SyncRequests.send(server, "GET", "/api/v1/sync/features", token: token)
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self) == #"{"idempotencyKeys":true,"changes":true,"batchLimit":200}"#)
        #expect(try WireDecoder.decode(ServerFeatures.self, from: answer.body) == ServerFeatures(idempotencyKeys: true, changes: true, batchLimit: 200))
        #expect(try SyncRequests.send(server, "GET", "/api/v1/sync/features", token: nil).status == 401)
        let paths = try #require(try await server.get("/api/docs-json").object["paths"] as? [String: Any])
        for path in ["/api/v1/sync/features", "/api/v1/sync/changes", "/api/v1/sync/batch"] { #expect(paths[path] != nil, "\(path)") }
    }

    @Test func underTheRealServersFaultsNoneOfItIsThere() async throws {
        let server = try await ServerProcess.owned(["--real-server-faults"])
        defer { server.stop() }
        let token = try await server.login()
        for (method, path) in [("GET", "/api/v1/sync/features"), ("GET", "/api/v1/sync/changes?limit=10"), ("POST", "/api/v1/sync/batch")] {
            let answer = try SyncRequests.send(server, method, path, body: method == "POST" ? #"{"operations":[]}"# : nil, token: token)
            #expect(answer.status == 404, "\(path)")
            #expect(AnswerShapes.same(answer.object, ["message": "Cannot \(method) \(path)", "error": "Not Found", "statusCode": 404]))
        }
        // Keys are ignored: a replay makes the record again, as the real server would.
        for _ in 0..<2 {
            let made = try SyncRequests.send(server, "POST", "/api/v1/people", body: #"{"fullName":"Jules Deux"}"#, token: token, key: "same")
            #expect(made.status == 201)
            #expect(made.headers["idempotent-replayed"] == nil)
        }
        #expect(try await SyncRequests.people(named: "Jules Deux", in: server) == 2)
        let paths = try #require(try await server.get("/api/docs-json").object["paths"] as? [String: Any])
        #expect(!paths.keys.contains { $0.contains("/sync/") })
    }

    static func header(_ answer: RawHTTP.Answer, _ name: String) -> Int? { answer.headers[name.lowercased()].flatMap(Int.init) }

    @Test func everyAnswerSaysWhereItsClientStandsAndA429SaysHowLongToWait() async throws {
        let server = try await ServerProcess.owned(["--throttle-limit", "4", "--throttle-window", "60", "--login-limit", "0"])
        defer { server.stop() }
        var remaining: [Int?] = []
        for _ in 0..<4 {
            // 401s, errors of the routes: they carry the headers too.
            let answer = try SyncRequests.send(server, "GET", "/api/v1/people", token: nil)
            #expect(answer.status == 401)
            #expect(Self.header(answer, "X-RateLimit-Limit") == 4)
            #expect((1...60).contains(Self.header(answer, "X-RateLimit-Reset") ?? 0))
            remaining.append(Self.header(answer, "X-RateLimit-Remaining"))
        }
        #expect(remaining == [3, 2, 1, 0])
        let refused = try SyncRequests.send(server, "GET", "/api/v1/people", token: nil)
        #expect(refused.status == 429)
        #expect(Self.header(refused, "X-RateLimit-Remaining") == 0)
        #expect((1...60).contains(Self.header(refused, "Retry-After") ?? 0))
        // Outside the API nothing is counted nor said.
        let health = try RawHTTP.exchange(port: server.port, "GET", "/health")
        #expect(health.status == 200 && health.headers["x-ratelimit-limit"] == nil)
    }

    @Test func aBatchIsCountedOnceHoweverManyItsOperations() async throws {
        let server = try await ServerProcess.owned(["--throttle-limit", "10", "--throttle-window", "60", "--login-limit", "0"])
        defer { server.stop() }
        let token = try await server.login()
        let body = #"{"operations":["# + (0..<3).map { #"{"key":"t-\#($0)","method":"POST","path":"people","body":{"fullName":"Compte \#($0)"}}"# }
            .joined(separator: ",") + "]}"
        let answer = try SyncRequests.send(server, "POST", "/api/v1/sync/batch", body: body, token: token)
        #expect(answer.status == 200)
        // The sign-in and the batch: 2 of 10, its three operations made all the same.
        #expect(Self.header(answer, "X-RateLimit-Remaining") == 8)
        #expect(String(decoding: answer.body, as: UTF8.self).components(separatedBy: #""status":201"#).count - 1 == 3)
    }

    @Test func aQuietThrottleRefusesWithoutSayingAnything() async throws {
        let server = try await ServerProcess.owned(["--throttle-limit", "2", "--throttle-window", "60", "--login-limit", "0", "--throttle-quiet"])
        defer { server.stop() }
        var statuses: [Int] = []
        for _ in 0..<4 {
            let answer = try SyncRequests.send(server, "GET", "/api/v1/people", token: nil)
            statuses.append(answer.status)
            for name in ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"] {
                #expect(answer.headers[name] == nil, "\(name) on a \(answer.status)")
            }
            if answer.status == 429 {
                #expect(AnswerShapes.same(answer.object, ["statusCode": 429, "message": "ThrottlerException: Too Many Requests"]))
            }
        }
        #expect(statuses == [401, 401, 429, 429])
    }
}
