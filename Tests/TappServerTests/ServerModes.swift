import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TappTestSupport

/// The two ways the conformance checks run the server: with the real server's faults fixed (the default), and
/// with `--real-server-faults`, which clients' tests use.
enum ServerMode: String, CaseIterable, Sendable, CustomStringConvertible {
    case fixed
    case realFaults

    var arguments: [String] { self == .fixed ? [] : ["--real-server-faults"] }
    var description: String { rawValue }

    func start(_ extra: [String] = []) async throws -> ServerProcess {
        try await ServerProcess.owned(arguments + extra)
    }
}

extension ServerProcess {
    /// A server that is surely the one started: `ServerProcess` picks a random port without asking whether it is
    /// free, and another test's server (or a client's connection in TIME-WAIT) may hold it, so that the new one
    /// cannot listen while the health check is answered by the other. The server's own log names the port it
    /// listens on: without that line within a bounded wait, the start is tried again on another port (3 tries).
    static func owned(_ arguments: [String], environment: [String: String] = [:]) async throws -> ServerProcess {
        var lastError: any Error = NotListening()
        for _ in 0..<3 {
            let server: ServerProcess
            do { server = try await ServerProcess(arguments: arguments, environment: environment) } catch { lastError = error; continue }
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline {
                let log = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
                if log.contains("listening on 127.0.0.1:\(server.port)") { return server }
                if !server.process.isRunning { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            server.stop()
            lastError = NotListening()
        }
        throw lastError
    }

    /// Three starts in a row found another process on the port chosen.
    struct NotListening: Error {}
}

extension RawHTTP {
    /// One request with exactly these headers (no Content-Type unless given) on a new connection. A HEAD answer
    /// is read up to its blank line: it never has a body, whatever its Content-Length says.
    static func exchange(port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: Data? = nil,
                         within seconds: Double = 10) throws -> Answer {
        let connection = try RawHTTP(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        connection.write(Data((head + "\r\n").utf8) + (body ?? Data()))
        guard method == "HEAD" else { return try connection.readAnswer(within: seconds) }
        return try connection.readHeadOnly(within: seconds)
    }

    /// Reads until the server closes or the deadline passes; the answer's head and whatever came after it.
    func readHeadOnly(within seconds: Double) throws -> Answer {
        let deadline = Date().addingTimeInterval(seconds)
        var received = Data()
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(max(deadline.timeIntervalSinceNow, 0) * 1000) + 1) > 0 else { break }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        guard let end = received.range(of: Data("\r\n\r\n".utf8)) else { throw Failed(description: "no head within \(seconds) s") }
        var lines = String(decoding: received[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failed(description: "bad status line") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: headers, body: Data(received[end.upperBound...]))
    }
}
