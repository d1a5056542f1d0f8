/// How often, and after how long, a relay request is tried again.
///
/// A request is retried when the connection failed (never after a TLS failure, which would fail
/// the same way again), when the relay answered 5xx, or when it answered 429 (after the
/// Retry-After it gave, if any). The delay before attempt n+1 is drawn uniformly from
/// [base * 2^n / 2, base * 2^n] ("equal jitter", so agencies that failed together do not retry
/// together), capped at `maximumDelay`. A Retry-After longer than `maximumDelay` ends the retries.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (at least 1).
    public var attempts: Int
    public var baseDelay: Double
    public var maximumDelay: Double

    public init(attempts: Int = 6, baseDelay: Double = 0.5, maximumDelay: Double = 30) {
        self.attempts = max(1, attempts)
        self.baseDelay = max(0, baseDelay)
        self.maximumDelay = max(0, maximumDelay)
    }

    /// No retries: each request is tried once.
    public static let none = RetryPolicy(attempts: 1)

    /// Seconds to wait before attempt `attempt + 1` (attempts counted from 0), or nil when no
    /// attempt is left or the relay asked for a longer wait than this policy allows.
    public func delay(after attempt: Int, retryAfter: Double? = nil,
                      random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> Double? {
        guard attempt + 1 < attempts else { return nil }
        if let retryAfter {
            guard retryAfter <= maximumDelay else { return nil }
            return max(0, retryAfter)
        }
        let ceiling = min(maximumDelay, baseDelay * Double(1 << min(attempt, 30)))
        return random(ceiling / 2...ceiling)
    }

    /// The value of a Retry-After header in seconds: delay-seconds only (the relay sends no dates).
    public static func retryAfter(_ header: String?) -> Double? {
        guard let header, let seconds = Int(header.trimmingBlanks()), seconds >= 0 else { return nil }
        return Double(seconds)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
