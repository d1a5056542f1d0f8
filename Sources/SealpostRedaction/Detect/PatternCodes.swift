/// Postcodes and vehicle registrations.
extension Patterns {

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

    static func postcodes(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        for k32 in c.list(PatternCandidates.alnum) where w.isFree(Int(k32)) {
            let k = Int(k32)
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

    static let inHash = Tokenizer.hash("in")
    static let endingWords: WordSet = WordSet(["ending", "ends", "ended", "end"].map { Tokenizer.hash($0) })

    /// "REG ENDING WFK": three letters that are not a word, after "ending" near a vehicle word.
    static func registrationEndings(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        for k32 in c.list(PatternCandidates.endings) where w.isFree(Int(k32)) {
            let k = Int(k32)
            guard endingWords.contains(w.tokens[k - 1].hash) || (k >= 2 && w.tokens[k - 1].hash == inHash
                    && endingWords.contains(w.tokens[k - 2].hash)),
                oneCase(w, k...k), w.cueBefore(k, window: 5, flags: Lex.vehicleCue),
                let s = w.asciiUpper(k), letters(s[...])
            else { continue }
            add(w, &hits, k, k, Int(w.tokens[k].start), Int(w.tokens[k].end), .vehicle,
                [OwnerKey(kind: .vehicle, value: String(decoding: s, as: UTF8.self))])
        }
    }

    static func vehicles(_ w: TextWork, _ c: PatternCandidates, _ hits: inout [PatternHit]) {
        registrationEndings(w, c, &hits)
        for k32 in c.list(PatternCandidates.vehicles) where w.isFree(Int(k32)) {
            let k = Int(k32)
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
            // A partial registration near a vehicle word: "reg starts AF19", "LD16 something", "(ym58)".
            if s.count == 4, letters(s[0..<2]), numbers(s[2..<4]), oneCase(w, k...k),
                w.cueBefore(k, window: 5, flags: Lex.vehicleCue),
                !(k + 1 < w.count && w.spaceGap(k + 1) && w.asciiUpper(k + 1).map { $0.count == 3 && letters($0[...]) } == true)
            {
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

}
