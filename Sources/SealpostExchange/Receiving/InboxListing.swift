import SealpostCore
import SealpostRecord

/// What waits for this agency at the relay, described without storing anything
/// (spec/exchange.md §The inbox listing).
///
/// Each waiting envelope is fetched and verified in full, as `open` would (signature, sender
/// trust, conventions, every attachment's hash), from a private file in constant memory, then its
/// content is dropped (FetchedEnvelope): so the purpose and urgency shown are
/// the ones the sender signed, never the relay's word or an unverified manifest. One that fails
/// is listed as refused, with the reason. Envelopes already opened here are listed from the
/// inbox without fetching. Acknowledgements are counted, not listed: `sync` collects them.
public enum InboxListing {
    public struct Item: Sendable {
        public enum Status: Sendable {
            /// Verified, not yet opened here.
            case waiting(sender: String, purpose: String, urgency: String)
            /// Opened and stored here; the acknowledgement is not yet done.
            case opened(InboxEntry, acknowledgement: AckJournal.Entry.State?)
            /// Could not be verified: `open` would refuse it for this reason.
            case refused(ExchangeError)
            /// A verified request for information, not yet opened here.
            case request(sender: String, purpose: String, urgency: String)
            /// A request opened here that a crash left at the relay (the next sync deletes it).
            case openedRequest(InboxEntry)
        }
        public let id: String
        /// What the relay says (the sender it authenticated, size, times).
        public let mailbox: MailboxEntryView
        public let status: Status
        /// For a record, once its envelope has verified (or it is opened here): the record's `id`
        /// and the child's name (`subject.name`), for this agency's own screen only. Nil for a
        /// request or a refused envelope, and when the record does not give them.
        public var recordID: String? = nil
        public var child: String? = nil

        /// emergency 0, urgent 1, routine 2, refused 3.
        public var urgencyRank: Int {
            switch status {
            case .waiting(_, _, let urgency): return ["emergency": 0, "urgent": 1, "routine": 2][urgency] ?? 3
            case .opened(let entry, _): return ["emergency": 0, "urgent": 1, "routine": 2][entry.urgency] ?? 3
            case .request(_, _, let urgency): return ["emergency": 0, "urgent": 1, "routine": 2][urgency] ?? 3
            case .openedRequest(let entry): return ["emergency": 0, "urgent": 1, "routine": 2][entry.urgency] ?? 3
            case .refused: return 3
            }
        }
    }

    /// The relay's description of one mailbox entry.
    public struct MailboxEntryView: Sendable {
        public let sender: String
        public let size: Int64
        public let depositedAt: Int64
        public let expiresAt: Int64
    }

    public struct Listing: Sendable {
        /// Records, most urgent first, then oldest first.
        public var items: [Item]
        public var acknowledgements: Int
        /// Declines of this agency's requests waiting to be collected by sync.
        public var declines = 0
        /// Outcomes of this agency's sends waiting to be collected by sync.
        public var outcomes = 0
    }

    /// The listing. With `descriptions`, an envelope verified by an earlier listing under the same
    /// agreement edition is described from there instead of being fetched again.
    public static func list(session: RelaySession, descriptions: VerifiedDescriptions? = nil) async throws(ExchangeError) -> Listing {
        let context = session.context
        let agreement = "\(context.agreement.id)/\(context.agreement.version)"
        var listing = Listing(items: [], acknowledgements: 0)
        let mailbox = try await session.client.mailbox()
        defer { descriptions?.keepOnly(Set(mailbox.map(\.envelopeID))) }
        for entry in mailbox {
            guard let id = EnvelopeID(hex: entry.envelopeID) else { continue }
            let view = MailboxEntryView(sender: entry.sender, size: entry.size, depositedAt: entry.depositedAt, expiresAt: entry.expiresAt)
            if let held = try context.inbox.entry(entry.envelopeID) {
                let ack = try context.acks.entry(entry.envelopeID)?.state
                let child = context.inbox.content(entry.envelopeID).flatMap(Self.child(of:))
                listing.items.append(Item(id: entry.envelopeID, mailbox: view, status: .opened(held, acknowledgement: ack),
                                          recordID: held.recordID, child: child))
                continue
            }
            if let held = try context.requestsIn.entry(entry.envelopeID) {
                listing.items.append(Item(id: entry.envelopeID, mailbox: view, status: .openedRequest(held)))
                continue
            }
            do {
                let description: VerifiedDescriptions.Description
                if let known = descriptions?.description(entry.envelopeID, agreement: agreement) {
                    description = known
                } else {
                    description = try await describe(id, session: session)
                    descriptions?.remember(entry.envelopeID, description, agreement: agreement)
                }
                switch description {
                case .acknowledgement:
                    listing.acknowledgements += 1
                case .decline:
                    listing.declines += 1
                case .outcome:
                    listing.outcomes += 1
                case .request(let sender, let purpose, let urgency):
                    listing.items.append(Item(id: entry.envelopeID, mailbox: view, status: .request(sender: sender, purpose: purpose, urgency: urgency)))
                case .record(let sender, let purpose, let urgency, let recordID, let child):
                    listing.items.append(Item(id: entry.envelopeID, mailbox: view, status: .waiting(sender: sender, purpose: purpose, urgency: urgency),
                                              recordID: recordID, child: child))
                }
            } catch where error.code == .envelope {
                listing.items.append(Item(id: entry.envelopeID, mailbox: view, status: .refused(error)))
            } catch where error.code == .notFound {
                continue  // deleted or expired since the listing
            }
        }
        // Most urgent, then oldest; deposits within one second keep the relay's order (its
        // sequence, spec/relay.md), so a re-send never sorts before what it re-sends.
        let position = Dictionary(listing.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        listing.items.sort {
            ($0.urgencyRank, $0.mailbox.depositedAt, position[$0.id] ?? 0) < ($1.urgencyRank, $1.mailbox.depositedAt, position[$1.id] ?? 0)
        }
        return listing
    }

    /// Fetches and verifies one envelope, as `open` would, and says what it is.
    static func describe(_ id: EnvelopeID, session: RelaySession) async throws(ExchangeError) -> VerifiedDescriptions.Description {
        let verified = try await Receive.fetchVerified(id, session: session, keepAttachments: false)
        let sender = verified.opened.manifest.senderAgency
        let purpose = verified.conventions.purpose ?? "", urgency = verified.conventions.urgency?.rawValue ?? ""
        switch verified.conventions.kind {
        case .acknowledgement: return .acknowledgement
        case .decline: return .decline
        case .outcome: return .outcome
        case .request: return .request(sender: sender, purpose: purpose, urgency: urgency)
        case .record:
            let record = try? JSONParser.parse(verified.content)
            return .record(sender: sender, purpose: purpose, urgency: urgency, recordID: record?["id"]?.stringValue,
                           child: record?["subject"]?["name"]?.stringValue)
        }
    }

    /// The child's name in a record's JSON, if it gives one.
    static func child(of content: [UInt8]) -> String? {
        (try? JSONParser.parse(content))?["subject"]?["name"]?.stringValue
    }
}
