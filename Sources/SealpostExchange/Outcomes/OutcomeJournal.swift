import Foundation
import SealpostCore
import SealpostLedger

/// Outcomes this agency has recorded for records it received: `HOME/outcomes/<outcome id>.json`,
/// one per outcome, so a record may have several (spec/exchange.md §Outcomes).
///
/// As with acknowledgements, the outcome is logged, sealed once and journalled before anything
/// goes to the relay, so every retry deposits the same bytes and the relay holds it once:
///
///     pending    the outcome is sealed and journalled; deposit it to the record's sender
///     done       the relay's signed receipt for it is held
///
/// Any relay command first finishes every entry still `pending`. `digest` (BLAKE2b-256 of the
/// decision, reason and next steps, keyed with a key derived from the agency's box key) lets a repeated command find the outcome it already recorded
/// instead of recording it twice; the free text itself is only in the sealed outcome and the log.
public struct OutcomeJournal: ExchangeJournal {
    public struct Entry: Codable, Sendable, Equatable {
        public static let formatName = "sealpost-outcome-journal/v1"
        public typealias State = ReplyState

        public var format = Entry.formatName
        /// The sealed outcome's envelope id.
        public var outcomeID: String
        /// The record it is about: its envelope in HOME/inbox, and message id.
        public var envelopeID: String
        public var messageID: String
        /// The record's sender, to whom the outcome goes.
        public var sender: String
        public var purpose: String
        public var urgency: String
        /// The decision's code.
        public var decision: String
        public var digest: String
        public var state: State
        /// The sealed outcome, base64.
        public var outcome: String
        public var journalledAt: Int64
        public var receipt: OutboxEntry.Receipt?
        public var doneAt: Int64?

        enum CodingKeys: String, CodingKey {
            case format, outcomeID = "outcome_id", envelopeID = "envelope_id", messageID = "message_id", sender, purpose, urgency
            case decision, digest, state, outcome, journalledAt = "journalled_at", receipt, doneAt = "done_at"
        }

        public var outcomeBytes: [UInt8]? { Data(base64Encoded: outcome).map(Array.init) }
    }

    public let directory: String

    public init(home: Home) { directory = home.outcomesDirectory }

    /// The outcomes recorded for the record in envelope `id`, oldest first.
    public func entries(about id: String) throws(ExchangeError) -> [Entry] { try entries().filter { $0.envelopeID == id } }
}

extension OutcomeJournal.Entry: JournalEntry {
    public var journalID: String { outcomeID }
    public var isDone: Bool { state == .done }
    public static let journalling = "journal the outcome"
}
