/// One word or number of a text, with its normalised hash and what the lexicon knows of it.
/// Offsets are UTF-8 byte offsets (texts are limited to 2 GiB).
struct Token {
    var start: Int32
    var end: Int32
    /// FNV-1a of the normalised word: lowercase, diacritics folded, apostrophes and a possessive
    /// "'s" dropped ("O’Neill's" and "oneill" hash alike).
    var hash: UInt64
    /// Lexicon flags (`Lex`).
    var lex: UInt64
    var shape: UInt16
    /// What separates this token from the previous one (`Gap`).
    var gap: UInt16
    /// Normalised length in bytes, capped at 255.
    var nlen: UInt8
    /// Bytes of a possessive suffix ("'s", "’s") at the end, kept out of name spans.
    var possLen: UInt8

    @inline(__always) func has(_ s: UInt16) -> Bool { shape & s != 0 }
    @inline(__always) func isLex(_ f: UInt64) -> Bool { lex & f != 0 }
    @inline(__always) var isWord: Bool { shape & Shape.alpha != 0 && shape & Shape.digit == 0 }
    @inline(__always) var isNumber: Bool { shape & Shape.digit != 0 && shape & Shape.alpha == 0 }
    @inline(__always) var isUpperish: Bool { shape & (Shape.cap | Shape.allCaps) != 0 }
    @inline(__always) var startsClause: Bool { shape & Shape.boundary != 0 }
    @inline(__always) var length: Int { Int(end - start) }
    @inline(__always) var nameEnd: Int32 { end - Int32(possLen) }
}

enum Shape {
    static let alpha: UInt16 = 1 << 0
    static let digit: UInt16 = 1 << 1
    /// First character is an uppercase letter.
    static let cap: UInt16 = 1 << 2
    /// Every letter is uppercase (at least one letter).
    static let allCaps: UInt16 = 1 << 3
    /// First character is a lowercase letter.
    static let lower: UInt16 = 1 << 4
    static let possessive: UInt16 = 1 << 5
    /// First token of a sentence (after . ! ? that ends one, or a line break).
    static let sentence: UInt16 = 1 << 6
    /// First token after a colon, semicolon, bracket or quote.
    static let clause: UInt16 = 1 << 7
    static let line: UInt16 = 1 << 8
    static let innerApostrophe: UInt16 = 1 << 9
    /// Ends in "s" after at least three letters: may be a plural ("the Smiths"); see `TextWork.pluralHash`.
    static let plural: UInt16 = 1 << 10
    static let boundary: UInt16 = sentence | clause | line
}

enum Gap {
    static let space: UInt16 = 1 << 0
    static let newline: UInt16 = 1 << 1
    static let blankLine: UInt16 = 1 << 2
    static let hyphen: UInt16 = 1 << 3
    static let comma: UInt16 = 1 << 4
    static let period: UInt16 = 1 << 5
    static let stop: UInt16 = 1 << 6
    static let colon: UInt16 = 1 << 7
    static let semicolon: UInt16 = 1 << 8
    static let open: UInt16 = 1 << 9
    static let close: UInt16 = 1 << 10
    static let at: UInt16 = 1 << 11
    static let slash: UInt16 = 1 << 12
    static let other: UInt16 = 1 << 13
    static let plus: UInt16 = 1 << 14
    static let underscore: UInt16 = 1 << 15
}

/// FNV-1a, 64 bit: cheap to compute byte by byte while scanning.
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always) static func mix(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* prime }
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = offset
        for b in bytes { h = mix(h, b) }
        return finish(h)
    }

    /// Order-dependent combination of word hashes (street names, phrases).
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = a ^ 0x9E37_79B9_7F4A_7C15
        h = (h ^ (b &+ 0x632B_E59B_D9B4_E019 &+ (h << 6) &+ (h >> 2))) &* prime
        return finish(h)
    }
}
