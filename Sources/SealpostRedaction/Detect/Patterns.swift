/// What an ownership key identifies.
enum OwnerKind: UInt8 {
    case phone, email, postcode, nhs, ni, dateFull, dateDayMonth, dateMonthYear, vehicle, handle
    case fullStreet, flatStreet, street, houseNumber, block, flat
}

/// A normalised identifier value, used to decide whose it is.
struct OwnerKey: Hashable {
    var kind: OwnerKind
    var value: String
}

/// One pattern identifier found in a text.
struct PatternHit {
    var first: Int
    var last: Int
    var start: Int32
    var end: Int32
    var category: IdentifierCategory
    /// The normalised values to look owners up by (a date has up to three).
    var keys: [OwnerKey]
    /// False for a number near "NHS" that fails the check.
    var valid = true
    /// A date of birth cue ("DOB", "born") precedes it.
    var dobContext = false
}

/// Finders for identifiers with a shape: emails, handles, NHS numbers, phone numbers, National
/// Insurance numbers, postcodes, vehicle registrations and dates. Each works on the token
/// stream (bytes where it must), never a regular expression, and reserves the tokens it finds
/// so that later finders and the name finder skip them.
enum Patterns {
    static func findAll(in w: TextWork, lexicon: Lexicon) -> [PatternHit] {
        var hits: [PatternHit] = []
        guard w.count > 0 else { return hits }
        let c = PatternCandidates(w)
        emails(w, c, &hits)
        urls(w, c, lexicon, &hits)
        telegram(w, c, &hits)
        handlesAfterCues(w, c, lexicon, &hits)
        joinedHandles(w, c, &hits)
        bracketedDottedHandles(w, c, &hits)
        nhsNumbers(w, c, &hits)
        numericDates(w, c, lexicon, &hits)
        phones(w, c, &hits)
        niNumbers(w, c, &hits)
        postcodes(w, c, &hits)
        vehicles(w, c, &hits)
        dates(w, c, lexicon, &hits)
        return hits
    }

