import Synchronization

/// Token buckets by key (an agency id, or a remote address): each key may spend `burst` at once
/// and regains `perSecond` tokens a second. Idle full buckets are dropped so the table stays small.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let limit: RelayLimits.RateLimit
    private let buckets = Mutex([String: Bucket]())
    private static let pruneAbove = 10_000

    init(_ limit: RelayLimits.RateLimit) {
        self.limit = limit
    }

    /// Takes a token for `key`, or says how many whole seconds until one is free.
    func take(_ key: String, now: ContinuousClock.Instant = .now) -> Result<Void, RetryAfter> {
        spend(key, now: now, take: true)
    }

    /// Whether `key` has a token, without taking it.
    func check(_ key: String, now: ContinuousClock.Instant = .now) -> Result<Void, RetryAfter> {
        spend(key, now: now, take: false)
    }

    struct RetryAfter: Error {
        let seconds: Int
    }

    private func spend(_ key: String, now: ContinuousClock.Instant, take: Bool) -> Result<Void, RetryAfter> {
        let capacity = Double(limit.burst)
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket.tokens = min(capacity, bucket.tokens + max(0, seconds) * limit.perSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return .failure(RetryAfter(seconds: max(1, Int(((1 - bucket.tokens) / limit.perSecond).rounded(.up)))))
            }
            if take { bucket.tokens -= 1 }
            buckets[key] = bucket
            if buckets.count > Self.pruneAbove {
                // Drop buckets that have refilled by now: they behave exactly like absent ones.
                let full = Duration.seconds(capacity / limit.perSecond)
                buckets = buckets.filter { now - $0.value.updated < full }
            }
            return .success(())
        }
    }
}
