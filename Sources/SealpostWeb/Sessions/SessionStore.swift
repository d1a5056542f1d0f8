import SealpostCore
import SealpostSodium

/// A visitor's session. Before sign-in it holds only the CSRF token for the sign-in form; after,
/// the practitioner and the agency's unlocked identity, held in memory that is wiped when the
/// session ends (sign-out, idle timeout, or the process stopping).
struct WebSession: Sendable {
    let token: String
    let csrf: String
    let signedIn: SignedIn?
    var lastSeen: Int64

    struct SignedIn: Sendable {
        let practitioner: Practitioner
        let identity: Identity
    }
}

/// Sessions by token, in this process only: a session is never written anywhere (its unlocked
/// key must not be), so a restart signs everyone out. Tokens are 32 random bytes; the CSRF token
/// is another 32, bound to the session.
actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    private let idleTimeout: Int64
    /// Anonymous sessions (the sign-in form) are capped so a flood cannot grow memory.
    static let maximumAnonymous = 10_000
    /// Anonymous sessions last an hour, whatever the idle timeout.
    static let anonymousLifetime: Int64 = 3600

    init(idleTimeout: Int64) { self.idleTimeout = idleTimeout }

    /// The live session for `token` at `now`, marked as seen; an idle one is ended and nil.
    func resolve(_ token: String, now: Int64) -> WebSession? {
        guard var session = sessions[token] else { return nil }
        let limit = session.signedIn == nil ? Self.anonymousLifetime : idleTimeout
        guard now - session.lastSeen < limit else {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    /// A new session before sign-in.
    func startAnonymous(now: Int64) -> WebSession {
        sweep(now: now)
        if sessions.values.filter({ $0.signedIn == nil }).count >= Self.maximumAnonymous,
           let oldest = sessions.values.filter({ $0.signedIn == nil }).min(by: { $0.lastSeen < $1.lastSeen }) {
            sessions[oldest.token] = nil
        }
        return insert(signedIn: nil, now: now)
    }

    /// Signs in: the anonymous session `replacing` ends and a new one, with a new token, begins
    /// (so a token known before sign-in is worth nothing after).
    func signIn(replacing token: String?, practitioner: Practitioner, identity: Identity, now: Int64) -> WebSession {
        if let token { sessions[token] = nil }
        return insert(signedIn: .init(practitioner: practitioner, identity: identity), now: now)
    }

    func end(_ token: String) { sessions[token] = nil }

    /// Ends every session past its limit.
    func sweep(now: Int64) {
        sessions = sessions.filter { _, s in now - s.lastSeen < (s.signedIn == nil ? Self.anonymousLifetime : idleTimeout) }
    }

    var signedInCount: Int { sessions.values.filter { $0.signedIn != nil }.count }

    private func insert(signedIn: WebSession.SignedIn?, now: Int64) -> WebSession {
        let session = WebSession(token: Hex.encode(RandomBytes.make(count: 32)), csrf: Hex.encode(RandomBytes.make(count: 32)),
                                 signedIn: signedIn, lastSeen: now)
        sessions[session.token] = session
        return session
    }
}
