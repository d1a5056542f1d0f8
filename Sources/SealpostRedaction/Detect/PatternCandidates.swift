/// The tokens each pattern finder can start at, gathered in one walk over the tokens.
///
/// Each finder used to walk every token and test its own entry condition; most tokens of prose
/// are plain words that no finder wants, so twelve walks cost far more than the finding. This
/// walk tests each token once, and each finder then visits only its own list, in text order.
/// Invariant: every list is a superset of the tokens that pass its finder's entry test on the
/// token's immutable fields (shape, lexicon flags, gap, length, bytes), so a finder that still
/// makes every test it made before (including whether the token is free, which earlier finders
/// change) finds exactly what it found walking all tokens, in the same order.
struct PatternCandidates {
    /// A candidate token and the lists (bits below) it is on, in text order.
    struct Entry {
        var k: Int32
        var lists: UInt16
    }

    /// The gap before holds an "@".
    static let emails: UInt16 = 1 << 0
    /// A social site's name ("facebook").
    static let urls: UInt16 = 1 << 1
    /// A one-letter "t" with a token after it.
    static let telegram: UInt16 = 1 << 2
    /// A handle cue ("Snapchat", "TikTok").
    static let handleCues: UInt16 = 1 << 3
    /// The next token follows an underscore.
    static let joined: UInt16 = 1 << 4
    /// After an opening bracket or quote, with the next token after a full stop.
    static let bracketed: UInt16 = 1 << 5
    /// Digits only.
    static let numbers: UInt16 = 1 << 6
    /// Digits only, starting with 0 or after a "+".
    static let phones: UInt16 = 1 << 7
    /// Letters with digits, or two letters before a number.
    static let ni: UInt16 = 1 << 8
    /// Letters with digits.
    static let alnum: UInt16 = 1 << 9
    /// Letters with digits, or three letters before a token with digits.
    static let vehicles: UInt16 = 1 << 10
    /// A three-letter word the lexicon does not know, not the first token.
    static let endings: UInt16 = 1 << 11
    /// Digits, or a month's name.
    static let dates: UInt16 = 1 << 12

    /// One array for all the lists (a short structured value makes one allocation, not thirteen).
    let entries: [Entry]

    /// The tokens on `list`, in text order.
    @inline(__always) func list(_ list: UInt16) -> LazyMapSequence<LazyFilterSequence<[Entry]>, Int32> {
        entries.lazy.filter { $0.lists & list != 0 }.map(\.k)
    }

    init(_ w: TextWork) {
        let n = w.count
        var entries: [Entry] = []
        w.tokens.withUnsafeBufferPointer { t in
            w.bytes.withUnsafeBufferPointer { bytes in
                for k in 0..<n {
                    let tok = t[k]
                    let nextShape = k + 1 < n ? t[k + 1].shape : 0
                    let nextGap = k + 1 < n ? t[k + 1].gap : 0
                    let digit = tok.shape & Shape.digit != 0
                    let alpha = tok.shape & Shape.alpha != 0
                    // Plain words: nothing below can hold.
                    if !digit && nextShape & Shape.digit == 0 && tok.nlen != 1
                        && (tok.nlen != 3 || tok.lex & Lex.known != 0)
                        && tok.lex & (Lex.socialSite | Lex.handleCue | Lex.month) == 0
                        && tok.gap & Gap.at == 0 && nextGap & (Gap.underscore | Gap.period) == 0
                    {
                        continue
                    }
                    var lists: UInt16 = 0
                    if tok.gap & Gap.at != 0 { lists |= Self.emails }
                    if tok.lex & Lex.socialSite != 0 { lists |= Self.urls }
                    if k + 1 < n && tok.nlen == 1 && bytes[Int(tok.start)] | 0x20 == UInt8(ascii: "t") { lists |= Self.telegram }
                    if tok.lex & Lex.handleCue != 0 { lists |= Self.handleCues }
                    if nextGap & Gap.underscore != 0 { lists |= Self.joined }
                    if nextGap & Gap.period != 0 && tok.gap & Gap.open != 0 { lists |= Self.bracketed }
                    if digit && !alpha {
                        lists |= Self.numbers
                        let s = Int(tok.start)
                        if bytes[s] == 0x30 || (s > 0 && bytes[s - 1] == UInt8(ascii: "+")) { lists |= Self.phones }
                    }
                    let nextNumber = nextShape & Shape.digit != 0 && nextShape & Shape.alpha == 0
                    if alpha && (digit || (tok.nlen == 2 && nextNumber)) { lists |= Self.ni }
                    if alpha && digit { lists |= Self.alnum }
                    if alpha && (digit || (tok.nlen == 3 && nextShape & Shape.digit != 0)) { lists |= Self.vehicles }
                    if k >= 1 && tok.nlen == 3 && tok.lex & Lex.known == 0 && alpha && !digit { lists |= Self.endings }
                    if digit || tok.lex & Lex.month != 0 { lists |= Self.dates }
                    if lists != 0 { entries.append(Entry(k: Int32(k), lists: lists)) }
                }
            }
        }
        self.entries = entries
    }
}
