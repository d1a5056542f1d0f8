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
    /// The gap before holds an "@".
    let emails: [Int32]
    /// A social site's name ("facebook").
    let urls: [Int32]
    /// A one-letter "t" with a token after it.
    let telegram: [Int32]
    /// A handle cue ("Snapchat", "TikTok").
    let handleCues: [Int32]
    /// The next token follows an underscore.
    let joined: [Int32]
    /// After an opening bracket or quote, with the next token after a full stop.
    let bracketed: [Int32]
    /// Digits only.
    let numbers: [Int32]
    /// Digits only, starting with 0 or after a "+".
    let phones: [Int32]
    /// Letters with digits, or two letters before a number.
    let ni: [Int32]
    /// Letters with digits.
    let alnum: [Int32]
    /// Letters with digits, or three letters before a token with digits.
    let vehicles: [Int32]
    /// A three-letter word the lexicon does not know, not the first token.
    let endings: [Int32]
    /// Digits, or a month's name.
    let dates: [Int32]

    init(_ w: TextWork) {
        let n = w.count
        var emails: [Int32] = [], urls: [Int32] = [], telegram: [Int32] = [], handleCues: [Int32] = []
        var joined: [Int32] = [], bracketed: [Int32] = [], numbers: [Int32] = [], phones: [Int32] = []
        var ni: [Int32] = [], alnum: [Int32] = [], vehicles: [Int32] = [], endings: [Int32] = [], dates: [Int32] = []
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
                    let k32 = Int32(k)
                    if tok.gap & Gap.at != 0 { emails.append(k32) }
                    if tok.lex & Lex.socialSite != 0 { urls.append(k32) }
                    if k + 1 < n && tok.nlen == 1 && bytes[Int(tok.start)] | 0x20 == UInt8(ascii: "t") { telegram.append(k32) }
                    if tok.lex & Lex.handleCue != 0 { handleCues.append(k32) }
                    if nextGap & Gap.underscore != 0 { joined.append(k32) }
                    if nextGap & Gap.period != 0 && tok.gap & Gap.open != 0 { bracketed.append(k32) }
                    if digit && !alpha {
                        numbers.append(k32)
                        let s = Int(tok.start)
                        if bytes[s] == 0x30 || (s > 0 && bytes[s - 1] == UInt8(ascii: "+")) { phones.append(k32) }
                    }
                    let nextNumber = nextShape & Shape.digit != 0 && nextShape & Shape.alpha == 0
                    if alpha && (digit || (tok.nlen == 2 && nextNumber)) { ni.append(k32) }
                    if alpha && digit { alnum.append(k32) }
                    if alpha && (digit || (tok.nlen == 3 && nextShape & Shape.digit != 0)) { vehicles.append(k32) }
                    if k >= 1 && tok.nlen == 3 && tok.lex & Lex.known == 0 && alpha && !digit { endings.append(k32) }
                    if digit || tok.lex & Lex.month != 0 { dates.append(k32) }
                }
            }
        }
        self.emails = emails; self.urls = urls; self.telegram = telegram; self.handleCues = handleCues
        self.joined = joined; self.bracketed = bracketed; self.numbers = numbers; self.phones = phones
        self.ni = ni; self.alnum = alnum; self.vehicles = vehicles; self.endings = endings; self.dates = dates
    }
}
