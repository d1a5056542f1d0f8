import Hummingbird
import SealpostCore
import SealpostExchange
import SealpostRecord

/// The inbox: records opened here (with the child's name and record reference, this agency's own
/// screen), what is waiting at the relay to be opened, and one record shown readably with
/// Acknowledge.
struct InboxPage {
    let app: WebApp

    struct Row {
        let href: String
        let reference: String
        let child: String
        let from: String
        let purpose: String
        let urgency: String
        let urgencyTag: String
        let received: String
        let state: String
        let stateTag: String
        /// The sender's record id, which re-sends of the record share.
        var recordID: String? = nil
        /// Earlier copies of the same record from the same sender (re-sends), newest first.
        var copies: [ResentCopy] = []
    }

    struct Model {
        let csrf: String
        let opened: [Row]
        let pagination: LogPagination
        let waiting: [RelayWaiting.Item]
        let relayProblem: String?
        let acknowledgementsWaiting: Int
        /// Requests for information opened here, each linking to its page (answer or decline).
        let requests: [RequestLists.Received]
    }

    func list(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            let purposeName = app.purposeNames()
            let agencyName = app.agencyNames()
            let acks = Dictionary(try exchange.acks.entries().map { ($0.envelopeID, $0) }, uniquingKeysWith: { a, _ in a })
            // Re-sends grouped first, then only the page's rows made (50 of what may be 1,000).
            let groups = try InboxEntryCache.shared.items(exchange.inbox).sorted {
                ($0.entry.receivedAt, $0.entry.envelopeID) > ($1.entry.receivedAt, $1.entry.envelopeID)
            }.groupingResends()
            let pagination = LogPagination(matching: groups.count, requested: request.formQuery["page"].flatMap { Int($0) },
                                           query: request.formQuery, size: 50, path: "/inbox", keep: [])
            let opened = pagination.page(of: groups).map { group -> Row in
                let entry = group[0].entry
                let child = group[0].child ?? "(name not shared)"
                let state = acks[entry.envelopeID].map { $0.state == .done ? "acknowledged" : "acknowledging" } ?? "not acknowledged"
                return Row(href: "/inbox/\(entry.envelopeID)", reference: entry.recordID ?? String(entry.envelopeID.prefix(12)), child: child,
                           from: agencyName(entry.sender), purpose: purposeName(entry.purpose), urgency: entry.urgency, urgencyTag: Tags.urgency(entry.urgency),
                           received: Format.time(seconds: entry.receivedAt), state: state,
                           stateTag: state == "acknowledged" ? "govuk-tag--green" : "govuk-tag--yellow", recordID: entry.recordID,
                           copies: group.dropFirst().map { ResentCopy(href: "/inbox/\($0.entry.envelopeID)", received: Format.time(seconds: $0.entry.receivedAt)) })
            }
            let relay = await RelayWaiting.fetch(app, exchange, purposeName: purposeName, agencyName: agencyName)
            // 50 records to a page: a triage list of 1,000 rows is neither readable nor quick to render.
            let model = Model(csrf: session.csrf, opened: Array(opened), pagination: pagination,
                              waiting: relay.items, relayProblem: relay.problem,
                              acknowledgementsWaiting: relay.acknowledgements, requests: try RequestLists.received(exchange, purposeName: purposeName))
            return app.pages.page("inbox", model, title: "Inbox", session: session, section: "/inbox")
        }
    }

    /// Fetches, verifies and stores one waiting envelope, then shows it.
    func open(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let fields = try await FormBody.read(request, context: context, limit: 4096)
        guard let text = fields.text("id"), let id = EnvelopeID(hex: text) else {
            return app.pages.problem(.badRequest, title: "No such record", message: "Choose a record from the inbox.", session: session)
        }
        let exchange = try app.context(session)
        let opened = try await app.withRelay(exchange) { relay in try await Receive.openAny(id, session: relay) }
        switch opened {
        case .record(let entry, _): return .redirect(to: "/inbox/\(entry.envelopeID)", type: .normal)
        case .request(let entry, _): return .redirect(to: "/requests/received/\(entry.envelopeID)", type: .normal)
        }
    }

    struct RecordModel {
        let csrf: String
        let envelopeID: String
        let record: RecordView
        let from: String
        let purpose: String
        let urgency: String
        let urgencyTag: String
        let received: String
        let sent: String
        let acknowledged: String?
        let justAcknowledged: Bool
        /// What this agency decided about the record (spec/web.md §Outcomes).
        let outcomes: RecordOutcomes
        let justRecordedOutcome: Bool
        /// The documents that came with it, each to download.
        let documents: [ReceivedDocuments.Row]
    }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            let id = context.parameters.get("id") ?? ""
            guard let entry = try exchange.inbox.entry(id), let bytes = exchange.inbox.content(entry.envelopeID),
                  let value = try? JSONParser.parse(bytes) else {
                return app.pages.problem(.notFound, title: "Record not found",
                                         message: "No record with that reference has been opened here. Go to the inbox to open it.", session: session)
            }
            let ack = try exchange.acks.entry(entry.envelopeID)
            let view = RecordView(value)
            let model = RecordModel(
                csrf: session.csrf, envelopeID: entry.envelopeID, record: view, from: app.agencyNames()(entry.sender), purpose: app.purposeNames()(entry.purpose),
                urgency: entry.urgency, urgencyTag: Tags.urgency(entry.urgency), received: Format.time(seconds: entry.receivedAt),
                sent: Format.time(seconds: entry.sentAt),
                acknowledged: ack.map { $0.state == .done ? "Acknowledged " + Format.time(seconds: $0.doneAt ?? $0.journalledAt) : "Acknowledgement being sent" },
                justAcknowledged: request.formQuery["acknowledged"] == "1",
                outcomes: RecordOutcomes(entry: entry, acknowledged: ack != nil, journal: try exchange.outcomes.entries(about: entry.envelopeID), app: app, exchange: exchange),
                justRecordedOutcome: request.formQuery["outcome"] == "1", documents: ReceivedDocuments.rows(entry))
            return app.pages.page("record", model, title: "Record \(view.reference)", session: session, section: "/inbox")
        }
    }

    func acknowledge(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context) { session, _, exchange in
            guard let (id, _) = try exchange.inbox.entry(routedBy: context) else {
                return app.pages.problem(.notFound, title: "Record not found", message: "Go to the inbox and choose the record.", session: session)
            }
            _ = try await app.withRelay(exchange) { relay in try await Acknowledge.acknowledge(id, session: relay) }
            return .redirect(to: "/inbox/\(id.description)?acknowledged=1", type: .normal)
        }
    }
}

extension InboxPage.RecordModel: ViewModel {
    var computed: [String: Any] { ["hasDocuments": !documents.isEmpty] }
}

extension InboxPage.Model: ViewModel {
    var computed: [String: Any] {
        ["hasOpened": !opened.isEmpty, "hasWaiting": !waiting.isEmpty, "hasAcknowledgementsWaiting": acknowledgementsWaiting > 0,
         "hasRequests": !requests.isEmpty]
    }
}
