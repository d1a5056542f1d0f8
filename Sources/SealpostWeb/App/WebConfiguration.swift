import Foundation
import SealpostCore
import SealpostExchange

/// How `sealpost web` serves one agency's home.
public struct WebConfiguration: Sendable {
    public struct TLSFiles: Sendable {
        public let certificatePath: String
        public let keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    public var home: Home
    /// The address to bind: loopback unless TLS is configured.
    public var host: String = "127.0.0.1"
    /// 0 picks a free port.
    public var port: Int = 8080
    public var tls: TLSFiles?
    /// Host names (without the port) the app answers to besides the bound address; any other
    /// `Host` is refused (DNS rebinding). `localhost` and the bound address are always allowed.
    public var publicHosts: [String] = []
    /// Seconds of inactivity after which a signed-in session locks and its key is wiped.
    public var idleTimeout: Int64 = 15 * 60
    /// The most a request body may be, in bytes (a record file imported is the largest).
    public var maxBodyBytes = 2 << 20
    public var relay = RelayAccess()
    /// Unix seconds; tests give a clock they control.
    public var clock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// How names and passphrases unlock the agency's identity.
    public var accounts: WebAccounts

    public init(home: Home) {
        self.home = home
        accounts = .practitioners(home)
    }

    /// What is wrong with the configuration, with the fix, or nil.
    public func problem() -> WebError? {
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        if !loopback && tls == nil {
            return WebError("sealpost web binds \(host), which is not this machine's loopback, without TLS",
                            hint: "give --tls-cert and --tls-key (TLS 1.3), or keep the default --host 127.0.0.1")
        }
        if !(0...65535).contains(port) { return WebError("--port \(port) is not a port", hint: "use 1-65535, or 0 for any free port") }
        if !(10...86_400).contains(idleTimeout) {
            return WebError("--idle-timeout \(idleTimeout) is outside 10-86400 seconds", hint: "the default is 900 (15 minutes)")
        }
        return nil
    }
}

/// A web app error that says what is wrong and what to do.
public struct WebError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
