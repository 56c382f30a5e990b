import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// HTTP/1.1 over a plain socket to 127.0.0.1, for what URLSession will not send: bodies streamed by hand, chunked
/// bodies, a body declared and never sent, any bytes in a path. Every wait has a deadline; nothing here sleeps.
final class RawHTTP {
    let descriptor: Int32

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failed(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failed(description: "connect: \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Writes all the bytes; false when the server has closed its side (a refused body may be cut short).
    @discardableResult
    func write(_ data: Data) -> Bool {
        var sent = 0
        while sent < data.count {
            let written = data.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress.map { $0 + sent }, data.count - sent, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            sent += written
        }
        return true
    }

    func write(_ text: String) { write(Data(text.utf8)) }

    /// Reads one answer (status line, headers, a body of Content-Length or chunked) before `deadline`.
    func readAnswer(within seconds: Double) throws -> Answer {
        let deadline = Date().addingTimeInterval(seconds)
        var received = Data()
        func more() throws {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failed(description: "no answer within \(seconds) s (got \(received.count) bytes)") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 60) * 1000) + 1) > 0 else {
                throw Failed(description: "no answer within \(seconds) s (got \(received.count) bytes)")
            }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { throw Failed(description: "connection closed after \(received.count) bytes") }
            received.append(contentsOf: buffer[0..<count])
        }
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            try more()
            headEnd = received.range(of: separator)
        }
        guard let headEnd else { throw Failed(description: "no head") }
        let head = String(decoding: received[received.startIndex..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failed(description: "bad status line: \(head)") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(received[headEnd.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init) {
            while body.count < length {
                let before = received.count
                try more()
                body.append(received[before...])
            }
            return Answer(status: status, headers: headers, body: body.prefix(length))
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            while body.range(of: Data("0\r\n\r\n".utf8)) == nil {
                let before = received.count
                try more()
                body.append(received[before...])
            }
            return Answer(status: status, headers: headers, body: RawHTTP.dechunk(body))
        }
        return Answer(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        let crlf = Data("\r\n".utf8)
        while let line = rest.range(of: crlf) {
            let size = Int(String(decoding: rest[rest.startIndex..<line.lowerBound], as: UTF8.self)
                .split(separator: ";").first ?? "", radix: 16) ?? 0
            let start = line.upperBound
            guard size > 0, rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            out.append(rest[start..<end])
            rest = rest[min(rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex, rest.endIndex)...]
        }
        return out
    }

    /// One request on a new connection, with `Connection: close`; the raw path is sent as given.
    static func request(port: Int, _ method: String, _ path: String, body: Data? = nil, token: String? = nil,
                        within seconds: Double = 10) throws -> Answer {
        let connection = try RawHTTP(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        connection.write(Data((head + "\r\n").utf8) + (body ?? Data()))
        return try connection.readAnswer(within: seconds)
    }
}
