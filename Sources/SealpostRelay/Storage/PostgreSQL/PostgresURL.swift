import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`
/// (`postgresql://` too). MODE is `disable`, `prefer` or `require` (which checks the server's
/// certificate against the system's trust roots); the default is `disable` for a loopback host and
/// `require` for any other, so a relay never sends its store's traffic in the clear across a network
/// unless told to. Without a password in the URL, `PGPASSWORD` is used when set.
///
/// Nothing here echoes the password: `redacted` is the form to show in messages and logs.
public struct PostgresURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    public enum SSLMode: String, Sendable { case disable, prefer, require }

    public static let shape = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]"

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RelayConfigurationError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw RelayConfigurationError("the database URL is not a postgres:// URL", hint: "write it as \(Self.shape)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw RelayConfigurationError("the database URL names no host", hint: "write it as \(Self.shape)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw RelayConfigurationError("the database URL names no user", hint: "write it as \(Self.shape)")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else {
            throw RelayConfigurationError("the database URL names no database (or more than one path segment)",
                                          hint: "write it as \(Self.shape)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw RelayConfigurationError("the database URL's port is out of range") }
        self.host = host
        self.port = port
        self.username = user
        self.password = components.password ?? environment["PGPASSWORD"]
        self.database = path
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        sslMode = loopback ? .disable : .require
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw RelayConfigurationError("the database URL's sslmode must be disable, prefer or require")
                }
                sslMode = mode
            default:
                throw RelayConfigurationError("the database URL has an unknown parameter \(item.name)",
                                              hint: "the only parameter taken is sslmode")
            }
        }
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public var redacted: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// The configuration of one connection, for the checks and migrations at start.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: username, password: password,
                                                             database: database, tls: tls)
        configuration.options.additionalStartupParameters = [("synchronous_commit", "on"), ("application_name", "sealpost-relay")]
        return configuration
    }

    /// The client configuration, with `synchronous_commit=on` asked for on every connection.
    func clientConfiguration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        configuration.options.additionalStartupParameters = [("synchronous_commit", "on"), ("application_name", "sealpost-relay")]
        configuration.options.maximumConnections = 40
        return configuration
    }
}
