import Testing
@testable import SealpostRedaction

@Suite("Tokenizer and normalisation")
struct TokenizerTests {
    static func words(_ s: String) -> [Token] { Tokenizer.tokens(of: s, lexicon: .shared).tokens }

    @Test func diacriticsCaseAndApostrophesNormaliseAlike() {
        let h = Tokenizer.hash("oneill")
        for form in ["O'Neill", "O’Neill", "ONEILL", "oneill", "O'Neill's", "O’Neill’s"] {
            #expect(Tokenizer.hash(form) == h, "\(form)")
        }
        #expect(Tokenizer.hash("Zoë") == Tokenizer.hash("zoe"))
        #expect(Tokenizer.hash("Łukasz") == Tokenizer.hash("lukasz"))
        #expect(Tokenizer.hash("Nguyễn") == Tokenizer.hash("nguyen"))
        #expect(Tokenizer.hash("Zoe\u{0308}") == Tokenizer.hash("zoe"))  // combining diaeresis
        #expect(Tokenizer.hash("Ke\u{200B}vin") == Tokenizer.hash("kevin"))  // zero-width space inside
    }

    @Test func possessivesAndShapes() {
        let t = Self.words("Kevin's KEVIN kevin Smith-Jones O'Neill 07700 KB1")
        #expect(t.count == 8)
        #expect(t[0].shape & Shape.possessive != 0 && t[0].possLen == 2)
        #expect(t[1].shape & Shape.allCaps != 0)
        #expect(t[2].shape & Shape.lower != 0)
        #expect(t[4].gap == Gap.hyphen)
        #expect(t[5].shape & Shape.innerApostrophe != 0)
        #expect(t[6].isNumber && t[7].shape & (Shape.alpha | Shape.digit) == Shape.alpha | Shape.digit)
    }

    @Test func sentenceStartsIgnoreTitlesAndInitials() {
        let t = Self.words("He saw Mr. Smith. Then K. Jones left.")
        let starts = t.filter { $0.shape & Shape.sentence != 0 }.count
        #expect(starts == 2)  // "He" and "Then"
    }

    @Test func offsetsAreUTF8Bytes() {
        let s = "Zoë’s “friend” Kevin"
        let t = Self.words(s)
        let b = Array(s.utf8)
        #expect(String(decoding: b[Int(t.last!.start)..<Int(t.last!.end)], as: UTF8.self) == "Kevin")
    }

    @Test func hostileTextDoesNotTrap() throws {
        let odd = String(repeating: "'-.@+(", count: 2000) + String(repeating: "A", count: 70_000) + "\u{1F600}\u{0301}\u{FEFF}"
        let r = try Fixture.redact(odd)
        #expect(r.record.texts.count == 1)
        #expect(try Fixture.redact("").record.texts[0].text == "")
    }
}
