import Foundation
import TappAPI

/// One request to the server: a route of the contract, its body already written, the headers it needs.
public struct WireRequest: Sendable, Equatable {
    public var endpoint: Endpoint
    public var body: [UInt8]?
    public var headers: [String: String]

    public init(_ endpoint: Endpoint, body: [UInt8]? = nil, headers: [String: String] = [:]) {
        self.endpoint = endpoint
        self.body = body
        self.headers = headers
    }

    /// A request whose body is one of the contract's types.
    public init<Body: Encodable>(_ endpoint: Endpoint, encoding body: Body, headers: [String: String] = [:]) throws(SyncError) {
        do { self.init(endpoint, body: try WireEncoder.encode(body), headers: headers) } catch {
            throw SyncError.invalid("could not write the body of \(endpoint): \(error)")
        }
    }
}

/// The server's answer: its status, its headers (names in lower case) and its body.
public struct WireAnswer: Sendable, Equatable {
    public let status: Int
    public let headers: [String: String]
    public let body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body read as one of the contract's types; a body that is not one is a refusal naming what was expected.
    public func decode<T: Decodable>(_ type: T.Type) throws(SyncError) -> T {
        do { return try WireDecoder.decode(type, from: body) } catch {
            throw SyncError.refused(status: status, message: "the server's answer is not a \(T.self) as the TappPlus API writes it (\(Self.shortly(error)))")
        }
    }

    /// The server's `message`, a sentence or the list of them; else the start of the body.
    public var message: String {
        if let error = try? WireDecoder.decode(ErrorBody.self, from: body) { return error.message.text }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }

    /// Seconds to wait, from `Retry-After` (a number of seconds, or an HTTP date).
    public var retryAfter: TimeInterval? {
        guard let text = header(WireHeader.retryAfter)?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return min(seconds, 3600) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: text).map { min(3600, max(0, $0.timeIntervalSinceNow)) }
    }

    static func shortly(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "\(key.stringValue) missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            (context.codingPath.map(\.stringValue).joined(separator: ".") + " " + context.debugDescription).trimmingCharacters(in: .whitespaces)
        default: "\(error)"
        }
    }
}

/// Sends requests to the server and brings back its answers: over HTTP in the product, a fake in the tests.
/// A request that got no answer throws `SyncError.unreachable`: it may or may not have been carried out. It is
/// never sent again by the transport itself.
public protocol WireTransport: Sendable {
    func send(_ request: WireRequest, deadline: Date) async throws(SyncError) -> WireAnswer
    /// Closes the connections; the transport is not used afterwards.
    func close() async
}
