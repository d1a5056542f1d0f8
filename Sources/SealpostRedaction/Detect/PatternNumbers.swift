/// NHS numbers, phone numbers and National Insurance numbers.
extension Patterns {

    static func digits(_ w: TextWork, _ k: Int) -> [UInt8] { Array(w.tokenBytes(k)) }

    static func isNHSValid(_ d: [UInt8]) -> Bool {
        guard d.count == 10, d.allSatisfy(isDigit) else { return false }
        var sum = 0
        for i in 0..<9 { sum += Int(d[i] - 48) * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == Int(d[9] - 48)
    }

    static func nhsNumbers(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        var k = 0
        for k32 in c.list(PatternCandidates.numbers) where Int(k32) >= k {
            k = Int(k32)
            let t = w.tokens[k]
            guard t.isNumber, w.isFree(k) else { continue }
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
                continue
            }
            let context = w.cueBefore(k, window: 5, flags: Lex.nhsCue)
            let valid = isNHSValid(d)
            let phoneLike = d[0] == UInt8(ascii: "0") && last == k
            if (valid && (context || !phoneLike)) || (!valid && context) {
                add(w, &hits, k, last, Int(t.start), Int(w.tokens[last].end), .nhsNumber,
                    [OwnerKey(kind: .nhs, value: String(decoding: d, as: UTF8.self))], valid: valid)
                k = last + 1
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

    static func phones(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        let bytes = w.bytes
        var k = 0
        for k32 in c.list(PatternCandidates.phones) where Int(k32) >= k {
            k = Int(k32)
            let t = w.tokens[k]
            guard t.isNumber, w.isFree(k) else { continue }
            let first = bytes[Int(t.start)]
            let plus = t.start > 0 && bytes[Int(t.start) - 1] == UInt8(ascii: "+")
            guard plus || first == 0x30 else { continue }
            var d: [UInt8] = []
            d.reserveCapacity(16)
            var best = -1
            var bestKey = ""
            var j = k
            while j < w.count {
                let tj = w.tokens[j]
                guard tj.isNumber, w.isFree(j) else { break }
                if j > k && !phoneGap(w, j) { break }
                d.append(contentsOf: w.tokenBytes(j))
                if d.count > 15 { break }
                // Fewer than eight digits is never a number `phoneKey` accepts.
                if d.count >= 8, let key = phoneKey(d, international: plus) { best = j; bestKey = key }
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
            }
        }
    }

    /// "QQ 12 34 56 C", "QQ123456C": two letters, six digits, and a letter A to D.
    static func niNumbers(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        for k32 in c.list(PatternCandidates.ni) where w.isFree(Int(k32)) && w.tokens[Int(k32)].shape & Shape.alpha != 0 {
            let k = Int(k32)
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

}
