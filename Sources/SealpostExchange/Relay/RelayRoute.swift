import Synchronization

/// The relay instances a client may use, in the agreement's order of preference, and what it has
/// learnt about them in this process (spec/exchange.md §"Several relays").
///
/// - Each request starts at the instance that last answered (for this list, in this process; a
///   new process starts again at the agreement's first), then tries the others in the agreement's
///   order.
/// - The first health answer seen pins the relay's identity (its agency id and key). Before the
///   client sends a signed request to an instance that has not shown its health answer yet, it asks,
///   and refuses an instance that shows another identity: every instance is one relay, over one
///   database, with one operator key.
///
/// Nothing is written to disk: a stale preference would only cost one refused connection.
final class RelayRoute: Sendable {
    let endpoints: [RelayEndpoint]
    private let state: Mutex<State>

    struct State {
        var current: Int
        var identity: Identity?
        var checked: Set<Int> = []
    }

    /// Who the relay says it is in its health answer.
    struct Identity: Equatable {
        let relay: String
        let relayKey: String
    }

    /// The instance that last answered, per list of instances, for as long as the process runs.
    private static let remembered = Mutex<[String: Int]>([:])

    init(_ endpoints: [RelayEndpoint]) {
        precondition(!endpoints.isEmpty, "a relay client needs at least one relay URL")
        self.endpoints = endpoints
        let start = endpoints.count > 1 ? Self.remembered.withLock { $0[Self.key(endpoints)] } ?? 0 : 0
        state = Mutex(State(current: start < endpoints.count ? start : 0))
    }

    private static func key(_ endpoints: [RelayEndpoint]) -> String { endpoints.map(\.description).joined(separator: " ") }

    /// The instance tried first: the one that last answered.
    var current: RelayEndpoint { endpoints[state.withLock { $0.current }] }

    /// The indices to try for one round: the current instance, then the others in order.
    func order() -> [Int] {
        let current = state.withLock { $0.current }
        return [current] + endpoints.indices.filter { $0 != current }
    }

    /// Instance `index` answered (whatever it said): requests start there from now on.
    func answered(_ index: Int) {
        state.withLock { $0.current = index }
        if endpoints.count > 1 {
            let key = Self.key(endpoints)
            Self.remembered.withLock { $0[key] = index }
        }
    }

    /// Pins the identity on the first health answer, and marks `index` as checked when it matches.
    func pin(_ identity: Identity, at index: Int) {
        state.withLock { state in
            if state.identity == nil { state.identity = identity }
            if state.identity == identity { state.checked.insert(index) }
        }
    }

    /// The pinned identity, when instance `index` must show it before a signed request goes there.
    func identityToCheck(at index: Int) -> Identity? {
        state.withLock { state in
            guard let identity = state.identity, !state.checked.contains(index) else { return nil }
            return identity
        }
    }

    /// Instance `index` showed the pinned identity.
    func checked(_ index: Int) {
        _ = state.withLock { $0.checked.insert(index) }
    }
}
