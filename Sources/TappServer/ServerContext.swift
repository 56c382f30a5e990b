import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the client's address (for throttling and the access log).
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The connection, which fault injection may close without answering.
    let channel: any Channel
    /// An operation of a batch: the batch itself was counted by the throttle, once; its operations are not.
    var inBatch = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// The client's IP address, or "unknown".
    var clientIP: String { remoteAddress?.ipAddress ?? "unknown" }
}
