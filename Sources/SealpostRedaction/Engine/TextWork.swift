/// Who an identifier span belongs to, once decided.
enum Owner: Equatable {
    /// A kept person's identifier, an organisation, an ordinary word or date: left as it is.
    case kept
    /// A protected person: replaced by their token.
    case person(Int32)
    /// A value that belongs to nobody kept: replaced by a withheld-value token.
    case withheld(Int32)

    var isRedacted: Bool { self != .kept }
}

/// A decided span of a text.
struct Claim {
    var start: Int32
    var end: Int32
    var first: Int32
    var last: Int32
    /// nil for spans that are not identifiers (organisations, ordinary dates).
    var category: IdentifierCategory?
    var owner: Owner
}

/// A span the redactor is unsure of.
struct Finding {
    var start: Int32
    var end: Int32
    var category: IdentifierCategory
    var reason: UncertainFinding.Reason
}

/// One text being redacted: its bytes, tokens, and the spans decided so far. Each token is
/// claimed at most once; detectors run in priority order and skip claimed tokens.
final class TextWork {
    static let free: Int32 = -1
    /// Tokens of a pattern (a number, a date) that decide nothing by themselves.
    static let reserved: Int32 = -2

    let path: String
    let bytes: [UInt8]
    /// Immutable after tokenizing, so reads need no exclusivity checks.
    let tokens: [Token]
    /// Claim index per token, or `free`/`reserved`. A raw buffer: written and read in the hot
    /// loops of every detector, where a class's array property would be checked on every access.
    let claimOf: UnsafeMutableBufferPointer<Int32>
    @exclusivity(unchecked) var claims: [Claim] = []
    @exclusivity(unchecked) var findings: [Finding] = []
    /// Dates that are neither a known date of birth nor in a date-of-birth context.
    var pendingDates: [PatternHit] = []
    /// The runs of name words the first name pass found, for the second (`NameRunCache`).
    @exclusivity(unchecked) var nameRuns = NameRunCache()

    init(path: String, text: String, lexicon: Lexicon) {
        self.path = path
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var toks: [Token] = []
        toks.reserveCapacity(bytes.count / 5 + 1)
        bytes.withUnsafeBufferPointer { Tokenizer.tokenize($0, lexicon: lexicon, into: &toks) }
        tokens = toks
        claimOf = .allocate(capacity: toks.count)
        claimOf.initialize(repeating: TextWork.free)
    }

    deinit { claimOf.deallocate() }

    /// Typed without capitals (a hasty note, a text message): most sentences start in lowercase,
    /// so a lowercase given name or surname from the lists counts as a capitalised one would.
    lazy var lowercaseStyle: Bool = {
        var lower = 0, upper = 0
        for t in tokens where t.shape & Shape.sentence != 0 && t.isWord {
            if t.shape & Shape.lower != 0 { lower += 1 } else if t.shape & Shape.cap != 0 { upper += 1 }
        }
        return lower >= 2 && lower > upper
    }()

    var count: Int { tokens.count }

    @inline(__always) func isFree(_ k: Int) -> Bool { claimOf[k] == TextWork.free }

    func isFree(_ a: Int, _ b: Int) -> Bool {
        for k in a...b where claimOf[k] != TextWork.free { return false }
        return true
    }

    func reserve(_ a: Int, _ b: Int) {
        for k in a...b where claimOf[k] == TextWork.free { claimOf[k] = TextWork.reserved }
    }

    /// Claims tokens `a...b` (which must not be claimed already) for the byte range `start..<end`.
    @discardableResult
    func claim(_ a: Int, _ b: Int, start: Int32, end: Int32, category: IdentifierCategory?, owner: Owner) -> Int {
        let index = claims.count
        claims.append(Claim(start: start, end: end, first: Int32(a), last: Int32(b), category: category, owner: owner))
        for k in a...b { claimOf[k] = Int32(index) }
        return index
    }

