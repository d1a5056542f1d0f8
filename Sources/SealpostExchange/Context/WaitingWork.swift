import SealpostCore
import SealpostRecord

/// What is waiting on whom (`sealpost status`, the app's home page), from the home's outbox,
/// inbox and journals, without the relay: sends not yet acknowledged, records opened here and not
/// yet acknowledged, requests not yet answered on either side. Each list comes overdue first,
/// then by urgency, then oldest first; the deadline is the urgency's
/// (`Concern.Urgency.acknowledgementDeadline`).
public struct WaitingWork: Sendable {
    public struct Item: Sendable, Equatable {
        public let envelopeID: String
        public let messageID: String
        /// The agency it went to, or came from.
        public let agency: String
        public let purpose: String
        public let urgency: String
        /// Unix seconds: when it was sealed here, or opened here.
        public let since: Int64
        /// Unix seconds: when the acknowledgement or answer is due.
        public let due: Int64
        /// A send or request sealed but not yet taken by the relay.
        public let notYetDeposited: Bool

        init(envelopeID: String, messageID: String, agency: String, purpose: String, urgency: String, since: Int64,
             notYetDeposited: Bool = false) {
            self.envelopeID = envelopeID
            self.messageID = messageID
            self.agency = agency
            self.purpose = purpose
            self.urgency = urgency
            self.since = since
            let level = SafeguardingRecord.Concern.Urgency(rawValue: urgency) ?? .routine
            due = since + level.acknowledgementDeadline
            self.notYetDeposited = notYetDeposited
        }

        public func isOverdue(at now: Int64) -> Bool { due <= now }

        var rank: Int { (SafeguardingRecord.Concern.Urgency(rawValue: urgency) ?? .routine).rank }
    }

    /// Unix seconds the lists were made at.
    public let now: Int64
    public let sendsAwaitingAcknowledgement: [Item]
    public let recordsToAcknowledge: [Item]
    public let requestsAwaitingAnswer: [Item]
    public let requestsToAnswer: [Item]

    /// Reads the home's stores as they stand at `now`.
    public init(home: Home, now: Int64) throws(ExchangeError) {
        self.now = now
        let outbox = try Outbox(home: home).entries()
        let acknowledged = Set(try AckJournal(home: home).entries().filter { $0.state == .done }.map(\.envelopeID))
        let declines = DeclineJournal(home: home)
        var toAnswer: [InboxEntry] = []
        for request in try Inbox.requests(home: home).entries() where try declines.entry(request.envelopeID) == nil {
            if !outbox.contains(where: { $0.inAnswerTo == request.messageID && $0.recipient == request.sender }) { toAnswer.append(request) }
        }
        let order = { (a: Item, b: Item) -> Bool in
            (a.isOverdue(at: now) ? 0 : 1, a.rank, a.since) < (b.isOverdue(at: now) ? 0 : 1, b.rank, b.since)
        }
        sendsAwaitingAcknowledgement = outbox.filter(\.isOpen).map(Item.init(sent:)).sorted(by: order)
        recordsToAcknowledge = try Inbox(home: home).entries().filter { !acknowledged.contains($0.envelopeID) }
            .map(Item.init(received:)).sorted(by: order)
        requestsAwaitingAnswer = try Outbox.requests(home: home).entries().filter { $0.isOpen && $0.answer == nil }
            .map(Item.init(sent:)).sorted(by: order)
        requestsToAnswer = toAnswer.map(Item.init(received:)).sorted(by: order)
    }
}

extension WaitingWork.Item {
    init(sent e: OutboxEntry) {
        self.init(envelopeID: e.envelopeID, messageID: e.messageID, agency: e.recipient, purpose: e.purpose, urgency: e.urgency,
                  since: e.sealedAt, notYetDeposited: e.state == .sealed)
    }

    init(received e: InboxEntry) {
        self.init(envelopeID: e.envelopeID, messageID: e.messageID, agency: e.sender, purpose: e.purpose, urgency: e.urgency,
                  since: e.receivedAt)
    }
}
