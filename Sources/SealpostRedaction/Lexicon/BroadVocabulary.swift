/// The words the safety net can account for as ordinary (issue 13, "uncertain is the safety
/// net"): the lowercase entries of a general British English list (`BroadEnglish`, about 64,000
/// words with their inflections) and the words of referrals that such a list lacks (`DomainWords`).
/// A word of a text that is none of these, no word the lexicon knows, nobody kept's name and no
/// number is reported as uncertain (`UnaccountedWords.swift`).
///
/// Kept apart from `Lexicon`'s table on purpose: the tokenizer probes that table for every token,
/// and quadrupling it would cost every token a cache miss; this set is probed only for the few
/// tokens the lexicon knows nothing about.
///
/// Invariant: keys are the hashes `Tokenizer.hash` gives the words (lowercase ASCII, FNV-1a), so a
/// token's `hash` is looked up as it is. Built once per process on first use (about 1 ms: one pass
/// over 0.6 MB of text), then read-only; a record's set-up cost does not grow with it.
struct BroadVocabulary: Sendable {
    /// Open addressing, keys only; 0 marks an empty slot (`FNV.finish` never yields 0).
    private let keys: [UInt64]
    private let mask: Int
    /// Distinct words held.
    let count: Int

    static let shared = BroadVocabulary()

    init() {
        var size = 1 << 10
        while size < (BroadEnglish.count + 4_096) * 2 { size <<= 1 }
        let mask = size - 1
        var count = 0
        var keys = [UInt64](repeating: 0, count: size)
        keys.withUnsafeMutableBufferPointer { table in
            // Words are lowercase ASCII separated by spaces and line breaks: hash the bytes as they come.
            func add(_ text: String) {
                var text = text
                text.withUTF8 { bytes in
                    var h = FNV.offset
                    var n = 0
                    for b in bytes {
                        if b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") {
                            if n > 0 { count += Self.insert(FNV.finish(h), into: table, mask) }
                            h = FNV.offset
                            n = 0
                        } else {
                            h = FNV.mix(h, b)
                            n += 1
                        }
                    }
                    if n > 0 { count += Self.insert(FNV.finish(h), into: table, mask) }
                }
            }
            add(BroadEnglish.list)
            add(DomainWords.care)
            add(DomainWords.health)
            add(DomainWords.life)
            add(DomainWords.speech)
        }
        self.keys = keys
        self.mask = mask
        self.count = count
    }

    /// Puts `h` in the table; 1 when it was not there yet.
    @inline(__always)
    private static func insert(_ h: UInt64, into table: UnsafeMutableBufferPointer<UInt64>, _ mask: Int) -> Int {
        var i = home(h, mask)
        while table[i] != 0 {
            if table[i] == h { return 0 }
            i = (i + 1) & mask
        }
        table[i] = h
        return 1
    }

    @inline(__always) private static func home(_ k: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (k ^ (k >> 31)) & UInt64(mask))
    }

    /// True when the word whose hash is `h` is one of the vocabulary's: one probe, rarely two.
    @inline(__always) func contains(_ h: UInt64) -> Bool {
        var i = Self.home(h, mask)
        while true {
            let k = keys[i]
            if k == h { return true }
            if k == 0 { return false }
            i = (i + 1) & mask
        }
    }
}
