import Foundation

/// What `InboxListing` learnt about envelopes it fetched and verified, kept so that the next listing
/// fetches only the envelopes it has not seen: an envelope's bytes never change once deposited, so
/// what it verified as stays true while the agreement it was verified under is in force.
///
/// For a face that lists often (the web app's Home and Inbox): without it each listing fetches and
/// verifies every waiting envelope again. Refusals are not kept (a new agreement edition may make a
/// sender a party), and entries the relay no longer lists are dropped after each listing. Held in
/// memory only, for the agency's own process; it holds what the Inbox shows (sender, purpose,
/// urgency, the record's reference and the child's name), never an envelope's content.
public final class VerifiedDescriptions: @unchecked Sendable {
    /// What one envelope verified as.
    public enum Description: Sendable {
        case acknowledgement, decline, outcome
        case request(sender: String, purpose: String, urgency: String)
        case record(sender: String, purpose: String, urgency: String, recordID: String?, child: String?)
    }

    private struct Held {
        let agreement: String
        let description: Description
    }

    private let lock = NSLock()
    private var held: [String: Held] = [:]

    public init() {}

    /// The description of `envelopeID` verified under `agreement` (its id and version), if known.
    func description(_ envelopeID: String, agreement: String) -> Description? {
        lock.withLock { held[envelopeID].flatMap { $0.agreement == agreement ? $0.description : nil } }
    }

    func remember(_ envelopeID: String, _ description: Description, agreement: String) {
        lock.withLock { held[envelopeID] = Held(agreement: agreement, description: description) }
    }

    /// Forgets every envelope not in `listed` (deleted, expired or opened since).
    func keepOnly(_ listed: Set<String>) {
        lock.withLock { held = held.filter { listed.contains($0.key) } }
    }

    /// How many envelopes are described (for tests).
    var count: Int { lock.withLock { held.count } }
}
