/// What became of each message, from later entries about it: a `sent` is acknowledged or expired;
/// a request is answered with a record, declined, or expired.
public struct MessageStatus: Sendable {
    public enum State: String, Sendable {
        /// Sent or asked, nothing back yet.
        case waiting
        case acknowledged
        case expired
        /// A request answered with a record.
        case answered
        /// A request declined.
        case declined
        /// A decision that is complete in itself (refused, received, share decided, ...).
        case recorded
    }

    /// How a request was answered, and when (Unix ms).
    public struct Answer: Sendable, Equatable {
        public let declined: Bool
        public let at: Int64
    }

    /// When each message (by message id) was acknowledged, in Unix ms.
    public private(set) var acknowledgedAt: [String: Int64] = [:]
    private var expired: Set<String> = []
    /// How each request (by message id) was answered.
    public private(set) var answers: [String: Answer] = [:]
    /// The outcomes of each record (by message id), in log order: the decision's code and when
    /// it was logged (Unix ms).
    public private(set) var outcomes: [String: [(decision: String, at: Int64)]] = [:]

    public init(_ entries: [LedgerEntry]) {
        for entry in entries {
            switch entry.facts {
            case .acknowledged(let f): acknowledgedAt[f.delivery.envelope.messageID] = entry.at
            case .expired(let f): expired.insert(f.delivery.envelope.messageID)
            case .outcome(let f): outcomes[f.delivery.envelope.messageID, default: []].append((f.decision, entry.at))
            case .declined(let f):
                if let request = f.inAnswerTo { answers[request] = Answer(declined: true, at: entry.at) }
            case .sent, .received:
                if let request = entry.facts.inAnswerTo, answers[request] == nil { answers[request] = Answer(declined: false, at: entry.at) }
            default: break
            }
        }
    }

    public func state(of entry: LedgerEntry) -> State {
        switch entry.facts {
        case .sent(let f): return outcome(f.envelope.messageID) ?? .waiting
        case .requestSent(let f): return answerState(f.envelope.messageID) ?? outcome(f.envelope.messageID) ?? .waiting
        case .requestReceived(let f): return answerState(f.envelope.messageID) ?? outcome(f.envelope.messageID) ?? .waiting
        default: return .recorded
        }
    }

    /// `answered` or `declined` for a request that was, else nil.
    public func answerState(_ message: String) -> State? {
        answers[message].map { $0.declined ? .declined : .answered }
    }

    private func outcome(_ message: String) -> State? {
        acknowledgedAt[message] != nil ? .acknowledged : expired.contains(message) ? .expired : nil
    }
}
