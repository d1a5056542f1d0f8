import Hummingbird
import Logging
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostLedger

/// The app's shared parts: configuration, sessions, sign-in throttle, page renderer.
struct WebApp: Sendable {
    let configuration: WebConfiguration
    let sessions: SessionStore
    let throttle = SignInThrottle()
    let pages: PageRenderer
    /// What the relay's waiting envelopes verified as, so Home and the Inbox fetch each one once.
    let relayDescriptions = VerifiedDescriptions()
    let sessionMiddleware: SessionMiddleware
    let logger: Logger
    let agencyID: String
    /// Host names the app answers to (HostGuardMiddleware).
    let allowedHosts: Set<String>

    var now: Int64 { configuration.clock() }
    var home: Home { configuration.home }

    init(configuration: WebConfiguration, agencyName: String, agencyID: String, logger: Logger) throws {
        self.agencyID = agencyID
        allowedHosts = Set(["127.0.0.1", "localhost", "::1", configuration.host.lowercased()] + configuration.publicHosts.map { $0.lowercased() })
        self.configuration = configuration
        sessions = SessionStore(idleTimeout: configuration.idleTimeout)
        pages = try PageRenderer(agency: agencyName)
        sessionMiddleware = SessionMiddleware(store: sessions, clock: configuration.clock, secureCookies: configuration.tls != nil)
        self.logger = logger
    }

    /// Purposes as practitioners know them: the agreement's name for each purpose id (the id
    /// itself when no agreement is installed or it has no such purpose).
    func purposeNames() -> PurposeNames {
        PurposeNames(names: Dictionary(((try? AgreementStore(home: home).current())??.agreement.purposes ?? []).map { ($0.id, $0.name) },
                                       uniquingKeysWith: { a, _ in a }))
    }

    /// Agencies as practitioners know them: each party's name in the agreement ("Kingsbridge
    /// MASH", not `kingsbridge-mash`); the id itself when it is no party of the installed agreement.
    func agencyNames() -> AgencyNames {
        AgencyNames(names: Dictionary(((try? AgreementStore(home: home).current())??.agreement.parties ?? []).map { ($0.agencyID, $0.name) },
                                      uniquingKeysWith: { a, _ in a }))
    }

    /// The signed-in practitioner's unlocked identity.
    func identity(_ session: WebSession) throws -> Identity {
        guard let signedIn = session.signedIn else { throw WebError("not signed in") }
        return signedIn.identity
    }

    /// The exchange as the signed-in practitioner acts in it.
    func context(_ session: WebSession) throws -> ExchangeContext {
        guard let signedIn = session.signedIn else { throw WebError("not signed in") }
        var context = try ExchangeContext.load(home: home, identity: signedIn.identity, logger: logger, clock: configuration.clock)
        context.actor = ActorDetails(signedIn.practitioner)
        return context
    }

    /// Runs `body` with a checked relay session (nothing pending is finished unless asked).
    func withRelay<T: Sendable>(_ context: ExchangeContext, finishPending: Bool = false,
                                _ body: @Sendable (RelaySession) async throws -> T) async throws -> T {
        try await RelaySession.run(context, access: configuration.relay, finishPending: finishPending, body)
    }
}

/// An agreement's name for each of its ids (purposes, agencies); the id itself when it has none.
struct AgreementNames {
    let names: [String: String]
    func callAsFunction(_ id: String) -> String { names[id] ?? id }
}

typealias PurposeNames = AgreementNames
typealias AgencyNames = AgreementNames
