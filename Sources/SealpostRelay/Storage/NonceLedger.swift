import Synchronization

/// The nonces of accepted requests, in memory, for a store that keeps them nowhere else.
///
/// A nonce is remembered until its request's timestamp is further in the past than the skew the
/// relay tolerates; after that the timestamp alone refuses the request. Because the ledger dies
/// with the process, it refuses every request timestamped before it was created: a request
/// accepted by an earlier process cannot be accepted again by this one unless its timestamp lies
/// after this process started (spec/relay.md §Replay, on the residual window).
final class NonceLedger: Sendable {
    private struct Key: Hashable {
        let agency: String
        let high: UInt64
        let low: UInt64
    }

    private struct State {
        var seen: Set<Key> = []
        /// Keys by the second after which they may be forgotten.
        var forgetting: [Int64: [Key]] = [:]
        var lastPruned: Int64 = .min
    }

    let startedAt: Int64
    private let state = Mutex(State())

    init(startedAt: Int64) {
        self.startedAt = startedAt
    }

    func claim(agency: String, nonce: [UInt8], timestamp: Int64, window: Int64, now: Int64) -> NonceClaim {
        guard timestamp >= startedAt else { return .beforeLedger(startedAt: startedAt) }
        var high: UInt64 = 0, low: UInt64 = 0
        for (i, byte) in nonce.enumerated() {
            if i < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        // Longer nonces fold their tail into `low`; the protocol fixes them at 16 bytes.
        let key = Key(agency: agency, high: high, low: low)
        let forgetAt = timestamp + window
        return state.withLock { state in
            if now > state.lastPruned {
                state.lastPruned = now
                for second in state.forgetting.keys where second < now {
                    for old in state.forgetting.removeValue(forKey: second) ?? [] { state.seen.remove(old) }
                }
            }
            guard state.seen.insert(key).inserted else { return .replayed }
            state.forgetting[forgetAt, default: []].append(key)
            return .fresh
        }
    }

    var count: Int { state.withLock { $0.seen.count } }
}
