import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the client's address (for throttling and the access log).
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or "unknown".
    var clientIP: String { remoteAddress?.ipAddress ?? "unknown" }
}