    // MARK: - Bytes

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isLowerASCII(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLowerASCII(b) }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }

    static func lower(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.map { isUpper($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Tokens overlapping `start..<end`, or nil if any is already taken.
    static func tokenRange(_ w: TextWork, around k: Int, _ start: Int, _ end: Int) -> (Int, Int)? {
        var a = min(k, w.count - 1)
        while a > 0 && Int(w.tokens[a - 1].end) > start { a -= 1 }
        while a < w.count && Int(w.tokens[a].end) <= start { a += 1 }
        var b = a
        while b + 1 < w.count && Int(w.tokens[b + 1].start) < end { b += 1 }
        guard a < w.count, a <= b, Int(w.tokens[a].start) < end else { return nil }
        return w.isFree(a, b) ? (a, b) : nil
    }

    static func add(_ w: TextWork, _ hits: inout [PatternHit], _ a: Int, _ b: Int, _ start: Int, _ end: Int,
                    _ category: IdentifierCategory, _ keys: [OwnerKey], valid: Bool = true, dob: Bool = false) {
        w.reserve(a, b)
        hits.append(PatternHit(first: a, last: b, start: Int32(start), end: Int32(end), category: category,
                               keys: keys, valid: valid, dobContext: dob))
    }

    // MARK: - Emails and handles

    static func isLocalChar(_ b: UInt8) -> Bool {
        isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "'")
    }
    static func isDomainChar(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") }
    static func isHandleChar(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") }

    static func emails(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k32 in c.list(PatternCandidates.emails) {
            let k = Int(k32)
            let g0 = k == 0 ? 0 : Int(w.tokens[k - 1].end)
            var at = Int(w.tokens[k].start) - 1
            while at >= g0 && bytes[at] != UInt8(ascii: "@") { at -= 1 }
            guard at >= g0 else { continue }
            var ls = at
            while ls > 0 && isLocalChar(bytes[ls - 1]) { ls -= 1 }
            while ls < at && !isAlnum(bytes[ls]) { ls += 1 }
            var re = at + 1
            while re < bytes.count && isDomainChar(bytes[re]) { re += 1 }
            while re > at + 1 && !isAlnum(bytes[re - 1]) { re -= 1 }
            if ls < at {
                let domain = bytes[(at + 1)..<re]
                guard let dot = domain.lastIndex(of: UInt8(ascii: ".")), re - dot - 1 >= 2,
                    domain.allSatisfy({ $0 != UInt8(ascii: ".") || true }),
                    bytes[(dot + 1)..<re].allSatisfy(isLetter)
                else { continue }
                guard let (a, b) = tokenRange(w, around: k, ls, re) else { continue }
                add(w, &hits, a, b, ls, re, .email, [OwnerKey(kind: .email, value: lower(bytes[ls..<re]))])
            } else {
                var he = at + 1
                while he < bytes.count && isHandleChar(bytes[he]) { he += 1 }
                while he > at + 1 && bytes[he - 1] == UInt8(ascii: ".") { he -= 1 }
                guard he - at - 1 >= 2, bytes[(at + 1)..<he].contains(where: isLetter) else { continue }
                guard let (a, b) = tokenRange(w, around: k, at + 1, he) else { continue }
                add(w, &hits, a, b, at, he, .handle, [OwnerKey(kind: .handle, value: lower(bytes[(at + 1)..<he]))])
            }
        }
    }

    /// Profile addresses on social sites: the path after `facebook.com/` is a handle.
    static func urls(_ w: TextWork, _ c: PatternCandidates, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k32 in c.list(PatternCandidates.urls) where w.isFree(Int(k32)) {
            let k = Int(k32)
            var j = k + 1
            guard j < w.count, w.gapIs(j, UInt8(ascii: ".")) else { continue }
            while j + 1 < w.count && w.gapIs(j + 1, UInt8(ascii: ".")) { j += 1 }
            var slash = Int(w.tokens[j].end)
            guard slash < bytes.count, bytes[slash] == UInt8(ascii: "/") else { continue }
            slash += 1
            var e = slash
            while e < bytes.count && (isHandleChar(bytes[e]) || bytes[e] == UInt8(ascii: "-") || bytes[e] >= 0x80) { e += 1 }
            while e > slash && !isAlnum(bytes[e - 1]) { e -= 1 }
            guard e > slash else { continue }
            guard let (a, b) = tokenRange(w, around: j + 1, slash, e) else { continue }
            add(w, &hits, a, b, slash, e, .handle, [OwnerKey(kind: .handle, value: lower(bytes[slash..<e]))])
        }
    }

    /// "kian_ts4", "j_roc_crewe": words and numbers joined by underscores are a handle wherever
    /// they stand (prose never joins words so); dots may join further parts ("dev_x.2").
    static func joinedHandles(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        var k = 0
        for k32 in c.list(PatternCandidates.joined) where Int(k32) >= k {
            k = Int(k32)
            guard w.isFree(k), w.gapIs(k + 1, UInt8(ascii: "_")) else { continue }
            var a = k
            while a > 0 && w.isFree(a - 1) && (w.gapIs(a, UInt8(ascii: "_")) || w.gapIs(a, UInt8(ascii: "."))) { a -= 1 }
            var b = k + 1
            while b + 1 < w.count && w.isFree(b + 1) && (w.gapIs(b + 1, UInt8(ascii: "_")) || w.gapIs(b + 1, UInt8(ascii: "."))) { b += 1 }
            guard w.isFree(a, b) else { k = b + 1; continue }
            var s = Int(w.tokens[a].start), e = Int(w.tokens[b].end)
            // Underscores at either end belong to it too ("_dizzy_").
            while s > 0 && w.bytes[s - 1] == UInt8(ascii: "_") { s -= 1 }
            while e < w.bytes.count && w.bytes[e] == UInt8(ascii: "_") { e += 1 }
            add(w, &hits, a, b, s, e, .handle, [OwnerKey(kind: .handle, value: lower(w.bytes[s..<e]))])
            k = b + 1
        }
    }

    /// Last parts of a dotted name that make it a web or email domain rather than a handle.
    static let domainEndings: WordSet = WordSet("com uk org net co gov nhs io ac edu info biz me tv app html php"
        .split(separator: " ").map { Tokenizer.hash(String($0)) })

    /// "(lily.ed.x)", "(tilly.x.x)": lowercase words joined by full stops, alone in brackets (the
    /// way a profile is written after a display name), is a handle: at least one part of three
    /// letters or more, not a domain's ending, and not abbreviations of single letters ("(i.e)").
    static func bracketedDottedHandles(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        var k = 0
        for k32 in c.list(PatternCandidates.bracketed) where Int(k32) >= k {
            k = Int(k32)
            guard w.isFree(k), w.gapIs(k + 1, UInt8(ascii: ".")), w.gapBytes(k).last == UInt8(ascii: "(") else { continue }
            var b = k + 1
            while b + 1 < w.count && w.gapIs(b + 1, UInt8(ascii: ".")) { b += 1 }
            let e = Int(w.tokens[b].end)
            let closed = e < w.bytes.count && w.bytes[e] == UInt8(ascii: ")")
            let parts = k...b
            guard closed, w.isFree(k, b), parts.allSatisfy({ w.tokens[$0].shape & (Shape.cap | Shape.allCaps) == 0 }),
                parts.contains(where: { w.tokens[$0].nlen >= 3 && w.tokens[$0].shape & Shape.alpha != 0 }),
                !domainEndings.contains(w.tokens[b].hash)
            else { k = b + 1; continue }
            let s = Int(w.tokens[k].start)
            add(w, &hits, k, b, s, e, .handle, [OwnerKey(kind: .handle, value: lower(w.bytes[s..<e]))])
            k = b + 1
        }
    }

    /// "t.me/northern_iron": a Telegram address, whole.
    static func telegram(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k32 in c.list(PatternCandidates.telegram) {
            let k = Int(k32)
            guard w.gapIs(k + 1, UInt8(ascii: ".")), w.tokens[k + 1].hash == meHash else { continue }
            var e = Int(w.tokens[k + 1].end)
            guard e < bytes.count, bytes[e] == UInt8(ascii: "/") else { continue }
            let path = e + 1
            e = path
            while e < bytes.count && (isHandleChar(bytes[e]) || bytes[e] == UInt8(ascii: "-")) { e += 1 }
            while e > path && !isAlnum(bytes[e - 1]) { e -= 1 }
            guard e > path, let (a, b) = tokenRange(w, around: k, Int(w.tokens[k].start), e) else { continue }
            add(w, &hits, a, b, Int(w.tokens[k].start), e, .handle, [OwnerKey(kind: .handle, value: lower(bytes[path..<e]))])
        }
    }

    static let meHash = Tokenizer.hash("me")

    static let handleFillers: WordSet = WordSet(
        ["is", "as", "name", "username", "user", "handle", "called", "account", "profile", "was", "under", "id", "tag",
         "her", "his", "their", "on", "of"].map { Tokenizer.hash($0) })

    /// "her Snapchat is kev_smith99", "TikTok: darkangel07".
    static func handlesAfterCues(_ w: TextWork, _ c: PatternCandidates, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k32 in c.list(PatternCandidates.handleCues) {
            let k = Int(k32)
            var j = k + 1
            var skipped = 0
            while j < w.count && skipped < 3 && handleFillers.contains(w.tokens[j].hash) && w.tokens[j].gap & Gap.newline == 0 {
                j += 1; skipped += 1
            }
            guard j < w.count, w.isFree(j), w.tokens[j].gap & (Gap.newline | Gap.stop) == 0 else { continue }
            let s = Int(w.tokens[j].start)
            var e = s
            while e < bytes.count && isHandleChar(bytes[e]) { e += 1 }
            while e > s && bytes[e - 1] == UInt8(ascii: ".") { e -= 1 }
            let raw = bytes[s..<e]
            // All digits is a number ("her WhatsApp is 07700 900482": a phone), never a handle.
            guard raw.count >= 3, raw.contains(where: isLetter) else { continue }
            let marked = raw.contains(UInt8(ascii: "_")) || raw.contains(where: isDigit) || raw.dropLast().contains(UInt8(ascii: "."))
            var isHandle = marked
            if !marked && raw.allSatisfy(isLowerASCII) && raw.count >= 4 {
                isHandle = !lexicon.isOrdinary(Array(raw)) && w.tokens[j].lex & (Lex.known | Lex.given | Lex.surname) == 0
            }
            guard isHandle else { continue }
            guard let (a, b) = tokenRange(w, around: j, s, e) else { continue }
            add(w, &hits, a, b, s, e, .handle, [OwnerKey(kind: .handle, value: lower(raw))])
        }
    }

}
