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
        emails(w, &hits)
        urls(w, lexicon, &hits)
        handlesAfterCues(w, lexicon, &hits)
        nhsNumbers(w, &hits)
        numericDates(w, lexicon, &hits)
        phones(w, &hits)
        niNumbers(w, &hits)
        postcodes(w, &hits)
        vehicles(w, &hits)
        dates(w, lexicon, &hits)
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

    static func emails(_ w: TextWork, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k in 0..<w.count where w.tokens[k].gap & Gap.at != 0 {
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
    static func urls(_ w: TextWork, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k in 0..<w.count where w.tokens[k].lex & Lex.socialSite != 0 && w.isFree(k) {
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

    static let handleFillers: Set<UInt64> = Set(
        ["is", "as", "name", "username", "user", "handle", "called", "account", "profile", "was", "under", "id", "tag",
         "her", "his", "their", "on", "of"].map { Tokenizer.hash($0) })

    /// "her Snapchat is kev_smith99", "TikTok: darkangel07".
    static func handlesAfterCues(_ w: TextWork, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        for k in 0..<w.count where w.tokens[k].lex & Lex.handleCue != 0 {
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
            guard raw.count >= 3 else { continue }
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

    // MARK: - Numbers

    static func digits(_ w: TextWork, _ k: Int) -> [UInt8] { Array(w.tokenBytes(k)) }

    static func isNHSValid(_ d: [UInt8]) -> Bool {
        guard d.count == 10, d.allSatisfy(isDigit) else { return false }
        var sum = 0
        for i in 0..<9 { sum += Int(d[i] - 48) * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == Int(d[9] - 48)
    }

    static func nhsNumbers(_ w: TextWork, _ hits: inout [PatternHit]) {
        var k = 0
        while k < w.count {
            let t = w.tokens[k]
            guard t.isNumber, w.isFree(k) else { k += 1; continue }
            var d: [UInt8] = []
            var last = k
            if t.nlen == 10 {
                d = digits(w, k)
            } else if t.nlen == 3, k + 2 < w.count, w.tokens[k + 1].isNumber, w.tokens[k + 1].nlen == 3,
                w.tokens[k + 2].isNumber, w.tokens[k + 2].nlen == 4,
                w.gapIs(k + 1, 0x20) || w.gapIs(k + 1, UInt8(ascii: "-")),
                w.gapIs(k + 2, 0x20) || w.gapIs(k + 2, UInt8(ascii: "-")), w.isFree(k + 1, k + 2)
            {
                d = digits(w, k) + digits(w, k + 1) + digits(w, k + 2)
                last = k + 2
            } else {
                k += 1
                continue
            }
            let context = w.cueBefore(k, window: 5, flags: Lex.nhsCue)
            let valid = isNHSValid(d)
            let phoneLike = d[0] == UInt8(ascii: "0") && last == k
            if (valid && (context || !phoneLike)) || (!valid && context) {
                add(w, &hits, k, last, Int(t.start), Int(w.tokens[last].end), .nhsNumber,
                    [OwnerKey(kind: .nhs, value: String(decoding: d, as: UTF8.self))], valid: valid)
                k = last + 1
            } else {
                k += 1
            }
        }
    }

    /// True when the gap before token `j` may sit inside a phone number: at most three bytes of
    /// spaces, dashes, dots and brackets.
    static func phoneGap(_ w: TextWork, _ j: Int) -> Bool {
        let g = w.gapBytes(j)
        guard !g.isEmpty, g.count <= 3 else { return false }
        for b in g {
            switch b {
            case 0x20, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), 0xC2, 0xA0: continue
            default: return false
            }
        }
        return true
    }

    /// The ownership key of a phone number given its digits, or nil if it is not one.
    static func phoneKey(_ d: [UInt8], international: Bool) -> String? {
        var digits = d
        var intl = international
        if !intl && digits.count > 2 && digits[0] == 0x30 && digits[1] == 0x30 {
            digits.removeFirst(2)
            intl = true
        }
        if intl {
            if digits.count > 2 && digits[0] == 0x34 && digits[1] == 0x34 {
                var national = Array(digits.dropFirst(2))
                if national.first == 0x30 { national.removeFirst() }
                guard national.count == 9 || national.count == 10, "123578".utf8.contains(national[0]) else { return nil }
                return "44" + String(decoding: national, as: UTF8.self)
            }
            guard digits.count >= 8 && digits.count <= 15 else { return nil }
            return "+" + String(decoding: digits, as: UTF8.self)
        }
        guard digits.first == 0x30, digits.count == 10 || digits.count == 11, "123578".utf8.contains(digits[1]) else {
            return nil
        }
        return "44" + String(decoding: digits.dropFirst(), as: UTF8.self)
    }

    static func phones(_ w: TextWork, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        var k = 0
        while k < w.count {
            let t = w.tokens[k]
            guard t.isNumber, w.isFree(k) else { k += 1; continue }
            let first = bytes[Int(t.start)]
            let plus = t.start > 0 && bytes[Int(t.start) - 1] == UInt8(ascii: "+")
            guard plus || first == 0x30 else { k += 1; continue }
            var d: [UInt8] = []
            var best = -1
            var bestKey = ""
            var j = k
            while j < w.count {
                let tj = w.tokens[j]
                guard tj.isNumber, w.isFree(j) else { break }
                if j > k && !phoneGap(w, j) { break }
                d += digits(w, j)
                if d.count > 15 { break }
                if let key = phoneKey(d, international: plus) { best = j; bestKey = key }
                j += 1
            }
            if best >= 0 {
                var start = plus ? Int(t.start) - 1 : Int(t.start)
                // "(07700) 900 222": the opening bracket goes with the closing one inside the number.
                if !plus, start > 0, bytes[start - 1] == UInt8(ascii: "("),
                    bytes[start..<Int(w.tokens[best].end)].contains(UInt8(ascii: ")"))
                {
                    start -= 1
                }
                add(w, &hits, k, best, start, Int(w.tokens[best].end), .phone, [OwnerKey(kind: .phone, value: bestKey)])
                k = best + 1
            } else {
                k += 1
            }
        }
    }

    /// "QQ 12 34 56 C", "QQ123456C": two letters, six digits, and a letter A to D.
    static func niNumbers(_ w: TextWork, _ hits: inout [PatternHit]) {
        for k in 0..<w.count where w.isFree(k) && w.tokens[k].shape & Shape.alpha != 0 {
            let t = w.tokens[k]
            // Digits in the token, or two letters followed by a number.
            guard t.shape & Shape.digit != 0 || (t.nlen == 2 && k + 1 < w.count && w.tokens[k + 1].isNumber) else { continue }
            let tb = w.tokenBytes(k)
            guard tb.count >= 2, isLetter(tb[tb.startIndex]), isLetter(tb[tb.startIndex + 1]), tb.count <= 9 else { continue }
            var s: [UInt8] = []
            s.reserveCapacity(10)
            var upperOK = true
            var best = -1
            var bestLen = 0
            var j = k
            scan: while j < w.count && j - k < 5 {
                if j > k && !(w.gapIs(j, 0x20)) { break }
                guard w.isFree(j) else { break }
                for b in w.tokenBytes(j) {
                    guard isAlnum(b) else { break scan }
                    if isLowerASCII(b) { upperOK = false; s.append(b - 32) } else { s.append(b) }
                }
                if s.count > 9 { break }
                if (s.count == 8 || s.count == 9) && niShape(s) { best = j; bestLen = s.count }
                j += 1
            }
            guard best >= 0 else { continue }
            let context = w.cueBefore(k, window: 6, flags: Lex.niCue)
            guard (upperOK || context) && (bestLen == 9 || context) else { continue }
            let key = String(decoding: s.prefix(8), as: UTF8.self)
            add(w, &hits, k, best, Int(w.tokens[k].start), Int(w.tokens[best].end), .niNumber,
                [OwnerKey(kind: .ni, value: key)])
        }
    }

    static func niShape(_ s: [UInt8]) -> Bool {
        guard isUpper(s[0]), isUpper(s[1]) else { return false }
        for i in 2..<8 where !isDigit(s[i]) { return false }
        if s.count == 9 { return s[8] >= UInt8(ascii: "A") && s[8] <= UInt8(ascii: "D") }
        return true
    }

    // MARK: - Postcodes and vehicles

    /// A1, A12, A1B, AB1, AB12, AB1C: an outward code.
    static func isOutward(_ s: ArraySlice<UInt8>) -> Bool {
        let c = Array(s)
        switch c.count {
        case 2: return isUpper(c[0]) && isDigit(c[1])
        case 3: return isUpper(c[0]) && ((isDigit(c[1]) && isAlnum(c[2])) || (isUpper(c[1]) && isDigit(c[2])))
        case 4: return isUpper(c[0]) && isUpper(c[1]) && isDigit(c[2]) && isAlnum(c[3])
        default: return false
        }
    }

    static func isInward(_ s: ArraySlice<UInt8>) -> Bool {
        let c = Array(s)
        return c.count == 3 && isDigit(c[0]) && isUpper(c[1]) && isUpper(c[2])
    }

    /// Letters all one case (so "kb1 4xy" and "KB1 4XY" count, "Kb1" does not).
    static func oneCase(_ w: TextWork, _ ks: ClosedRange<Int>) -> Bool {
        var upper = false, lower = false
        for k in ks { for b in w.tokenBytes(k) { if isUpper(b) { upper = true } else if isLowerASCII(b) { lower = true } } }
        return !(upper && lower)
    }

    static func postcodes(_ w: TextWork, _ hits: inout [PatternHit]) {
        for k in 0..<w.count where w.isFree(k) && w.tokens[k].shape & Shape.digit != 0 && w.tokens[k].shape & Shape.alpha != 0 {
            guard let s = w.asciiUpper(k) else { continue }
            if s.count >= 5 && s.count <= 7, isInward(s.suffix(3)[...]), isOutward(s.dropLast(3)), oneCase(w, k...k) {
                add(w, &hits, k, k, Int(w.tokens[k].start), Int(w.tokens[k].end), .postcode,
                    [OwnerKey(kind: .postcode, value: String(decoding: s, as: UTF8.self))])
                continue
            }
            guard isOutward(s[...]), k + 1 < w.count, w.isFree(k + 1), w.spaceGap(k + 1),
                let s2 = w.asciiUpper(k + 1), isInward(s2[...]), oneCase(w, k...(k + 1))
            else { continue }
            add(w, &hits, k, k + 1, Int(w.tokens[k].start), Int(w.tokens[k + 1].end), .postcode,
                [OwnerKey(kind: .postcode, value: String(decoding: s + s2, as: UTF8.self))])
        }
    }

    static func letters(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy(isUpper) }
    static func numbers(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy(isDigit) }

    static func vehicles(_ w: TextWork, _ hits: inout [PatternHit]) {
        for k in 0..<w.count where w.isFree(k) && w.tokens[k].shape & Shape.alpha != 0 {
            // Every format has digits in this token or the next.
            let t = w.tokens[k]
            guard t.shape & Shape.digit != 0 || (t.nlen == 3 && t.shape & Shape.allCaps != 0 && k + 1 < w.count
                && w.tokens[k + 1].shape & Shape.digit != 0) || (t.nlen == 3 && k + 1 < w.count && w.tokens[k + 1].shape & Shape.digit != 0)
            else { continue }
            guard let s = w.asciiUpper(k), s.count >= 2, s.count <= 7 else { continue }
            let upper = oneCase(w, k...k) && isUpper(w.bytes[Int(w.tokens[k].start)])
            lazy var cue = w.cueBefore(k, window: 8, flags: Lex.vehicleCue) || w.cueAfter(k, window: 4, flags: Lex.vehicleCue)
            // Current format: AB12 CDE.
            if s.count == 7, letters(s[0..<2]), numbers(s[2..<4]), letters(s[4..<7]), upper || cue {
                add(w, &hits, k, k, Int(w.tokens[k].start), Int(w.tokens[k].end), .vehicle,
                    [OwnerKey(kind: .vehicle, value: String(decoding: s, as: UTF8.self))])
                continue
            }
            guard k + 1 < w.count, w.isFree(k + 1), w.spaceGap(k + 1), let s2 = w.asciiUpper(k + 1) else { continue }
            let upper2 = upper && oneCase(w, (k + 1)...(k + 1)) && isUpper(w.bytes[Int(w.tokens[k + 1].start)])
            var match = false
            if s.count == 4, letters(s[0..<2]), numbers(s[2..<4]), s2.count == 3, letters(s2[...]) {
                match = upper2 || cue
            } else if s.count >= 2 && s.count <= 4, isUpper(s[0]), numbers(s[1...]), s2.count == 3, letters(s2[...]) {
                match = cue  // prefix format: A123 BCD
            } else if s.count == 3, letters(s[...]), s2.count >= 2 && s2.count <= 4, numbers(s2.dropLast()), isUpper(s2.last!) {
                match = cue  // suffix format: ABC 123D
            }
            guard match else { continue }
            add(w, &hits, k, k + 1, Int(w.tokens[k].start), Int(w.tokens[k + 1].end), .vehicle,
                [OwnerKey(kind: .vehicle, value: String(decoding: s + s2, as: UTF8.self))])
        }
    }

    // MARK: - Dates

    static let monthNumbers: [UInt64: Int] = {
        var m: [UInt64: Int] = [:]
        let names = ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
                     "august aug", "september sep sept", "october oct", "november nov", "december dec"]
        for (i, line) in names.enumerated() { for n in line.split(separator: " ") { m[Tokenizer.hash(String(n))] = i + 1 } }
        return m
    }()

    static func number(_ w: TextWork, _ k: Int) -> Int? {
        let t = w.tokens[k]
        guard t.isNumber, t.nlen <= 4 else { return nil }
        var v = 0
        for b in w.tokenBytes(k) { v = v * 10 + Int(b - 48) }
        return v
    }

    /// A day: "3", "03", "3rd", "21st".
    static func day(_ w: TextWork, _ k: Int) -> Int? {
        guard w.tokens[k].shape & Shape.digit != 0, isDigit(w.bytes[Int(w.tokens[k].start)]) else { return nil }
        if let v = number(w, k), w.tokens[k].nlen <= 2 { return (1...31).contains(v) ? v : nil }
        let b = Array(w.tokenBytes(k))
        guard b.count >= 3 && b.count <= 4 else { return nil }
        let suffix = lower(b.suffix(2))
        guard ["st", "nd", "rd", "th"].contains(suffix), b.dropLast(2).allSatisfy(isDigit) else { return nil }
        var v = 0
        for x in b.dropLast(2) { v = v * 10 + Int(x - 48) }
        return (1...31).contains(v) ? v : nil
    }

    static func year(_ w: TextWork, _ k: Int) -> Int? {
        guard let v = number(w, k) else { return nil }
        let n = w.tokens[k].nlen
        if n == 4 { return (1900...2099).contains(v) ? v : nil }
        if n == 2 { return v + 10_000 }  // two-digit year, marked
        return nil
    }

    static func dateKeys(day: Int?, month: Int, year: Int?) -> [OwnerKey] {
        let yy = year.map { $0 >= 10_000 ? $0 - 10_000 : $0 % 100 }
        var keys: [OwnerKey] = []
        if let day, let yy { keys.append(OwnerKey(kind: .dateFull, value: "\(day)-\(month)-\(yy)")) }
        if let day, yy == nil { keys.append(OwnerKey(kind: .dateDayMonth, value: "\(day)-\(month)")) }
        if day == nil, let yy { keys.append(OwnerKey(kind: .dateMonthYear, value: "\(month)-\(yy)")) }
        return keys
    }

    /// True when a "date of birth" cue comes shortly before token `k`.
    static func dobContext(_ w: TextWork, _ k: Int, _ lexicon: Lexicon) -> Bool {
        let words = lexicon.words
        var j = k - 1
        while j >= 0 && k - j <= 5 {
            let t = w.tokens[j]
            if t.isNumber || t.gap & Gap.newline != 0 && t.lex & Lex.dobCue == 0 && j < k - 1 { return false }
            if t.lex & Lex.dobCue != 0 { return true }
            if j >= 2 && t.hash == words.b && w.tokens[j - 1].hash == words.o && w.tokens[j - 2].hash == words.d { return true }
            j -= 1
        }
        return false
    }

    /// Dates written with numbers only, found before phone numbers so "05.04.2025 08:40" is a
    /// date and a time, not a number.
    static func numericDates(_ w: TextWork, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        var k = 0
        while k < w.count {
            guard w.isFree(k), w.tokens[k].isNumber, let (last, keys) = numericDate(w, k) else { k += 1; continue }
            add(w, &hits, k, last, Int(w.tokens[k].start), Int(w.tokens[last].end), .dob, keys, dob: dobContext(w, k, lexicon))
            k = last + 1
        }
    }

    static func dates(_ w: TextWork, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        var k = 0
        while k < w.count {
            let t = w.tokens[k]
            guard w.isFree(k), t.shape & Shape.digit != 0 || t.lex & Lex.month != 0 else { k += 1; continue }
            if let (last, keys) = numericDate(w, k) ?? textualDate(w, k, lexicon), !keys.isEmpty {
                let dob = dobContext(w, k, lexicon)
                // A month and year alone is a date of birth only when the text says so.
                if keys.first?.kind == .dateMonthYear && !dob { k += 1; continue }
                add(w, &hits, k, last, Int(w.tokens[k].start), Int(w.tokens[last].end), .dob, keys, dob: dob)
                k = last + 1
            } else {
                k += 1
            }
        }
    }

    static func numericDate(_ w: TextWork, _ k: Int) -> (Int, [OwnerKey])? {
        guard k + 2 < w.count, let a = number(w, k), let b = number(w, k + 1), let c = number(w, k + 2) else { return nil }
        let sep = w.bytes[Int(w.tokens[k].end)]
        guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "."),
            w.gapIs(k + 1, sep), w.gapIs(k + 2, sep), w.isFree(k + 1, k + 2)
        else { return nil }
        let na = w.tokens[k].nlen, nb = w.tokens[k + 1].nlen, nc = w.tokens[k + 2].nlen
        var d: Int, m: Int, y: Int
        if na == 4 && nb <= 2 && nc <= 2 {
            (y, m, d) = (a, b, c)
            guard (1900...2099).contains(y) else { return nil }
        } else if na <= 2 && nb <= 2 && (nc == 2 || nc == 4) {
            (d, m) = (a, b)
            y = nc == 4 ? c : c + 10_000
            if nc == 4 && !(1900...2099).contains(c) { return nil }
            if m > 12 && d <= 12 { swap(&d, &m) }
        } else {
            return nil
        }
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        return (k + 2, dateKeys(day: d, month: m, year: y))
    }

    static func textualDate(_ w: TextWork, _ k: Int, _ lexicon: Lexicon) -> (Int, [OwnerKey])? {
        let words = lexicon.words
        func month(_ j: Int) -> Int? {
            guard j < w.count, w.isFree(j), w.tokens[j].lex & Lex.month != 0 else { return nil }
            return monthNumbers[w.tokens[j].hash]
        }
        func joined(_ j: Int) -> Bool { j < w.count && w.isFree(j) && w.tokens[j].gap & (Gap.newline | Gap.stop | Gap.period) == 0 && w.gapLength(j) <= 3 }
        // 3 April 1985, 3rd of April, 3rd April, '85
        if let d = day(w, k), joined(k + 1) {
            var j = k + 1
            if w.tokens[j].hash == words.of, joined(j + 1) { j += 1 }
            if let m = month(j) {
                if joined(j + 1), let y = year(w, j + 1) { return (j + 1, dateKeys(day: d, month: m, year: y)) }
                return (j, dateKeys(day: d, month: m, year: nil))
            }
        }
        // April 3rd, 1985; April 1985
        if let m = month(k), joined(k + 1) {
            if let d = day(w, k + 1) {
                if joined(k + 2), let y = year(w, k + 2), w.tokens[k + 2].nlen == 4 { return (k + 2, dateKeys(day: d, month: m, year: y)) }
                if w.tokens[k].hash != words.may { return (k + 1, dateKeys(day: d, month: m, year: nil)) }
                return (k + 1, dateKeys(day: d, month: m, year: nil))
            }
            if let y = year(w, k + 1), w.tokens[k + 1].nlen == 4 { return (k + 1, dateKeys(day: nil, month: m, year: y)) }
        }
        return nil
    }
}
