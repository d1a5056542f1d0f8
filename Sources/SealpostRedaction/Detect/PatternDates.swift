/// Dates, and whether the text says they are dates of birth.
extension Patterns {

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
    static func numericDates(_ w: TextWork, _ c: PatternCandidates, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        var k = 0
        for k32 in c.list(PatternCandidates.numbers) where Int(k32) >= k {
            k = Int(k32)
            guard w.isFree(k), w.tokens[k].isNumber, let (last, keys) = numericDate(w, k) else { continue }
            add(w, &hits, k, last, Int(w.tokens[k].start), Int(w.tokens[last].end), .dob, keys, dob: dobContext(w, k, lexicon))
            k = last + 1
        }
    }

    static func dates(_ w: TextWork, _ c: PatternCandidates, _ lexicon: Lexicon, _ hits: inout [PatternHit]) {
        var k = 0
        for k32 in c.list(PatternCandidates.dates) where Int(k32) >= k {
            k = Int(k32)
            let t = w.tokens[k]
            guard w.isFree(k), t.shape & Shape.digit != 0 || t.lex & Lex.month != 0 else { continue }
            if let (last, keys) = numericDate(w, k) ?? textualDate(w, k, lexicon), !keys.isEmpty {
                let dob = dobContext(w, k, lexicon)
                // A month and year alone is a date of birth only when the text says so.
                if keys.first?.kind == .dateMonthYear && !dob { continue }
                add(w, &hits, k, last, Int(w.tokens[k].start), Int(w.tokens[last].end), .dob, keys, dob: dob)
                k = last + 1
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
