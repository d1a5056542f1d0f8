import Foundation
import SealpostAgreement
import SealpostCore

/// Where the relay listens, and the Host value requests are signed for.
///
/// The URL comes from `--relay` (or `SEALPOST_RELAY`), else from the agreement's `relay` field.
/// It must be `https`, except that plain `http` is allowed to a loopback host (127.0.0.0/8,
/// `::1`, `localhost`), where nothing leaves the machine. It names a scheme, a host and
/// optionally a port and a path prefix; no query, fragment or user information.
public struct RelayEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case http, https }

    public let scheme: Scheme
    /// Lower case; IPv6 literals without brackets.
    public let host: String
    public let port: Int
    /// "" or a prefix such as "/sealpost", without a trailing slash.
    public let basePath: String

    public init(parsing text: String, source: String = "the relay URL") throws(ExchangeError) {
        let fix = "write it as https://HOST[:PORT] (plain http only to 127.0.0.1 or localhost)"
        guard let components = URLComponents(string: text), let schemeText = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else {
            throw ExchangeError(.relayURL, "\(source) \"\(Printable.escape(text))\" is not a URL", hint: fix)
        }
        guard let scheme = Scheme(rawValue: schemeText) else {
            throw ExchangeError(.relayURL, "\(source) uses \(Printable.escape(schemeText)), not https", hint: fix)
        }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            throw ExchangeError(.relayURL, "\(source) may not carry a user, query or fragment", hint: fix)
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if scheme == .http && !RelayEndpoint.isLoopback(bare) {
            throw ExchangeError(.relayURL, "refusing plain http to \(Printable.escape(bare)): records would cross the network without TLS",
                                hint: "use https://; plain http is allowed only to a relay on this machine (127.0.0.1 or localhost)")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw ExchangeError(.relayURL, "\(source) has port \(port), outside 1-65535", hint: fix)
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        guard path.isEmpty || path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "?") }) else {
            throw ExchangeError(.relayURL, "\(source) has an unusable path", hint: fix)
        }
        self.scheme = scheme
        self.host = bare
        self.port = components.port ?? (scheme == .https ? 443 : 80)
        self.basePath = path
    }

    /// `override` (from `--relay` or `SEALPOST_RELAY`) if given, else the agreement's relay.
    public static func resolve(override: String?, agreement: Agreement) throws(ExchangeError) -> RelayEndpoint {
        if let override, !override.isEmpty { return try RelayEndpoint(parsing: override, source: "--relay") }
        guard let relay = agreement.relay else {
            throw ExchangeError(.noRelay, "agreement \(agreement.id) names no relay",
                                hint: "pass --relay https://HOST:PORT or set SEALPOST_RELAY")
        }
        return try RelayEndpoint(parsing: relay, source: "the agreement's relay")
    }

    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    private var defaultPort: Int { scheme == .https ? 443 : 80 }

    /// The Host header, as sent and as signed: the host, with the port unless it is the default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? name : "\(name):\(port)"
    }

    /// The request target for an API path such as `/v1/mailbox`, with the base path prepended.
    public func target(_ apiPath: String) -> String { basePath + apiPath }

    /// The URL for a request target.
    public func url(target: String) -> String { "\(scheme.rawValue)://\(hostHeader)\(target)" }

    public var description: String { url(target: basePath.isEmpty ? "" : basePath) }
}
