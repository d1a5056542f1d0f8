import Foundation
import SealpostCore

/// A relay URL as a client uses it and as the agreement's `relays` member lists it
/// (spec/agreement.md §"Relay URLs", spec/exchange.md §"Where it is"):
/// `https://HOST[:PORT][/PREFIX]`, or plain `http` only to a loopback host (127.0.0.0/8, `::1`,
/// `localhost`), where nothing leaves the machine. No user information, query or fragment; at most
/// 2048 bytes of printable ASCII.
///
/// Two URLs are the same relay when their parsed forms are equal: scheme and host compared in lower
/// case, the port made explicit (443 for https, 80 for http), trailing slashes of the path dropped.
/// So `https://Relay.example/` and `https://relay.example:443` are one relay, listed twice.
public struct RelayURL: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case http, https }

    public let scheme: Scheme
    /// Lower case; IPv6 literals without brackets.
    public let host: String
    public let port: Int
    /// "" or a prefix such as "/sealpost", without a trailing slash.
    public let basePath: String

    /// Why a text is not a relay URL. `message(for:)` words it after the place it came from.
    public enum Problem: Error, Sendable, Equatable {
        case notAURL
        case scheme(String)
        case extras
        case plainHTTP(host: String)
        case port(Int)
        case path
        case length

        /// What is wrong, as a phrase that follows a JSON path: "uses ftp, not https".
        public var reason: String {
            switch self {
            case .notAURL: "is not a URL"
            case .scheme(let scheme): "uses \(Printable.escape(scheme)), not https"
            case .extras: "may not carry a user, query or fragment"
            case .plainHTTP(let host): "is plain http to \(Printable.escape(host)): records would cross the network without TLS"
            case .port(let port): "has port \(port), outside 1-65535"
            case .path: "has an unusable path"
            case .length: "must be 1-2048 bytes of printable ASCII with no spaces"
            }
        }

        /// The message, naming where the URL came from ("--relay", "the agreement's relay").
        public func message(for source: String, text: String) -> String {
            switch self {
            case .notAURL: "\(source) \"\(Printable.escape(text))\" is not a URL"
            case .plainHTTP(let host): "refusing plain http to \(Printable.escape(host)) (\(source)): records would cross the network without TLS"
            default: "\(source) \(reason)"
            }
        }

        /// How to put it right.
        public var fix: String {
            switch self {
            case .plainHTTP: "use https://; plain http is allowed only to a relay on this machine (127.0.0.1 or localhost)"
            default: RelayURL.shape
            }
        }
    }

    public static let shape = "write it as https://HOST[:PORT] (plain http only to 127.0.0.1 or localhost)"

    public init(parsing text: String) throws(Problem) {
        guard (1...2048).contains(text.utf8.count), text.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw .length
        }
        guard let components = URLComponents(string: text), let schemeText = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else {
            throw .notAURL
        }
        guard let scheme = Scheme(rawValue: schemeText) else { throw .scheme(schemeText) }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            throw .extras
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if scheme == .http && !RelayURL.isLoopback(bare) { throw .plainHTTP(host: bare) }
        if let port = components.port, !(1...65_535).contains(port) { throw .port(port) }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        guard path.isEmpty || path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "?") }) else {
            throw .path
        }
        self.scheme = scheme
        self.host = bare
        self.port = components.port ?? (scheme == .https ? 443 : 80)
        self.basePath = path
    }

    /// 127.0.0.0/8 written as four decimal parts, `::1` or `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The Host header, as sent and as signed: the host, with the port unless it is the default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (scheme == .https ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// The normalised URL: scheme, host header and path prefix.
    public var description: String { "\(scheme.rawValue)://\(hostHeader)\(basePath)" }
}
