#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SealpostRedaction

/// Measures redaction throughput on narrative text for a fixed record, at 1x, 4x and 16x the
/// base size, so that linearity shows: the figures should stay level as the text grows. Each
/// figure is the median of several rounds; the time includes compiling the record's matchers.
/// Beside each, in the same run, a raw bound over the same bytes: one tokenising pass (what
/// every redaction must do at least once), so the ratio says how many such passes redaction
/// costs whatever the machine's load. Then records per second for typical 2 KiB records, where
/// compiling the record dominates.
public struct RedactionBenchmark {
    public struct Point: Sendable {
        public var multiple: Int
        public var bytes: Int
        public var seconds: Double
        public var megabytesPerSecond: Double
        /// One tokenising pass over the same bytes, median of the same rounds.
        public var rawSeconds: Double
        public var rawMegabytesPerSecond: Double { Double(bytes) / 1e6 / rawSeconds }
        /// Redaction time over the raw pass's.
        public var ratio: Double { seconds / rawSeconds }
    }

    public struct Figures: Sendable, CustomStringConvertible {
        public var points: [Point]
        /// Replacements made in the largest text (a check that the work was done).
        public var replacements: Int
        /// Size of the short records and how many were redacted per second, one at a time.
        public var shortRecordBytes: Int
        public var recordsPerSecond: Double
        /// Records per second for the same records' text when only tokenised.
        public var rawRecordsPerSecond: Double

        public var description: String {
            points.map {
                String(format: "%2dx %8.2f MB in %7.3f s: %7.1f MB/s; raw tokenising pass %7.1f MB/s; ratio %.1f",
                       $0.multiple, Double($0.bytes) / 1e6, $0.seconds, $0.megabytesPerSecond, $0.rawMegabytesPerSecond, $0.ratio)
            }.joined(separator: "\n")
                + String(format: "\n%d-byte records: %.0f records/s; raw tokenising pass %.0f records/s; ratio %.1f",
                         shortRecordBytes, recordsPerSecond, rawRecordsPerSecond, rawRecordsPerSecond / max(recordsPerSecond, 1e-9))
        }
    }

    /// One tokenising pass over `text`: the raw bound.
    static func rawPass(_ text: String) -> Int { RawTokenPass.tokenCount(text) }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs the benchmark and logs one line per size.
    public static func run(baseBytes: Int = 1 << 20, multiples: [Int] = [1, 4, 16], rounds: Int = 3,
                           log: (String) -> Void = { print($0) }) -> Figures {
        let redactor = Redactor()
        var points: [Point] = []
        var replacements = 0
        for m in multiples {
            let text = narrative(bytes: baseBytes * m)
            let input = RedactionInput(people: people, texts: [TextField(path: "narrative", text: text)])
            var times: [Double] = []
            var raw: [Double] = []
            for _ in 0..<max(rounds, 1) {
                var t0 = now()
                let r = try? redactor.redact(input)
                times.append(now() - t0)
                replacements = r?.record.texts.first?.replacements.count ?? 0
                t0 = now()
                sink &+= rawPass(text)
                raw.append(now() - t0)
            }
            times.sort()
            raw.sort()
            let median = times[times.count / 2]
            let bytes = text.utf8.count
            let point = Point(multiple: m, bytes: bytes, seconds: median, megabytesPerSecond: Double(bytes) / 1e6 / median,
                              rawSeconds: raw[raw.count / 2])
            points.append(point)
            log(String(format: "redaction %2dx: %.2f MB in %.3f s, %.1f MB/s (raw pass %.1f MB/s, ratio %.1f)",
                       m, Double(bytes) / 1e6, median, point.megabytesPerSecond, point.rawMegabytesPerSecond, point.ratio))
        }
        let short = narrative(bytes: 2048)
        let input = RedactionInput(people: people, texts: [TextField(path: "narrative", text: short)])
        var perSecond: [Double] = []
        var rawPerSecond: [Double] = []
        for _ in 0..<max(rounds, 1) {
            var n = 0
            var t0 = now()
            while now() - t0 < 0.5 || n < 10 {
                sink &+= (try? redactor.redact(input))?.record.texts.count ?? 0
                n += 1
            }
            perSecond.append(Double(n) / (now() - t0))
            n = 0
            t0 = now()
            while now() - t0 < 0.2 || n < 10 {
                sink &+= rawPass(short)
                n += 1
            }
            rawPerSecond.append(Double(n) / (now() - t0))
        }
        perSecond.sort()
        rawPerSecond.sort()
        let figures = Figures(points: points, replacements: replacements, shortRecordBytes: short.utf8.count,
                              recordsPerSecond: perSecond[perSecond.count / 2], rawRecordsPerSecond: rawPerSecond[rawPerSecond.count / 2])
        log(String(format: "redaction of %d-byte records: %.0f records/s (raw pass %.0f records/s)",
                   figures.shortRecordBytes, figures.recordsPerSecond, figures.rawRecordsPerSecond))
        if sink == 42 { log("") }  // keeps the raw passes from being optimised away
        return figures
    }

