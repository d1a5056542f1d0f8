/// The result of scanning one word.
struct WordScan {
    var end: Int
    var hash: UInt64
    var altHash: UInt64
    var shape: UInt16
    var nlen: Int
    var possLen: Int
}

/// Splits UTF-8 text into words and numbers in one pass, hashing each word's normalised form as
/// it goes. Letters and digits form tokens; an apostrophe followed by a letter stays inside a
/// word (O'Neill, Kevin's); hyphens, dots and other punctuation separate tokens and are recorded
/// as the gap before the next token.
enum Tokenizer {
    /// 1 lowercase letter, 2 uppercase letter, 3 digit, 0 anything else.
    static let asciiClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 128)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = 1 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = 2 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = 3 }
        return t
    }()

    /// For each byte: an ASCII letter or digit's folded (lowercase) byte in the low 8 bits and its
    /// class as a bit in the high 8 (1 << class: 2 lower, 4 upper, 8 digit); 0 for every other byte.
    nonisolated(unsafe) static let asciiFold: UnsafeMutablePointer<UInt16> = {
        let t = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for b in 0..<128 {
            let c = asciiClass[b]
            guard c != 0 else { continue }
            let folded = c == 2 ? UInt16(b) | 0x20 : UInt16(b)
            t[b] = folded | UInt16(1 << c) << 8
        }
        return t
    }()

    static let asciiGap: [UInt16] = {
        var t = [UInt16](repeating: Gap.other, count: 128)
        for b in [0x20, 0x09, 0x0B, 0x0C, 0x0D] { t[b] = Gap.space }
        t[0x0A] = Gap.newline
        t[Int(UInt8(ascii: "-"))] = Gap.hyphen
        t[Int(UInt8(ascii: ","))] = Gap.comma
        t[Int(UInt8(ascii: "."))] = Gap.period
        t[Int(UInt8(ascii: "!"))] = Gap.stop
        t[Int(UInt8(ascii: "?"))] = Gap.stop
        t[Int(UInt8(ascii: ":"))] = Gap.colon
        t[Int(UInt8(ascii: ";"))] = Gap.semicolon
        for c in "([{\"'<" { t[Int(c.asciiValue!)] = Gap.open }
        for c in ")]}>" { t[Int(c.asciiValue!)] = Gap.close }
        t[Int(UInt8(ascii: "@"))] = Gap.at
        t[Int(UInt8(ascii: "/"))] = Gap.slash
        t[Int(UInt8(ascii: "\\"))] = Gap.slash
        t[Int(UInt8(ascii: "+"))] = Gap.plus
        t[Int(UInt8(ascii: "_"))] = Gap.underscore
        return t
    }()

    @inline(__always)
    static func isLetter(_ p: UnsafeBufferPointer<UInt8>, _ j: Int, _ cls: UnsafeBufferPointer<UInt8>) -> Bool {
        guard j < p.count else { return false }
        let b = p[j]
        if b < 0x80 { let c = cls[Int(b)]; return c == 1 || c == 2 }
        let (s, _) = Scalars.decode(p, j)
        return Scalars.kind(s) == .letter
    }

    /// Scans the word starting at `start` (which must be a letter or digit). When `norm` is given,
    /// the normalised bytes are written to it (up to `cap`).
    @inline(__always)
    static func scanWord(
        _ p: UnsafeBufferPointer<UInt8>, from start: Int, cls: UnsafeBufferPointer<UInt8>,
        norm: UnsafeMutablePointer<UInt8>? = nil, cap: Int = 0
    ) -> WordScan {
        let n = p.count
        var i = start
        var h = FNV.offset
        var prevH = h
        var last: UInt8 = 0
        var nlen = 0
        var lowers = 0, uppers = 0, digits = 0
        var first: UInt8 = 0  // 1 lower, 2 upper, 3 digit
        var aposAt = -1, aposLen = 0, hAtApos = h, nlenAtApos = 0

        @inline(__always) func feed(_ b: UInt8) {
            prevH = h
            h = (h ^ UInt64(b)) &* FNV.prime
            last = b
            if let norm, nlen < cap { norm[nlen] = b }
            nlen += 1
        }

        // Fast path while nothing is written out: a run of ASCII letters and digits, exactly as
        // the general loop below would take it, without its per-byte checks. One table read per
        // byte gives the folded byte and its class bit (0 ends the run, as does any byte >= 0x80);
        // which classes were seen is kept as bits (only whether each count is zero matters).
        if norm == nil, p[i] < 0x80 {
            first = cls[Int(p[i])]
            let run = asciiRun(p, from: i, fold: asciiFold, hash: h, previous: prevH)
            (i, h, prevH) = (run.end, run.hash, run.previous)
            var seen = run.seen
            let fold = asciiFold
            nlen = i - start
            if nlen > 0 { last = UInt8(truncatingIfNeeded: fold[Int(p[i - 1])]) }
            seen >>= 8
            if seen & 2 != 0 { lowers = 1 }
            if seen & 4 != 0 { uppers = 1 }
            if seen & 8 != 0 { digits = 1 }
        }
        scan: while i < n {
            let b = p[i]
            if b < 0x80 {
                switch cls[Int(b)] {
                case 1:
                    feed(b); lowers += 1
                    if first == 0 { first = 1 }
                    i += 1
                case 2:
                    feed(b | 0x20); uppers += 1
                    if first == 0 { first = 2 }
                    i += 1
                case 3:
                    feed(b); digits += 1
                    if first == 0 { first = 3 }
                    i += 1
                default:
                    if b == 0x27, i > start, isLetter(p, i + 1, cls) {
                        aposAt = i; aposLen = 1; hAtApos = h; nlenAtApos = nlen
                        i += 1
                    } else {
                        break scan
                    }
                }
                continue
            }
            let (s, len) = Scalars.decode(p, i)
            switch Scalars.kind(s) {
            case .letter:
                let f = Scalars.fold(s)
                let upper = f & Scalars.upperBit != 0
                if f & Scalars.foreignBit != 0 {
                    let v = f & 0x1F_FFFF
                    feed(0xFF); feed(UInt8(truncatingIfNeeded: v >> 16))
                    feed(UInt8(truncatingIfNeeded: v >> 8)); feed(UInt8(truncatingIfNeeded: v))
                } else {
                    feed(UInt8(truncatingIfNeeded: f))
                    let second = UInt8(truncatingIfNeeded: f >> 8)
                    if second != 0 { feed(second) }
                }
                if upper { uppers += 1 } else { lowers += 1 }
                if first == 0 { first = upper ? 2 : 1 }
                i += len
            case .mark:
                i += len
            case .apostrophe:
                if i > start, isLetter(p, i + len, cls) {
                    aposAt = i; aposLen = len; hAtApos = h; nlenAtApos = nlen
                    i += len
                } else {
                    break scan
                }
            default:
                break scan
            }
        }

        var shape: UInt16 = 0
        let letters = lowers + uppers
        if letters > 0 { shape |= Shape.alpha }
        if digits > 0 { shape |= Shape.digit }
        if first == 2 { shape |= Shape.cap }
        if first == 1 { shape |= Shape.lower }
        if letters > 0 && lowers == 0 { shape |= Shape.allCaps }
        var hash = h
        var alt: UInt64 = 0
        var possLen = 0
        if aposAt >= 0, i == aposAt + aposLen + 1, p[i - 1] | 0x20 == UInt8(ascii: "s"), nlenAtApos >= 1 {
            hash = hAtApos
            nlen = nlenAtApos
            possLen = i - aposAt
            shape |= Shape.possessive
        } else {
            if aposAt >= 0 { shape |= Shape.innerApostrophe }
            if last == UInt8(ascii: "s"), nlen >= 4, digits == 0 { alt = FNV.finish(prevH) }
        }
        return WordScan(end: i, hash: FNV.finish(hash), altHash: alt, shape: shape, nlen: nlen, possLen: possLen)
    }

    /// The word at `start` (an ASCII letter or digit) when it is ASCII letters and digits only,
    /// ended by the text's end or an ASCII byte other than an apostrophe; nil otherwise, and then
    /// `scanWord` reads it. The result is exactly `scanWord`'s for such a word (no apostrophe, so
    /// no possessive; a plural candidate when it ends in "s" after three letters and has no
    /// digits), without its per-byte bookkeeping or the call: most words of English take this path.
    @inline(__always)
    static func asciiWord(_ p: UnsafeBufferPointer<UInt8>, from start: Int, fold: UnsafeMutablePointer<UInt16>) -> WordScan? {
        let n = p.count
        let run = asciiRun(p, from: start, fold: fold, hash: FNV.offset, previous: FNV.offset)
        let (i, h, prevH) = (run.end, run.hash, run.previous)
        var seen = run.seen
        if i < n && (p[i] >= 0x80 || p[i] == 0x27) { return nil }
        let nlen = i - start
        let firstClass = fold[Int(p[start])] >> 8  // 2 lower, 4 upper, 8 digit
        seen >>= 8
        var shape: UInt16 = 0
        if seen & 6 != 0 { shape |= Shape.alpha }
        if seen & 8 != 0 { shape |= Shape.digit }
        if firstClass == 4 { shape |= Shape.cap }
        if firstClass == 2 { shape |= Shape.lower }
        if seen & 6 == 4 { shape |= Shape.allCaps }
        var alt: UInt64 = 0
        if nlen >= 4, seen & 8 == 0, fold[Int(p[i - 1])] & 0xFF == UInt16(UInt8(ascii: "s")) { alt = FNV.finish(prevH) }
        return WordScan(end: i, hash: FNV.finish(h), altHash: alt, shape: shape, nlen: nlen, possLen: 0)
    }

    /// A run of ASCII letters and digits from `start`, each byte folded by `fold` (0 ends the run,
    /// as does any byte >= 0x80): where it ends, its FNV-1a hash continued from `hash`, the hash
    /// before its last byte (`previous` when the run is empty), and the classes it held (the
    /// folded values' high bytes, or-ed). The one loop both ASCII paths read words with.
    @inline(__always)
    static func asciiRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int, fold: UnsafeMutablePointer<UInt16>, hash: UInt64,
                         previous: UInt64) -> (end: Int, hash: UInt64, previous: UInt64, seen: UInt16) {
        var (i, h, prevH) = (start, hash, previous)
        var seen: UInt16 = 0
        while i < p.count {
            let e = fold[Int(p[i])]
            if e == 0 { break }
            prevH = h
            h = (h ^ UInt64(e & 0xFF)) &* FNV.prime
            seen |= e
            i += 1
        }
        return (i, h, prevH, seen)
    }

    /// Tokenizes `p` into `tokens`, looking every word up in `lexicon`.
    static func tokenize(_ p: UnsafeBufferPointer<UInt8>, lexicon: Lexicon, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        let n = p.count
        var i = 0
        var gap: UInt16 = 0
        var newlines = 0
        var prevLex: UInt64 = 0
        var prevSingleLetter = false
        let table = lexicon.table
        let fold = asciiFold
        asciiClass.withUnsafeBufferPointer { cls in
            asciiGap.withUnsafeBufferPointer { gapTable in
                while i < n {
                    let b = p[i]
                    if b < 0x80 {
                        if cls[Int(b)] == 0 {
                            gap |= gapTable[Int(b)]
                            if b == 0x0A { newlines += 1 }
                            i += 1
                            continue
                        }
                    } else {
                        let (s, len) = Scalars.decode(p, i)
                        let kind = Scalars.kind(s)
                        if kind != .letter {
                            switch kind {
                            case .space: gap |= Gap.space
                            case .newline: gap |= Gap.newline; newlines += 1
                            case .dash: gap |= Gap.hyphen
                            case .apostrophe, .quote: gap |= Gap.open
                            case .mark: break
                            default: gap |= (s == 0x2026 ? Gap.period : Gap.other)
                            }
                            i += len
                            continue
                        }
                    }
                    let w = b < 0x80 ? asciiWord(p, from: i, fold: fold) ?? scanWord(p, from: i, cls: cls) : scanWord(p, from: i, cls: cls)
                    var shape = w.shape
                    if tokens.isEmpty || gap & Gap.newline != 0 {
                        shape |= Shape.sentence | Shape.line
                    } else if gap & Gap.stop != 0 {
                        shape |= Shape.sentence
                    } else if gap & Gap.period != 0 {
                        if !prevSingleLetter && prevLex & Lex.abbreviation == 0 && gap & Gap.space != 0 {
                            shape |= Shape.sentence
                        }
                    } else if gap & (Gap.colon | Gap.semicolon | Gap.open) != 0 {
                        shape |= Shape.clause
                    }
                    if newlines >= 2 { gap |= Gap.blankLine }
                    var lex: UInt64 = 0
                    if shape & Shape.alpha != 0 {
                        lex = table.get(w.hash)
                        if lex == 0 && w.altHash != 0 { lex = table.get(w.altHash) & Lex.pluralMask }
                    }
                    if w.altHash != 0 { shape |= Shape.plural }
                    tokens.append(Token(
                        start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: w.end), hash: w.hash,
                        lex: lex, shape: shape, gap: gap,
                        nlen: UInt8(min(w.nlen, 255)), possLen: UInt8(min(w.possLen, 255))))
                    prevLex = lex
                    prevSingleLetter = w.nlen == 1 && shape & Shape.alpha != 0
                    gap = 0
                    newlines = 0
                    i = w.end
                }
            }
        }
    }

    /// The normalised bytes of the word at `start` (slow path: fuzzy matching, morphology).
    static func normalized(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        let w = out.withUnsafeMutableBufferPointer { buf in
            asciiClass.withUnsafeBufferPointer { cls in
                scanWord(p, from: start, cls: cls, norm: buf.baseAddress!, cap: 64)
            }
        }
        out.removeLast(64 - min(w.nlen, 64))
        return out
    }

    /// The tokens of a short string (lexicon entries, structured values).
    static func tokens(of s: String, lexicon: Lexicon) -> (bytes: [UInt8], tokens: [Token]) {
        let bytes = Array(s.utf8)
        var toks: [Token] = []
        bytes.withUnsafeBufferPointer { tokenize($0, lexicon: lexicon, into: &toks) }
        return (bytes, toks)
    }

    /// Hashes of the words of `s`, in order, without lexicon lookups.
    static func wordHashes(_ s: String) -> [UInt64] {
        let bytes = Array(s.utf8)
        var out: [UInt64] = []
        bytes.withUnsafeBufferPointer { p in
            asciiClass.withUnsafeBufferPointer { cls in
                var i = 0
                while i < p.count {
                    let b = p[i]
                    let isStart = b < 0x80 ? cls[Int(b)] != 0 : Scalars.kind(Scalars.decode(p, i).0) == .letter
                    if isStart {
                        let w = scanWord(p, from: i, cls: cls)
                        out.append(w.hash)
                        i = w.end
                    } else {
                        i += b < 0x80 ? 1 : Scalars.decode(p, i).1
                    }
                }
            }
        }
        return out
    }

    /// The hash of a single word.
    static func hash(_ word: String) -> UInt64 { wordHashes(word).first ?? 0 }
}
