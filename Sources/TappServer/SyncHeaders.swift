import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TappAPI

/// The contract's headers (`TappAPI.WireHeader`) as HTTP field names.
enum SyncHeaders {
    static let idempotencyKey = HTTPField.Name(WireHeader.idempotencyKey)!
    static let idempotentReplayed = HTTPField.Name(WireHeader.idempotentReplayed)!
    static let rateLimit = HTTPField.Name(WireHeader.rateLimit)!
    static let rateLimitRemaining = HTTPField.Name(WireHeader.rateLimitRemaining)!
    static let rateLimitReset = HTTPField.Name(WireHeader.rateLimitReset)!
}

/// An answer's body, read whole (the routes' answers are small JSON documents).
enum ResponseBytes {
    /// Gathers what a body writes.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private struct Writer: ResponseBodyWriter {
        let sink: Sink
        mutating func write(_ buffer: ByteBuffer) async throws { sink.bytes.append(contentsOf: buffer.readableBytesView) }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    static func collect(_ body: ResponseBody) async throws -> [UInt8] {
        let sink = Sink()
        try await body.write(Writer(sink: sink))
        return sink.bytes
    }
}

extension HTTP {
    /// JSON bytes as the answer.
    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .eTag: EntityTag.weak(bytes)],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
