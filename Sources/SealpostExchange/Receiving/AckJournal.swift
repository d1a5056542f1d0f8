import SealpostLedger
import Foundation
import SealpostCore

/// Acknowledgements this agency has begun to send: `HOME/acks/<envelope id>.json`, one per
/// received envelope (spec/exchange.md §Acknowledging).
///
/// The acknowledgement is sealed once and its bytes journalled before anything goes to the relay,
/// so every retry deposits the same envelope and the relay, which dedupes by envelope id, holds it
/// once. Each step rewrites the entry atomically:
///
///     pending    the acknowledgement is sealed and journalled; deposit it to the sender
///     deposited  the relay's signed receipt for it is held; delete the record's envelope at the relay
///     done       the record's envelope is gone from the relay
///
/// Any relay command first finishes every entry that is not `done`, so a client killed at any
/// point sends the acknowledgement, once, on its next run.
public struct AckJournal: ExchangeJournal {
    public struct Entry: Codable, Sendable, Equatable {
        public static let formatName = "sealpost-ack-journal/v1"
        public enum State: String, Codable, Sendable { case pending, deposited, done }

        public var format = Entry.formatName
        /// The received envelope being acknowledged.
        public var envelopeID: String
        /// Its sender, to whom the acknowledgement goes.
        public var sender: String
        public var state: State
        public var acknowledgementID: String
        /// The sealed acknowledgement, base64.
        public var acknowledgement: String
        public var journalledAt: Int64
        public var receipt: OutboxEntry.Receipt?
        public var doneAt: Int64?

        enum CodingKeys: String, CodingKey {
            case format, envelopeID = "envelope_id", sender, state, acknowledgementID = "acknowledgement_id"
            case acknowledgement, journalledAt = "journalled_at", receipt, doneAt = "done_at"
        }

        public var acknowledgementBytes: [UInt8]? { Data(base64Encoded: acknowledgement).map(Array.init) }
    }

    public let directory: String

    public init(home: Home) { directory = home.acknowledgementsDirectory }
}

extension AckJournal.Entry: JournalEntry {
    public var journalID: String { envelopeID }
    public var isDone: Bool { state == .done }
    public static let journalling = "journal the acknowledgement"
}
