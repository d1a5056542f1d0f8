/// Slows guessing: each address may fail to sign in 5 times in any 15 minutes, and the whole app
/// 50 times, before sign-in from it (or from anyone) waits. A success clears the address's count.
actor SignInThrottle {
    static let perAddress = 5
    static let overall = 50
    static let window: Int64 = 15 * 60

    private var failures: [String: [Int64]] = [:]
    private var all: [Int64] = []

    /// Seconds to wait before `address` may try again, or nil when it may try now.
    func wait(for address: String, now: Int64) -> Int64? {
        prune(now: now)
        let mine = failures[address] ?? []
        if mine.count >= Self.perAddress, let first = mine.first { return max(1, first + Self.window - now) }
        if all.count >= Self.overall, let first = all.first { return max(1, first + Self.window - now) }
        return nil
    }

    func failed(_ address: String, now: Int64) {
        failures[address, default: []].append(now)
        all.append(now)
    }

    func succeeded(_ address: String) { failures[address] = nil }

    private func prune(now: Int64) {
        let cutoff = now - Self.window
        all.removeAll { $0 <= cutoff }
        failures = failures.compactMapValues { times in
            let kept = times.filter { $0 > cutoff }
            return kept.isEmpty ? nil : kept
        }
    }
}
