import Foundation
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database[?sslmode=disable&host=/socket/folder]` URL (also
/// `postgresql://`), as libpq reads it, turned into the client's configuration.
public struct PostgresAddress: Sendable, CustomStringConvertible {
    public let configuration: PostgresClient.Configuration
    /// The URL without its password, for the logs.
    public let description: String

    public init(_ text: String) throws {
        guard let parts = URLComponents(string: text), parts.scheme == "postgres" || parts.scheme == "postgresql" else {
            throw DatabaseChoiceError("--database must be a postgres://user@host/database URL (got \(text.prefix(40)))")
        }
        let user = parts.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = parts.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let database = String(parts.path.dropFirst()).removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        var configuration: PostgresClient.Configuration
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            let port = parts.port ?? 5432
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] ?? "prefer" {
            case "disable": tls = .disable
            case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            default: tls = .prefer(.makeClientConfiguration())
            }
            configuration = .init(host: parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1", port: parts.port ?? 5432,
                                  username: user, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = query["pool_max"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
            ?? PostgresAddress.defaultPoolSize(cores: ProcessInfo.processInfo.activeProcessorCount)
        self.configuration = configuration
        var shown = parts
        if shown.password != nil { shown.password = "***" }
        description = shown.string ?? "postgres://"
    }

    /// Connections an instance keeps at most, unless `pool_max` says: twice its cores and four more, at most 20. More
    /// connections than the cores can serve only queue behind each other: on 2 cores with wrk's 16 connections, a pool
    /// of 16 gave the people list a p99 of 23–26 ms, one of 8 18 ms, at the same throughput (docs/performance.md).
    static func defaultPoolSize(cores: Int) -> Int { min(20, 2 * max(1, cores) + 4) }
}
