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
public struct DeclineJournal: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public static let formatName = "sealpost-decline-journal/v1"
        public enum State: String, Codable, Sendable { case pending, done }

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

    func path(_ id: String) -> String { "\(directory)/\(id).json" }

    public func entry(_ id: String) throws(ExchangeError) -> Entry? { try StoreFiles.read(Entry.self, from: path(id)) }

    public func write(_ entry: Entry) throws(ExchangeError) {
        try StoreFiles.makeDirectory(directory)
        try StoreFiles.write(entry, to: path(entry.requestID), doing: "journal the decline")
    }

    public func entries() throws(ExchangeError) -> [Entry] {
        var out: [Entry] = []
        for id in StoreFiles.jsonIDs(in: directory) {
            if let entry = try entry(id) { out.append(entry) }
        }
        return out.sorted { ($0.journalledAt, $0.requestID) < ($1.journalledAt, $1.requestID) }
    }

    /// Entries with a step still to do.
    public func unfinished() throws(ExchangeError) -> [Entry] { try entries().filter { $0.state != .done } }
}