    nonisolated(unsafe) static var sink = 0

    /// A fixed, fictional record: a child, two household members and five parties.
    static let people: [RedactionPerson] = [
        RedactionPerson(id: "s", category: .subject, identifiers: PersonIdentifiers(
            name: "Amira Khan", address: "12 Mill Lane, Kingsbridge KB1 4XY", dob: "02/03/2014", nhsNumber: "943 476 5919")),
        RedactionPerson(id: "m", category: .household, identifiers: PersonIdentifiers(name: "KHAN, Farah", phone: "07700 900111")),
        RedactionPerson(id: "b", category: .household, identifiers: PersonIdentifiers(name: "Yusuf Khan")),
        RedactionPerson(id: "n", category: .party, role: .neighbour, identifiers: PersonIdentifiers(
            name: "Mr Kevin O'Neill", aka: ["Big Kev"], address: "14 Mill Lane, Kingsbridge KB1 4XY", phone: "07700 900222",
            workplace: "Greggs")),
        RedactionPerson(id: "u", category: .party, role: .relative, identifiers: PersonIdentifiers(
            name: "Tariq Khan", dob: "1985-04-03", vehicle: "AB12 CDE")),
        RedactionPerson(id: "p", category: .party, role: .other, identifiers: PersonIdentifiers(
            name: "Jodie Marsh", email: "jodie.marsh@example.com", handle: "@jodie_m99")),
        RedactionPerson(id: "r", category: .party, role: .referrer, protect: false, identifiers: PersonIdentifiers(name: "Mrs Jane Patel")),
        RedactionPerson(id: "x", category: .party, role: .professional, protect: false, identifiers: PersonIdentifiers(name: "Dr Oliver Grant")),
    ]

    static let paragraphs = [
        "Amira told Mrs Patel that Kev O'Neill's dog had bitten her on the way home from school on 12/03/2024. Mum (Farah, 07700 900111) says Kevin from number 14 works at Greggs and has been shouting at the children over the fence. ",
        "Her uncle Tariq, born 03/04/85, drives a grey car (AB12CDE) and collects Amira on Fridays. Tariq's friend Jodie Marsh (jodie.marsh@example.com) messages Amira on Snapchat as @jodie_m99, which Mum did not know about. ",
        "We hope that the family will accept Early Help. Attendance in the Summer term was 91% and Amira has made good progress in reading, although staff noticed she was tired and hungry on several mornings in May. ",
        "Yusuf (brother) said a man called Dwayne comes to the flat late at night and that Mr O'Neill told him to keep quiet. Dr Grant has been informed and agrees a referral to children's social care is needed. ",
        "The family live at 12 Mill Lane, Kingsbridge, KB1 4XY. Calls were also received from 07700 900999, which Mum does not recognise. Big Kev was seen outside Marks and Spencer with two older boys on Saturday evening. ",
    ]

    static func narrative(bytes: Int) -> String {
        var out = ""
        out.reserveCapacity(bytes + 512)
        var i = 0
        while out.utf8.count < bytes {
            out += paragraphs[i % paragraphs.count]
            if i % 7 == 6 { out += "\n\n" }
            i += 1
        }
        return out
    }
}
