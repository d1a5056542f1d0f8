import SealpostLedger

/// One record this agency received, opened and stored (`HOME/inbox/<envelope id>/entry.json`;
/// spec/exchange.md §Inbox). Written once, with the record, when everything verified.
public struct InboxEntry: Codable, Sendable, Equatable {
    public static let formatName = "sealpost-inbox/v1"

    public var format = InboxEntry.formatName
    public var envelopeID: String
    public var messageID: String
    /// The agency that signed the envelope (checked against the agreement).
    public var sender: String
    public var purpose: String
    public var urgency: String
    public var recordID: String?
    /// `<agreement id>@<version>` the sender sealed it under.
    public var agreement: String
    public var contentHash: String
    public var contentLength: UInt64
    public var envelopeLength: UInt64
    /// When the sender sealed it (its clock, signed).
    public var sentAt: Int64
    /// When it was stored here.
    public var receivedAt: Int64
    /// The attachments stored beside the record in `attachments/`, in the envelope's order;
    /// absent when there were none.
    public var attachments: [ReceivedAttachment]?

    /// One attachment: the sender's name for it (text to show, escaped, never a path), the safe
    /// file name it is stored under (AttachmentName), and what the signed manifest states.
    public struct ReceivedAttachment: Codable, Sendable, Equatable {
        public var name: String
        public var stored: String
        public var type: String
        public var length: UInt64
        /// BLAKE2b-256, hex: the stored file's `b2sum -l 256`.
        public var hash: String
    }

    /// The entry as `entry.json` holds it: the attachments' names (which may name a person) left
    /// empty, kept sealed beside them (Inbox).
    var withoutNames: InboxEntry {
        var copy = self
        copy.attachments = attachments?.map { var a = $0; a.name = ""; a.stored = ""; return a }
        return copy
    }

    /// The delivery this entry records, as a receipt about it names it (`recipient`: this agency).
    public func delivery(to recipient: String) -> DeliveryBasis {
        DeliveryBasis(sender: sender, recipient: recipient, purpose: purpose, urgency: urgency, agreement: agreement, recordID: recordID,
                      envelope: EnvelopeFacts(messageID: messageID, envelopeID: envelopeID, contentHash: contentHash,
                                              contentLength: Int64(clamping: contentLength)))
    }

    enum CodingKeys: String, CodingKey {
        case format, envelopeID = "envelope_id", messageID = "message_id", sender, purpose, urgency, recordID = "record_id"
        case agreement, contentHash = "content_hash", contentLength = "content_length", envelopeLength = "envelope_length"
        case sentAt = "sent_at", receivedAt = "received_at", attachments
    }
}
