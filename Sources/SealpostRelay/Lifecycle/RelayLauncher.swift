import Foundation
import Hummingbird
import Logging
import SealpostAgreement
import SealpostCore
import SealpostSodium

/// What `sealpost-relay serve` does, here so the executable stays a thin layer of flags.
public enum RelayLauncher {
    /// Unlocks the relay operator's identity in `home` with the passphrase that `passphrase` reads
    /// (in `sealpost-relay serve`: the first line of --passphrase-file, else SEALPOST_PASSPHRASE),
    /// nil when none was given: a server never prompts. Asks for it only once the home exists.
    /// Throws RelayConfigurationError, or what `passphrase` throws.
    public static func unlockIdentity(home: Home, passphrase: () throws -> SecureBytes?) throws -> Identity {
        guard home.exists else {
            throw RelayConfigurationError("no identity at \(home.path)",
                                          hint: "create the relay's identity with: sealpost init --home \(home.path) --agency relay-NAME --name \"NAME\"")
        }
        guard let passphrase = try passphrase() else {
            throw RelayConfigurationError("no passphrase for the relay's identity in \(home.path)",
                                          hint: "pass --passphrase-file FILE or set SEALPOST_PASSPHRASE; the relay does not prompt")
        }
        do { return try home.unlock(passphrase: passphrase) } catch {
            throw RelayConfigurationError(error.reason, hint: error.hint)
        }
    }

    /// Reads a signed agreement file (its signatures are judged by `RelayConfiguration.validate()`).
    public static func loadAgreement(path: String) throws(RelayConfigurationError) -> SignedAgreement {
        do { return try SignedAgreement.load(path: path) } catch {
            throw RelayConfigurationError(error.message, hint: error.hint ?? "pass the partnership's signed agreement with --agreement FILE")
        }
    }

    /// Sends process logs to standard error at `level` (trace ... critical); false for an unknown level.
    @discardableResult
    public static func bootstrapLogging(level: String) -> Bool {
        guard let level = Logger.Level(rawValue: level) else { return false }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return true
    }

    /// Runs the relay until SIGINT or SIGTERM, then shuts down gracefully: no new connections,
    /// requests in flight finished and committed, the database closed. SIGHUP reloads the agreement
    /// and TLS files. With `pidFile`, the process id is written there (for `sealpost-relay reload`)
    /// once the relay is ready, and removed at the end.
    public static func serve(_ config: RelayConfiguration, pidFile: String? = nil) async throws {
        let logger = Logger(label: "sealpost-relay")
        let agreement = config.agreement.agreement
        logger.info("relay starting", metadata: ["relay": "\(config.identity.agencyID)", "agreement": "\(agreement.id)",
                                                 "version": "\(agreement.version)"])
        if config.tls == nil, !["127.0.0.1", "localhost", "::1"].contains(config.host) {
            logger.warning("listening beyond loopback without TLS: requests and envelopes cross the network in the clear; pass --tls-cert and --tls-key",
                           metadata: ["host": "\(config.host)"])
        }
        let reloads = RelayProcessControl.reloadSignals()
        let app = try await buildRelayApplication(config, logger: logger, reloads: reloads)
        if let pidFile { try RelayProcessControl.writePidFile(pidFile) }
        defer { if let pidFile { RelayProcessControl.removePidFile(pidFile) } }
        try await app.runService()
        logger.info("relay stopped")
    }
}