    @discardableResult
    func claimTokens(_ a: Int, _ b: Int, category: IdentifierCategory?, owner: Owner, keepPossessive: Bool = true) -> Int {
        let end = keepPossessive ? tokens[b].nameEnd : tokens[b].end
        return claim(a, b, start: tokens[a].start, end: end, category: category, owner: owner)
    }

    func addFinding(_ a: Int, _ b: Int, _ category: IdentifierCategory, _ reason: UncertainFinding.Reason) {
        let start = tokens[a].start, end = tokens[b].nameEnd
        // Adjacent or overlapping findings of one reason, added one after the other, become one.
        if let last = findings.last, last.reason == reason, last.end >= start - 2, last.start <= end + 2 {
            findings[findings.count - 1].start = min(last.start, start)
            findings[findings.count - 1].end = max(last.end, end)
            return
        }
        findings.append(Finding(start: start, end: end, category: category, reason: reason))
    }

    /// The bytes between token `k - 1` and token `k`.
    func gapBytes(_ k: Int) -> ArraySlice<UInt8> {
        let a = k == 0 ? 0 : Int(tokens[k - 1].end)
        return bytes[a..<Int(tokens[k].start)]
    }

    @inline(__always) func gapLength(_ k: Int) -> Int {
        k == 0 ? Int(tokens[0].start) : Int(tokens[k].start - tokens[k - 1].end)
    }

    /// True when only one or two spaces separate token `k` from the previous one.
    @inline(__always) func spaceGap(_ k: Int) -> Bool {
        k > 0 && tokens[k].gap == Gap.space && gapLength(k) <= 2
    }

    /// True when the gap before `k` is exactly `byte`.
    func gapIs(_ k: Int, _ byte: UInt8) -> Bool {
        k > 0 && gapLength(k) == 1 && bytes[Int(tokens[k].start) - 1] == byte
    }

    func tokenBytes(_ k: Int) -> ArraySlice<UInt8> { bytes[Int(tokens[k].start)..<Int(tokens[k].end)] }

    /// The token's bytes when it is plain ASCII letters and digits, uppercased; nil otherwise.
    func asciiUpper(_ k: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(tokens[k].length)
        for b in tokenBytes(k) {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(b - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(b)
            default: return nil
            }
        }
        return out
    }

    /// The hash of token `k` without its final "s", for tokens marked `Shape.plural` (no allocation).
    func pluralHash(_ k: Int) -> UInt64 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buf in
            bytes.withUnsafeBufferPointer { p in
                Tokenizer.asciiClass.withUnsafeBufferPointer { cls in
                    let w = Tokenizer.scanWord(p, from: Int(tokens[k].start), cls: cls, norm: buf.baseAddress!, cap: 64)
                    let n = min(w.nlen, 64)
                    guard n > 1 else { return 0 }
                    var h = FNV.offset
                    for i in 0..<(n - 1) { h = FNV.mix(h, buf[i]) }
                    return FNV.finish(h)
                }
            }
        }
    }

    func normalized(_ k: Int) -> [UInt8] {
        bytes.withUnsafeBufferPointer { Tokenizer.normalized($0, from: Int(tokens[k].start)) }
    }

    func string(_ start: Int32, _ end: Int32) -> String {
        String(decoding: bytes[Int(start)..<Int(end)], as: UTF8.self)
    }

    /// True when a token within `window` tokens before `k` (on the same line or the line before)
    /// has one of `flags`.
    func cueBefore(_ k: Int, window: Int, flags: UInt64) -> Bool {
        var j = k - 1
        var lines = 0
        while j >= 0 && k - j <= window {
            if tokens[j].lex & flags != 0 { return true }
            if tokens[j + 1].gap & Gap.newline != 0 { lines += 1; if lines > 1 { return false } }
            j -= 1
        }
        return false
    }

    func cueAfter(_ k: Int, window: Int, flags: UInt64) -> Bool {
        var j = k + 1
        while j < count && j - k <= window {
            if tokens[j].gap & Gap.newline != 0 { return false }
            if tokens[j].lex & flags != 0 { return true }
            j += 1
        }
        return false
    }
}
