/// Sizes the client holds itself to, so that it never builds what the relay would refuse
/// (THREATS.md row 13) and never reads an unbounded answer.
public enum ExchangeLimits {
    /// The largest envelope the client seals for the relay or reads back from it (16 MiB, the relay's default limit):
    /// a record is at most 16 MiB of JSON (`JSONParser.Limits.standard`), and sealing adds little.
    public static let maximumEnvelopeBytes = 16 << 20
    /// Recipients named in one send. Each gets its own envelope (its own minimised projection).
    public static let maximumRecipients = 64
}
