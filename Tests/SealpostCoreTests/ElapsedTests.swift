import SealpostCore
import Testing

@Suite("Elapsed: spans in their two largest units")
struct ElapsedTests {
    @Test("each unit starts where the one below ends, in both styles; words say one in the singular and drop a zero")
    func boundaries() {
        let cases: [(Int64, String, String)] = [
            (-5, "0 s", "0 seconds"), (0, "0 s", "0 seconds"), (59, "59 s", "59 seconds"),
            (1, "1 s", "1 second"), (60, "1 min", "1 minute"), (3599, "59 min", "59 minutes"),
            (3600, "1 h 0 min", "1 hour"), (3660, "1 h 1 min", "1 hour 1 minute"), (7320, "2 h 2 min", "2 hours 2 minutes"),
            (86_399, "23 h 59 min", "23 hours 59 minutes"),
            (86_400, "1 d 0 h", "1 day"), (90_000, "1 d 1 h", "1 day 1 hour"), (3 * 86_400 + 7 * 3600 + 59, "3 d 7 h", "3 days 7 hours"),
        ]
        for (seconds, short, words) in cases {
            #expect(Elapsed.text(seconds, .abbreviated) == short, "\(seconds) s")
            #expect(Elapsed.text(seconds, .words) == words, "\(seconds) s")
        }
    }
}
