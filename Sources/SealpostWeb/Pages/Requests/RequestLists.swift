import SealpostCore
import SealpostExchange
import SealpostLedger

/// The rows of the Requests page (and the Inbox's requests): requests this agency asked, with
/// their answers (a record, a decline with its reasons, or still waiting), and requests it was
/// asked, with whether they are answered. The child's name and the reasons come from the receipt
/// log's details, the only place this agency keeps them besides the sealed envelopes.
enum RequestLists {
    /// The words for a decline reason's code.
    static let reasonWords: [String: String] = [
        "not_held": "Nothing is held about this child", "not_identified": "The child could not be identified with confidence",
        "no_lawful_basis": "No lawful basis to share for this purpose", "not_necessary": "Not necessary or not proportionate",
        "risk_to_child": "Sharing would put the child at greater risk", "risk_to_others": "Sharing would put someone else at risk",
        "prejudice_to_investigation": "Sharing would prejudice an investigation", "third_party_information":
            "What is held is mainly about other people", "other": "Another reason",
    ]

    static func words(_ code: String) -> String { reasonWords[code] ?? code.replacingOccurrences(of: "_", with: " ") }

    struct Asked {
        let anchor: String
        let reference: String
        let to: String
        let child: String
        let purpose: String
        let urgency: String
        let urgencyTag: String
        let asked: String
        let state: String
        let stateTag: String
        let answerHref: String?
        let declineReasons: [String]
        let declineWhy: String?
    }

    struct Received {
        let href: String
        let reference: String
        let from: String
        let child: String
        let purpose: String
        let urgency: String
        let urgencyTag: String
        let received: String
        let state: String
        let stateTag: String
    }

    /// What the log says about requests: the child of each request sent (by message id) and each
    /// decline received (by the request's message id).
    struct LogIndex {
        var childOfSent: [String: String] = [:]
        var declines: [String: (reasons: [String], why: String?)] = [:]

        init(_ exchange: ExchangeContext) {
            guard let ledger = try? exchange.ledger() else { return }
            for entry in ledger.entries {
                switch entry.facts {
                case .requestSent(let facts):
                    if let name = entry.details?.subject?.name { childOfSent[facts.envelope.messageID] = name }
                case .declined(let facts):
                    if let id = facts.inAnswerTo { declines[id] = (facts.reasons, entry.details?.reason) }
                default: break
                }
            }
        }
    }

    static func asked(_ exchange: ExchangeContext, purposeName: PurposeNames) throws -> [Asked] {
        let index = LogIndex(exchange)
        return try exchange.requestsOut.entries().sorted { $0.sealedAt > $1.sealedAt }.map { e in
            var state = "waiting", tag = "govuk-tag--yellow", href: String?
            var reasons: [String] = [], why: String?
            switch (e.answer?.kind, e.state) {
            case (.declined?, _):
                state = "declined"; tag = "govuk-tag--red"
                if let d = index.declines[e.messageID] { reasons = d.reasons.map(words); why = d.why }
            case (.answered?, _):
                state = "answered with a record"; tag = "govuk-tag--green"; href = e.answer.map { "/inbox/\($0.envelopeID)" }
            case (nil, .sealed): state = "not yet taken by the relay"
            case (nil, .expired): state = "expired at the relay, never collected"; tag = "govuk-tag--grey"
            default: break
            }
            return Asked(anchor: "r-\(e.envelopeID)", reference: String(e.envelopeID.prefix(12)), to: exchange.agreement.party(e.recipient)?.name ?? e.recipient,
                         child: index.childOfSent[e.messageID] ?? "(see the receipt log)", purpose: purposeName(e.purpose), urgency: e.urgency,
                         urgencyTag: Tags.urgency(e.urgency), asked: Format.time(seconds: e.sealedAt), state: state, stateTag: tag,
                         answerHref: href, declineReasons: reasons, declineWhy: why)
        }
    }

    /// Whether a request opened here is answered: "declined", "answered with a record", or "to answer".
    static func answerState(_ request: InboxEntry, exchange: ExchangeContext) throws -> (state: String, tag: String) {
        if try exchange.declines.entry(request.envelopeID) != nil { return ("declined", "govuk-tag--red") }
        if try Decline.answeringSend(of: request, context: exchange) != nil { return ("answered with a record", "govuk-tag--green") }
        return ("to answer", "govuk-tag--yellow")
    }

    static func received(_ exchange: ExchangeContext, purposeName: PurposeNames) throws -> [Received] {
        try exchange.requestsIn.entries().sorted { $0.receivedAt > $1.receivedAt }.map { e in
            let request = exchange.requestsIn.content(e.envelopeID).flatMap { try? InformationRequest(decoding: $0) }
            let (state, tag) = try answerState(e, exchange: exchange)
            return Received(href: "/requests/received/\(e.envelopeID)", reference: String(e.envelopeID.prefix(12)), from: exchange.agreement.party(e.sender)?.name ?? e.sender,
                            child: request?.subject.name ?? "(cannot be read)", purpose: purposeName(e.purpose), urgency: e.urgency,
                            urgencyTag: Tags.urgency(e.urgency), received: Format.time(seconds: e.receivedAt), state: state, stateTag: tag)
        }
    }
}

extension RequestLists.Asked: ViewModel {
    var computed: [String: Any] { ["hasDeclineReasons": !declineReasons.isEmpty] }
}
