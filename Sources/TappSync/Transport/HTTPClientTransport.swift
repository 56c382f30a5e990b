import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TappAPI

/// The HTTP transport: async-http-client over SwiftNIO. Connections are kept alive and reused (at most
/// `connections` at once to the server), redirects are not followed (an API answer never is one), certificates are
/// verified (unless the address is `--insecure` plain http), a proxy comes from `HTTPS_PROXY`/`HTTP_PROXY`, and no
/// request is ever sent twice by the client: async-http-client re-dispatches a request only when its connection
/// could not be made, before any byte of it was written.
public final class HTTPClientTransport: WireTransport {
    let client: HTTPClient
    let base: URL
    /// The answer's body is read up to this size (a page of records is far smaller).
    let maxAnswer = 64 * 1024 * 1024

    public init(address: ServerAddress, connections: Int = 8, environment: [String: String] = ProcessInfo.processInfo.environment) {
        base = address.base
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections))
        pool.retryConnectionEstablishment = false
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)),
                                                     connectionPool: pool,
                                                     proxy: ProxySetting.proxy(for: address.base, environment: environment))
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func send(_ request: WireRequest, deadline: Date) async throws(SyncError) -> WireAnswer {
        let url = base.absoluteString + "/" + request.endpoint.target
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: request.endpoint.method.rawValue)
        outgoing.headers.add(name: "Accept", value: "application/json")
        outgoing.headers.add(name: "User-Agent", value: "tapp-sync")
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let left = deadline.timeIntervalSinceNow
        guard left > 0 else { throw SyncError.outOfTime("the run's time (--max-time) was spent before \(request.endpoint) could go") }
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(left * 1000)))
            let body = try await response.body.collect(upTo: maxAnswer)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            return WireAnswer(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
        } catch {
            if deadline.timeIntervalSinceNow <= 0 {
                throw SyncError.outOfTime("the run's time (--max-time) ran out while \(request.endpoint) was in flight")
            }
            throw SyncError.unreachable("cannot reach \(base.absoluteString) (\(request.endpoint)): \(Self.describe(error))")
        }
    }

    public func close() async {
        try? await client.shutdown()
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError { return client.shortDescription }
        return "\(error)"
    }
}

/// The proxy to go through, from the environment as curl reads it: `https_proxy`/`HTTPS_PROXY` for https,
/// `http_proxy`/`HTTP_PROXY` for http, none for a host listed in `no_proxy`/`NO_PROXY` (or for loopback).
enum ProxySetting {
    static func proxy(for base: URL, environment: [String: String]) -> HTTPClient.Configuration.Proxy? {
        guard let host = base.host?.lowercased() else { return nil }
        if host == "localhost" || host.hasPrefix("127.") || host == "::1" { return nil }
        let noProxy = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if noProxy.contains(where: { $0 == "*" || (!$0.isEmpty && (host == $0 || host.hasSuffix($0.hasPrefix(".") ? $0 : "." + $0))) }) {
            return nil
        }
        let https = base.scheme?.lowercased() == "https"
        let names = https ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"]
        guard let text = names.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }),
              let url = URL(string: text.contains("://") ? text : "http://" + text), let proxyHost = url.host else { return nil }
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        if let user = url.user {
            return .server(host: proxyHost, port: port, authorization: .basic(username: user, password: url.password ?? ""))
        }
        return .server(host: proxyHost, port: port)
    }
}
