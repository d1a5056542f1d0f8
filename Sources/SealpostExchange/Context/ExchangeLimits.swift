/// Sizes the client holds itself to, so that it never builds what the relay would refuse
/// (THREATS.md row 13) and never reads an unbounded answer.
public enum ExchangeLimits {
    /// The largest envelope the client seals for the relay or reads back from it (1 GiB, the
    /// largest limit a relay takes). Envelopes are sealed into, uploaded from and fetched into
    /// files, in constant memory, so this bounds disk, not memory. A relay states its own limit
    /// (256 MiB unless its operator changed it) in its health answer, and an envelope over that
    /// is not uploaded (`RelayClient.deposit(file:id:to:)`).
    public static let maximumEnvelopeBytes = 1 << 30
    /// The largest envelope or answer the client holds in memory: an acknowledgement, a reply,
    /// a request, a JSON answer (16 MiB).
    public static let maximumInMemoryBytes = 16 << 20
    /// The largest content (a record's or a message's JSON) opened into memory: what the strict
    /// JSON parser reads at most (`JSONParser.Limits.standard`, 16 MiB). Attachments go to files.
    public static let maximumContentBytes = 16 << 20
    /// Recipients named in one send. Each gets its own envelope (its own minimised projection).
    public static let maximumRecipients = 64
}
