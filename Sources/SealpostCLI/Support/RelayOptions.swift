import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange

/// How to reach the relay; shared by every command that talks to it.
struct RelayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The relay's URL, used alone (default: $SEALPOST_RELAY, else the agreement's relay or relays, tried in turn).", valueName: "URL"))
    var relay: String?

    @Option(name: .customLong("relay-ca"),
            help: ArgumentHelp("Trust only the CA certificates in this PEM file for the relay's TLS (default: $SEALPOST_RELAY_CA, else the system's roots).", valueName: "FILE"))
    var relayCA: String?

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    var relayOverride: String? { relay ?? environment["SEALPOST_RELAY"].flatMap { $0.isEmpty ? nil : $0 } }
    var caFile: String? { relayCA ?? environment["SEALPOST_RELAY_CA"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Attempts per request: SEALPOST_RELAY_ATTEMPTS (1-20), else 6.
    var retry: RetryPolicy {
        if let text = environment["SEALPOST_RELAY_ATTEMPTS"], let n = Int(text), (1...20).contains(n) { return RetryPolicy(attempts: n) }
        return RetryPolicy()
    }
}

/// The pieces every exchange command shares: unlock the home, load the agreement in force,
/// connect to the relay and check who it is, finish what an earlier run left pending.
enum ExchangeCommand {
    static func context(_ options: HomeOptions) throws -> ExchangeContext {
        let identity = try options.unlock()
        do {
            return try ExchangeContext.load(home: options.resolvedHome, identity: identity,
                                            logger: ExchangeLog.standardError(level: ProcessInfo.processInfo.environment["SEALPOST_LOG"]))
        } catch { throw CLIError(error) }
    }

    /// Runs `body` with a checked relay session. Unless `finishPending` is false, work an earlier
    /// run left unfinished (acknowledgements, deposits) is done first and reported on stderr.
    static func withSession<T: Sendable>(
        _ context: ExchangeContext, relay: RelayOptions, finishPending: Bool = true,
        _ body: @escaping @Sendable (RelaySession) async throws -> T
    ) async throws -> T {
        let access = RelayAccess(override: relay.relayOverride, caFile: relay.caFile, retry: relay.retry)
        do {
            return try await RelaySession.run(context, access: access, finishPending: finishPending, pending: report, body)
        } catch let error as ExchangeError {
            throw CLIError(error)
        }
    }

    static func report(_ pending: Pending.Report) {
        for entry in pending.acknowledged {
            printError("sealpost: finished an earlier acknowledgement: envelope \(short(entry.envelopeID)) acknowledged to \(entry.sender)")
        }
        for entry in pending.deposited {
            printError("sealpost: deposited an earlier send: envelope \(short(entry.envelopeID)) to \(entry.recipient)")
        }
        for entry in pending.requests {
            printError("sealpost: deposited an earlier request: envelope \(short(entry.envelopeID)) to \(entry.recipient)")
        }
        for entry in pending.declines {
            printError("sealpost: finished an earlier decline: request \(short(entry.requestID)) declined to \(entry.requester)")
        }
        for entry in pending.outcomes {
            printError("sealpost: finished an earlier outcome: envelope \(short(entry.envelopeID)) (\(entry.decision)) told to \(entry.sender)")
        }
        for failure in pending.failures {
            printError("sealpost: warning: envelope \(short(failure.envelopeID)) is still pending: \(failure.error.message)")
        }
    }
}

extension CLIError {
    init(_ error: ExchangeError) { self.init(error.message, hint: error.hint) }
}

/// The first 12 hex digits of an envelope id: what listings show, and enough to name one.
func short(_ id: String) -> String { String(id.prefix(12)) }
