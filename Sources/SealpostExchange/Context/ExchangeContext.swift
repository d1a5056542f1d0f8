import Foundation
import Logging
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord

/// What every exchange operation needs from one home: its unlocked identity, the agreement in
/// force, its stores, a clock and a logger.
public struct ExchangeContext: Sendable {
    public let home: Home
    public let identity: Identity
    public let agreement: Agreement
    public let outbox: Outbox
    public let inbox: Inbox
    public let acks: AckJournal
    /// Requests this agency sent (`HOME/requests/out`), in the outbox's layout.
    public let requestsOut: Outbox
    /// Requests other agencies sent this one, opened here (`HOME/requests/in`), in the inbox's layout.
    public let requestsIn: Inbox
    /// Declines of requests, sealed and journalled until the relay holds them (`HOME/declines`).
    public let declines: DeclineJournal
    /// Outcomes of records received here, sealed and journalled until the relay holds them (`HOME/outcomes`).
    public let outcomes: OutcomeJournal
    public let logger: Logger
    /// Seals to and opens from this agency's own key what the home keeps at rest.
    public let atRest: AtRest
    /// Unix seconds. Tests move it; everything else uses the system clock.
    public let clock: @Sendable () -> Int64
    /// Who is acting: stamped into the details of every entry this context appends to the log
    /// (`appendToLog`). The command line's unless a practitioner signed in (the web app sets it).
    public var actor: ActorDetails = .commandLine

    public init(home: Home, identity: Identity, agreement: Agreement, logger: Logger,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        (self.home, self.identity, self.agreement, self.logger, self.clock) = (home, identity, agreement, logger, clock)
        atRest = AtRest(identity: identity)
        outbox = Outbox(home: home)
        inbox = Inbox(home: home, atRest: atRest)
        acks = AckJournal(home: home)
        requestsOut = Outbox.requests(home: home)
        requestsIn = Inbox.requests(home: home, atRest: atRest)
        declines = DeclineJournal(home: home)
        outcomes = OutcomeJournal(home: home)
    }

    /// The context for `home`, with the agreement installed there.
    public static func load(home: Home, identity: Identity, logger: Logger,
                            clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws(ExchangeError) -> ExchangeContext {
        let signed: SignedAgreement
        do { signed = try AgreementStore(home: home).inForce() } catch {
            throw ExchangeError(.agreement, error.message, hint: error.hint)
        }
        guard let own = signed.agreement.party(identity.agencyID), own.status == .active else {
            throw ExchangeError(.agreement, "\(identity.agencyID) is not an active party of agreement \(signed.agreement.id) version \(signed.agreement.version)",
                                hint: "install an agreement in which this agency is an active party")
        }
        return ExchangeContext(home: home, identity: identity, agreement: signed.agreement, logger: logger, clock: clock)
    }

    public var now: Int64 { clock() }

    /// The home's receipt log, its sealed details opened (spec/receipts.md §Details).
    public func ledger() throws(LogError) -> Ledger { try Ledger.read(directory: home.logDirectory, atRest: atRest) }
    public var today: CalendarDate { .today(now: Double(clock())) }

    /// Trust in senders: exactly the agreement's active parties, on the days it is valid.
    public var senders: AgreementSenders { AgreementSenders(agreement: agreement, today: today) }

    public var agreementLabel: String { "\(agreement.id)@\(agreement.version)" }

    /// Checks the agreement is valid today, before anything is sealed or opened under it.
    public func checkAgreementValid() throws(ExchangeError) {
        guard agreement.isValid(on: today) else {
            throw ExchangeError(.agreement, "agreement \(agreement.id) is valid from \(agreement.validFrom) to \(agreement.validUntil), not today (\(today))",
                                hint: "install the partnership's current agreement with: sealpost agreement install FILE")
        }
    }
}

/// A connection to the partnership's relay whose identity has been checked: its health answer
/// shows the signing key of the agreement's relay operator.
public struct RelaySession: Sendable {
    public let context: ExchangeContext
    public let client: RelayClient
    public let relay: RelayOperator

    public init(context: ExchangeContext, client: RelayClient, relay: RelayOperator) {
        (self.context, self.client, self.relay) = (context, client, relay)
    }

    /// Asks the relay who it is and checks it against the agreement before any signed request.
    public static func connect(_ context: ExchangeContext, client: RelayClient) async throws(ExchangeError) -> RelaySession {
        let health = try await client.health()
        let relay = try RelayOperator.identify(health, under: context.agreement, endpoint: client.endpoint)
        let skew = health.time - context.now
        if abs(skew) > 60 {
            context.logger.warning("clock differs from the relay's", metadata: ["seconds": .stringConvertible(skew)])
        }
        return RelaySession(context: context, client: client, relay: relay)
    }
}
