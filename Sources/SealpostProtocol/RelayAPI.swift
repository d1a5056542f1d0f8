/// The relay's HTTP surface as both sides name it (spec/relay.md, spec/relay-openapi.yaml).
public enum RelayAPI {
    public static let version = "v1"

    public enum Path {
        public static let health = "/v1/health"
        /// POST, with `?to=AGENCY` once per mailbox; the body is the envelope.
        public static let envelopes = "/v1/envelopes"
        /// GET lists the caller's mailbox.
        public static let mailbox = "/v1/mailbox"
        /// GET fetches, DELETE removes one envelope from the caller's mailbox.
        public static func mailboxEntry(_ id: String) -> String { "/v1/mailbox/\(id)" }
        /// GET: what became of the caller's own deposit (waiting, delivered or expired per mailbox).
        public static func deposit(_ id: String) -> String { "/v1/deposits/\(id)" }
        /// Prometheus text; served on the metrics listener, not the API listener.
        public static let metrics = "/metrics"
    }

    /// Request and response header names. HTTP header names are case-insensitive.
    public enum Header {
        public static let agency = "Sealpost-Agency"
        public static let timestamp = "Sealpost-Timestamp"
        public static let nonce = "Sealpost-Nonce"
        public static let contentHash = "Sealpost-Content-Hash"
        public static let signature = "Sealpost-Signature"
        /// On every response: the relay's clock, in Unix seconds, so a client can show its skew.
        public static let relayTime = "Sealpost-Relay-Time"
    }

    public static let envelopeMediaType = "application/vnd.sealpost.envelope"
}
