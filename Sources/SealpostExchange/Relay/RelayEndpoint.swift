import Foundation
import SealpostAgreement
import SealpostCore

/// Where one relay instance listens, and the Host value requests are signed for.
///
/// The URLs come from `--relay` (or `SEALPOST_RELAY`), else from the agreement's `relay` or
/// `relays` member, in its order. Each must be `https`, except that plain `http` is allowed to a
/// loopback host (127.0.0.0/8, `::1`, `localhost`), where nothing leaves the machine. It names a
/// scheme, a host and optionally a port and a path prefix; no query, fragment or user information
/// (`RelayURL`, the rules the agreement's `relays` are held to as well).
public struct RelayEndpoint: Sendable, Equatable, CustomStringConvertible {
    public typealias Scheme = RelayURL.Scheme

    public let scheme: Scheme
    /// Lower case; IPv6 literals without brackets.
    public let host: String
    public let port: Int
    /// "" or a prefix such as "/sealpost", without a trailing slash.
    public let basePath: String

    public init(parsing text: String, source: String = "the relay URL") throws(ExchangeError) {
        let url: RelayURL
        do { url = try RelayURL(parsing: text) } catch {
            throw ExchangeError(.relayURL, error.message(for: source, text: text), hint: error.fix)
        }
        (scheme, host, port, basePath) = (url.scheme, url.host, url.port, url.basePath)
    }

    /// The relays to try, in order: `override` (from `--relay` or `SEALPOST_RELAY`) alone if given,
    /// else the agreement's relays in its order of preference.
    public static func resolve(override: String?, agreement: Agreement) throws(ExchangeError) -> [RelayEndpoint] {
        if let override, !override.isEmpty { return [try RelayEndpoint(parsing: override, source: "--relay")] }
        guard !agreement.relays.isEmpty else {
            throw ExchangeError(.noRelay, "agreement \(agreement.id) names no relay",
                                hint: "pass --relay https://HOST:PORT or set SEALPOST_RELAY")
        }
        if agreement.relays.count == 1 {
            return [try RelayEndpoint(parsing: agreement.relays[0], source: "the agreement's relay")]
        }
        var endpoints: [RelayEndpoint] = []
        for (i, text) in agreement.relays.enumerated() {
            endpoints.append(try RelayEndpoint(parsing: text, source: "the agreement's relays[\(i)]"))
        }
        return endpoints
    }

    public static func isLoopback(_ host: String) -> Bool { RelayURL.isLoopback(host) }

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
