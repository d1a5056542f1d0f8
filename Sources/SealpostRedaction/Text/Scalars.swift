/// What a Unicode scalar is to the tokenizer.
enum ScalarKind: UInt8 {
    case letter
    /// Combining marks and invisible joiners: part of the word, ignored when normalising,
    /// so "Ke\u{200B}vin" and "Kevin" are the same word.
    case mark
    case apostrophe
    case dash
    case space
    case newline
    case quote
    case punct
}

/// UTF-8 decoding and the few Unicode facts the tokenizer needs, as tables, without Foundation.
enum Scalars {
    /// Bit set in a folded value when the letter is uppercase.
    static let upperBit: UInt32 = 1 << 30
    /// Bit set in a folded value when the letter has no ASCII base; the low 21 bits hold the scalar.
    static let foreignBit: UInt32 = 1 << 31

    /// Decodes one scalar at `i`. Swift strings are valid UTF-8; a stray byte decodes as U+FFFD of length 1.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        let n = p.count
        if b0 < 0xE0 {
            guard b0 >= 0xC2, i + 1 < n else { return (0xFFFD, 1) }
            return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
        } else if b0 < 0xF0 {
            guard i + 2 < n else { return (0xFFFD, 1) }
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        } else {
            guard b0 < 0xF5, i + 3 < n else { return (0xFFFD, 1) }
            let v = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
            return (v | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F), 4)
        }
    }

    /// Classifies a non-ASCII scalar. The first matching case wins.
    static func kind(_ s: UInt32) -> ScalarKind {
        switch s {
        case 0x85, 0x2028, 0x2029: return .newline
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF, 0x34F: return .mark
        case 0x300...0x36F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F:
            return .mark
        case 0x2018, 0x2019, 0x2BC, 0x2032: return .apostrophe
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return .dash
        case 0x201C...0x201F, 0xAB, 0xBB, 0x2039, 0x203A: return .quote
        case 0x80...0xBF, 0xD7, 0xF7, 0x2016...0x2017, 0x201A...0x201B, 0x2020...0x2031, 0x2033...0x2BFF,
            0x3001...0x303F, 0xE000...0xF8FF, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFFF0...0xFFFF, 0x1F000...0x10FFFF:
            return .punct
        default: return .letter
        }
    }

    /// The folded form of a letter: up to two lowercase ASCII bytes (low byte first), or the
    /// foreign bit and the lowercased scalar; plus the upper bit for uppercase letters.
    @inline(__always)
    static func fold(_ s: UInt32) -> UInt32 {
        if s >= 0xC0 && s < 0x180 { return latin[Int(s - 0xC0)] }
        if s >= 0x1EA0 && s <= 0x1EF9 { return vietnamese[Int(s - 0x1EA0)] }
        switch s {
        case 0x1A0: return 0x6F | upperBit
        case 0x1A1: return 0x6F
        case 0x1AF: return 0x75 | upperBit
        case 0x1B0: return 0x75
        case 0x218: return 0x73 | upperBit
        case 0x219: return 0x73
        case 0x21A: return 0x74 | upperBit
        case 0x21B: return 0x74
        case 0x400...0x40F: return foreignBit | (s + 0x50) | upperBit
        case 0x410...0x42F: return foreignBit | (s + 0x20) | upperBit
        case 0x391...0x3A9: return foreignBit | (s + 0x20) | upperBit
        default: return foreignBit | s
        }
    }

    static let latin: [UInt32] = {
        let bases: [String] = [
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",  // F0
            "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // 100
            "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // 110
            "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // 120
            "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // 130
            "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // 140
            "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // 150
            "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // 160
            "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",  // 170
        ]
        var table = [UInt32](repeating: 0, count: bases.count)
        for (k, base) in bases.enumerated() {
            let u = Array(base.utf8)
            var v: UInt32 = 0
            if u.count > 0 { v |= UInt32(u[0]) }
            if u.count > 1 { v |= UInt32(u[1]) << 8 }
            if isUpperLatin(0xC0 + k) { v |= upperBit }
            table[k] = v
        }
        return table
    }()

    static let vietnamese: [UInt32] = {
        let runs: [(Character, Int)] = [("a", 24), ("e", 16), ("i", 4), ("o", 24), ("u", 14), ("y", 8)]
        var table: [UInt32] = []
        for (letter, count) in runs {
            for _ in 0..<count {
                let cp = 0x1EA0 + table.count
                table.append(UInt32(letter.asciiValue!) | (cp % 2 == 0 ? upperBit : 0))
            }
        }
        return table
    }()

    static func isUpperLatin(_ s: Int) -> Bool {
        switch s {
        case 0xC0...0xDE: return s != 0xD7
        case 0xDF...0xFF: return false
        case 0x100...0x137: return s % 2 == 0
        case 0x139...0x148: return s % 2 == 1
        case 0x14A...0x177: return s % 2 == 0
        case 0x178: return true
        case 0x179...0x17E: return s % 2 == 1
        default: return false
        }
    }
}
