import SealpostSharing

extension DecisionFile {
    /// `init(decoding:source:)` with its error as an exchange error (code `record`), as the send
    /// flow reports every problem with what it was given.
    public init(parsing bytes: [UInt8], source: String) throws(ExchangeError) {
        do { try self.init(decoding: bytes, source: source) } catch { throw ExchangeError(.record, error.message, hint: error.hint) }
    }
}
