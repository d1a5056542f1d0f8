import SealpostLedger
import Foundation
import SealpostCore

/// Declines this agency has begun to send in answer to requests: `HOME/declines/<request
/// envelope id>.json`, one per request (spec/exchange.md §Declining).
///
/// As with acknowledgements, the decline is logged, sealed once and journalled before anything
/// goes to the relay, so every retry deposits the same bytes and the relay holds it once:
///
///     pending    the decline is sealed and journalled; deposit it to the requester
///     done       the relay's signed receipt for it is held
///
/// Any relay command first finishes every entry still `pending`.
public struct DeclineJournal: ExchangeJournal {
    public struct Entry: Codable, Sendable, Equatable {
        public static let formatName = "sealpost-decline-journal/v1"
        public typealias State = ReplyState

        public var format = Entry.formatName
        /// The request being declined (its envelope id in HOME/requests/in).
        public var requestID: String
        /// The request's message id.
        public var requestMessageID: String
        /// The agency that asked, to whom the decline goes.
        public var requester: String
        public var purpose: String
        public var state: State
        public var declineID: String
        /// The sealed decline, base64.
        public var decline: String
        /// The reasons' categories (never the free text, which is sealed inside the decline).
        public var reasons: [String]
        public var journalledAt: Int64
        public var receipt: OutboxEntry.Receipt?
        public var doneAt: Int64?

        enum CodingKeys: String, CodingKey {
            case format, requestID = "request_id", requestMessageID = "request_message_id", requester, purpose, state
            case declineID = "decline_id", decline, reasons, journalledAt = "journalled_at", receipt, doneAt = "done_at"
        }

        public var declineBytes: [UInt8]? { Data(base64Encoded: decline).map(Array.init) }
    }

    public let directory: String

    public init(home: Home) { directory = home.declinesDirectory }
}

extension DeclineJournal.Entry: JournalEntry {
    public var journalID: String { requestID }
    public var isDone: Bool { state == .done }
    public static let journalling = "journal the decline"
}
