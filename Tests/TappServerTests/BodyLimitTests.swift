import Foundation
import Testing
import TappTestSupport

/// A body over the limit (1 MiB) answers 413 at once in the real error shape (it was a 500 `NIOTooManyBytesError`,
/// and a client that sent its whole body first waited 30 s): declared by Content-Length, or sent chunked.
@Suite(.serialized) struct BodyLimitTests {
    static var tooLarge: [String: Any] { ["statusCode": 413, "message": "request entity too large"] }
    static let size = (1 << 20) + 1

    func head(_ token: String, _ framing: String) -> String {
        "POST /api/v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n\(framing)\r\n\r\n"
    }

    @Test(arguments: ServerMode.allCases) func aDeclaredBodyOverTheLimitIsRefusedBeforeItIsSent(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        // Only the head: the server must not wait for a body it will not take.
        let connection = try RawHTTP(port: server.port)
        connection.write(head(token, "Content-Length: \(Self.size)"))
        let answer = try connection.readAnswer(within: 5)
        #expect(answer.status == 413)
        #expect(AnswerShapes.same(answer.object, Self.tooLarge))
        #expect(answer.headers["connection"] == "close")
    }

    @Test(arguments: ServerMode.allCases) func aClientThatSendsItsWholeBodyFirstGetsThe413AtOnce(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let body = Data(#"{"fullName":""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: Self.size) + Data(#""}"#.utf8)
        let connection = try RawHTTP(port: server.port)
        connection.write(Data(head(token, "Content-Length: \(body.count)").utf8) + body)
        let answer = try connection.readAnswer(within: 5)
        #expect(answer.status == 413)
        #expect(AnswerShapes.same(answer.object, Self.tooLarge))
        // Just under the limit is read (and judged on its content).
        let under = try RawHTTP.request(port: server.port, "POST", "/api/v1/people",
                                        body: Data(#"{"fullName":""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: 1000) + Data(#""}"#.utf8),
                                        token: token)
        #expect(under.status == 201)
    }

    @Test(arguments: ServerMode.allCases) func aChunkedBodyOverTheLimitIsRefusedWhenItPassesIt(_ mode: ServerMode) async throws {
        let server = try await mode.start()
        defer { server.stop() }
        let token = try await server.login()
        let connection = try RawHTTP(port: server.port)
        connection.write(head(token, "Transfer-Encoding: chunked"))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 64 * 1024)
        // Up to twice the limit; the server may answer (and stop reading) before all of it is sent.
        for _ in 0..<(2 * (1 << 20) / chunk.count) {
            guard connection.write(Data(String(chunk.count, radix: 16).utf8) + Data("\r\n".utf8) + chunk + Data("\r\n".utf8)) else { break }
        }
        connection.write("0\r\n\r\n")
        let answer = try connection.readAnswer(within: 5)
        #expect(answer.status == 413)
        #expect(AnswerShapes.same(answer.object, Self.tooLarge))
        #expect(server.process.isRunning)
        #expect(try await server.get("/health").status == 200)
    }
}
