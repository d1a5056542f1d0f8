import SealpostCore
import Testing

@Suite("Elapsed: spans in their two largest units")
struct ElapsedTests {
    @Test("each unit starts where the one below ends, in both styles")
    func boundaries() {
        let cases: [(Int64, String, String)] = [
            (-5, "0 s", "0 seconds"), (0, "0 s", "0 seconds"), (59, "59 s", "59 seconds"),
            (60, "1 min", "1 minutes"), (3599, "59 min", "59 minutes"),
            (3600, "1 h 0 min", "1 hours 0 minutes"), (86_399, "23 h 59 min", "23 hours 59 minutes"),
            (86_400, "1 d 0 h", "1 days 0 hours"), (3 * 86_400 + 7 * 3600 + 59, "3 d 7 h", "3 days 7 hours"),
        ]
        for (seconds, short, words) in cases {
            #expect(Elapsed.text(seconds, .abbreviated) == short, "\(seconds) s")
            #expect(Elapsed.text(seconds, .words) == words, "\(seconds) s")
        }
    }
}
