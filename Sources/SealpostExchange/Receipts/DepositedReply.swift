import SealpostCore

/// Where a journalled outcome or decline stands: sealed and journalled, to deposit (`pending`),
/// or taken by the relay, whose signed receipt is held (`done`).
public enum ReplyState: String, Codable, Sendable { case pending, done }

/// A reply that goes to one agency and is done once the relay has taken it: an outcome, a
/// decline. Like an acknowledgement it is logged, sealed once and journalled before any deposit,
/// so every retry deposits the same bytes and the relay holds it once; unlike one, nothing is
/// left to delete afterwards, so its journal has two states (`ReplyState`).
protocol DepositedReply: JournalEntry {
    /// The sealed reply's envelope id (hex) as journalled.
    var sealedID: String { get }
    /// The sealed reply's bytes; nil when the journal's base64 is damaged.
    var sealedBytes: [UInt8]? { get }
    /// The agency it goes to.
    var addressee: String { get }
    var state: ReplyState { get set }
    var receipt: OutboxEntry.Receipt? { get set }
    var doneAt: Int64? { get set }
}

extension Reply {
    /// Deposits a journalled reply still pending and journals the relay's receipt; returns the
    /// entry as it now stands. `damaged` is thrown for an entry whose bytes are not the envelope
    /// its id names; `what` names the reply in the log line.
    static func finish<Journal: ExchangeJournal>(_ journalled: Journal.Entry, in journal: Journal, what: String,
                                                 damaged: ExchangeError, session: RelaySession)
        async throws(ExchangeError) -> Journal.Entry where Journal.Entry: DepositedReply {
        var entry = journalled
        guard let id = EnvelopeID(hex: entry.sealedID), let sealed = entry.sealedBytes,
              EnvelopeID(of: sealed) == id else {
            throw damaged
        }
        if entry.state == .pending {
            entry.receipt = try await deposit(sealed, id: id, to: entry.addressee, what: what, session: session)
            entry.state = .done
            entry.doneAt = session.context.now
            try journal.write(entry)
        }
        return entry
    }
}

extension OutcomeJournal.Entry: DepositedReply {
    var sealedID: String { outcomeID }
    var sealedBytes: [UInt8]? { outcomeBytes }
    var addressee: String { sender }
}

extension DeclineJournal.Entry: DepositedReply {
    var sealedID: String { declineID }
    var sealedBytes: [UInt8]? { declineBytes }
    var addressee: String { requester }
}
