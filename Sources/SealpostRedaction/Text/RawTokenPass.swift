/// One tokenising pass over a text and nothing else: the least work any redaction does, which
/// `sealpost bench redaction` measures beside the redactor as its raw bound.
package enum RawTokenPass {
    /// Tokenises `text` with the shared lexicon and returns how many tokens it has.
    package static func tokenCount(_ text: String) -> Int {
        var tokens: [Token] = []
        var bytes = Array(text.utf8)
        tokens.reserveCapacity(bytes.count / 5 + 1)
        bytes.withUnsafeMutableBufferPointer { Tokenizer.tokenize(UnsafeBufferPointer($0), lexicon: Lexicon.shared, into: &tokens) }
        return tokens.count
    }
}
