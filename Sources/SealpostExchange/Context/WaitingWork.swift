import SealpostAgreement
import SealpostCore
import SealpostRecord

/// What is waiting on whom (`sealpost status`, the app's home page), from the home's outbox,
/// inbox and journals, without the relay: sends not yet acknowledged, records opened here and not
/// yet acknowledged, outcomes not yet told on either side, requests not yet answered on either
/// side. Each list comes overdue first, then by urgency, then oldest first.
///
/// Deadlines come from the agreement (`ResponseDeadlines`): an acknowledgement is due by the
/// earlier of the urgency's own clock and the agreement's working days from when the record was
/// sent (the sender's view) or opened (the recipient's); an outcome is due within the agreement's
/// working days of when the recipient stored the record, which the sender learns from the
/// acknowledgement.
public struct WaitingWork: Sendable {
    public struct Item: Sendable, Equatable {
        public let envelopeID: String
        public let messageID: String
        /// The agency it went to, or came from.
        public let agency: String
        public let purpose: String
        public let urgency: String
        /// Unix seconds: when it was sealed here, or opened here (for an outcome: when the recipient stored it).
        public let since: Int64
        /// Unix seconds: when the acknowledgement, outcome or answer is due.
        public let due: Int64
        /// A send or request sealed but not yet taken by the relay.
        public let notYetDeposited: Bool
        /// For an outcome: the outcomes already told (codes, oldest first); more may follow.
        public let outcomes: [String]
        /// The sender's reference for the record, when it has one.
        public var recordID: String?

        init(envelopeID: String, messageID: String, agency: String, purpose: String, urgency: String, since: Int64, due: Int64,
             notYetDeposited: Bool = false, outcomes: [String] = []) {
            (self.envelopeID, self.messageID, self.agency, self.purpose) = (envelopeID, messageID, agency, purpose)
            (self.urgency, self.since, self.due, self.notYetDeposited) = (urgency, since, due, notYetDeposited)
            self.outcomes = outcomes
        }

        public func isOverdue(at now: Int64) -> Bool { due <= now }

        var level: SafeguardingRecord.Concern.Urgency { SafeguardingRecord.Concern.Urgency(rawValue: urgency) ?? .routine }
        var rank: Int { level.rank }
    }

    /// Unix seconds the lists were made at.
    public let now: Int64
    public let deadlines: ResponseDeadlines
    public let sendsAwaitingAcknowledgement: [Item]
    /// Sends acknowledged whose recipient has not yet told its outcome.
    public let sendsAwaitingOutcome: [Item]
    public let recordsToAcknowledge: [Item]
    /// Records opened here for which no outcome has been recorded.
    public let recordsAwaitingOutcome: [Item]
    /// Records sent saying the family will be told, not yet recorded as told: one item per record.
    public let familyToBeTold: [Item]
    public let requestsAwaitingAnswer: [Item]
    public let requestsToAnswer: [Item]

    /// Reads the home's stores as they stand at `now`, with the deadlines of the agreement in force.
    public init(home: Home, now: Int64, deadlines: ResponseDeadlines = .standard) throws(ExchangeError) {
        self.now = now
        self.deadlines = deadlines
        let outbox = try Outbox(home: home).entries()
        let acknowledged = Set(try AckJournal(home: home).entries().filter { $0.state == .done }.map(\.envelopeID))
        let decided = Set(try OutcomeJournal(home: home).entries().map(\.envelopeID))
        let declines = DeclineJournal(home: home)
        var toAnswer: [InboxEntry] = []
        for request in try Inbox.requests(home: home).entries() where try declines.entry(request.envelopeID) == nil {
            if !outbox.contains(where: { $0.inAnswerTo == request.messageID && $0.recipient == request.sender }) { toAnswer.append(request) }
        }
        let order = { (a: Item, b: Item) -> Bool in
            (a.isOverdue(at: now) ? 0 : 1, a.rank, a.since) < (b.isOverdue(at: now) ? 0 : 1, b.rank, b.since)
        }
        func acknowledgement(_ item: Item) -> Item {
            item.with(due: deadlines.acknowledgementDue(receivedAt: item.since, urgency: item.level))
        }
        sendsAwaitingAcknowledgement = outbox.filter(\.isOpen).map(Item.init(sent:)).map(acknowledgement).sorted(by: order)
        sendsAwaitingOutcome = outbox.filter { $0.state == .acknowledged && ($0.outcomes ?? []).isEmpty }.map { entry in
            let since = entry.acknowledgement?.receivedAt ?? entry.sealedAt
            let item = Item(sent: entry)
            return Item(envelopeID: item.envelopeID, messageID: item.messageID, agency: item.agency, purpose: item.purpose,
                        urgency: item.urgency, since: since, due: deadlines.outcomeDue(receivedAt: since, urgency: item.level))
        }.sorted(by: order)
        var seen = Set<String>()
        familyToBeTold = outbox.filter { $0.familyToBeTold == true && $0.familyToldAt == nil }.compactMap { entry in
            guard seen.insert(entry.recordID ?? entry.envelopeID).inserted else { return nil }
            var item = Item(sent: entry)
            item.recordID = entry.recordID
            return item
        }
        let inbox = try Inbox(home: home).entries()
        recordsToAcknowledge = inbox.filter { !acknowledged.contains($0.envelopeID) }.map(Item.init(received:)).map(acknowledgement)
            .sorted(by: order)
        recordsAwaitingOutcome = inbox.filter { !decided.contains($0.envelopeID) }.map(Item.init(received:)).map { item in
            item.with(due: deadlines.outcomeDue(receivedAt: item.since, urgency: item.level))
        }.sorted(by: order)
        requestsAwaitingAnswer = try Outbox.requests(home: home).entries().filter { $0.isOpen && $0.answer == nil }
            .map(Item.init(sent:)).map(acknowledgement).sorted(by: order)
        requestsToAnswer = toAnswer.map(Item.init(received:)).map(acknowledgement).sorted(by: order)
    }
}

extension WaitingWork.Item {
    init(sent e: OutboxEntry) {
        self.init(envelopeID: e.envelopeID, messageID: e.messageID, agency: e.recipient, purpose: e.purpose, urgency: e.urgency,
                  since: e.sealedAt, due: e.sealedAt, notYetDeposited: e.state == .sealed, outcomes: (e.outcomes ?? []).map(\.decision))
    }

    init(received e: InboxEntry) {
        self.init(envelopeID: e.envelopeID, messageID: e.messageID, agency: e.sender, purpose: e.purpose, urgency: e.urgency,
                  since: e.receivedAt, due: e.receivedAt)
    }

    func with(due: Int64) -> Self {
        Self(envelopeID: envelopeID, messageID: messageID, agency: agency, purpose: purpose, urgency: urgency, since: since, due: due,
             notYetDeposited: notYetDeposited, outcomes: outcomes)
    }
}
