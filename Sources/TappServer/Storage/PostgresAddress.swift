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
        if let size = query["pool_max"].flatMap(Int.init), size > 0 { configuration.options.maximumConnections = size }
        self.configuration = configuration
        var shown = parts
        if shown.password != nil { shown.password = "***" }
        description = shown.string ?? "postgres://"
    }
}
