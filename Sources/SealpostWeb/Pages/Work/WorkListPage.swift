import Hummingbird
import SealpostExchange

/// The lists behind Home's counts (`/work/NAME`): each shows every item its count counts, no more
/// and no fewer, from the same `WaitingWork` with the agreement's deadlines, so a count and the
/// list it links to cannot disagree.
struct WorkListPage {
    let app: WebApp

    /// One list: its name in the address, its title, and how it picks and links items.
    struct List: Sendable {
        let name: String
        let title: String
        let agencyHeading: String
        let empty: String
        let items: @Sendable (WaitingWork, Int64) -> [(WaitingWork.Item, Kind)]
    }

    /// What kind of work an item is, which says where it links.
    enum Kind: String, Sendable {
        case toAcknowledge = "Received, to acknowledge"
        case awaitingAcknowledgement = "Sent, waiting for acknowledgement"
        case outcomeToRecord = "Received, outcome to record"
        case outcomeAwaited = "Sent, waiting for an outcome"
        case requestToAnswer = "Request to answer"
        case requestAwaitingAnswer = "Request waiting for an answer"
        case familyToTell = "Family to be told"

        func href(_ item: WaitingWork.Item) -> String {
            switch self {
            case .toAcknowledge, .outcomeToRecord: "/inbox/\(item.envelopeID)"
            case .awaitingAcknowledgement, .outcomeAwaited, .familyToTell: "/sent#e-\(item.envelopeID)"
            case .requestToAnswer: "/requests/received/\(item.envelopeID)"
            case .requestAwaitingAnswer: "/requests#r-\(item.envelopeID)"
            }
        }
    }

    static func tagged(_ items: [WaitingWork.Item], _ kind: Kind) -> [(WaitingWork.Item, Kind)] { items.map { ($0, kind) } }

    static let lists: [List] = [
        List(name: "overdue", title: "Overdue", agencyHeading: "Agency", empty: "Nothing is overdue.") { w, now in
            let all = tagged(w.recordsToAcknowledge, .toAcknowledge) + tagged(w.sendsAwaitingAcknowledgement, .awaitingAcknowledgement)
                + tagged(w.recordsAwaitingOutcome, .outcomeToRecord) + tagged(w.sendsAwaitingOutcome, .outcomeAwaited)
                + tagged(w.requestsToAnswer, .requestToAnswer)
            return all.filter { $0.0.isOverdue(at: now) }.sorted { $0.0.due < $1.0.due }
        },
        List(name: "to-acknowledge", title: "Received, not yet acknowledged", agencyHeading: "From",
             empty: "Every record opened here has been acknowledged.") { w, _ in tagged(w.recordsToAcknowledge, .toAcknowledge) },
        List(name: "outcomes-to-record", title: "Received, outcome to record", agencyHeading: "From",
             empty: "An outcome is recorded for every record opened here.") { w, _ in tagged(w.recordsAwaitingOutcome, .outcomeToRecord) },
        List(name: "awaiting-acknowledgement", title: "Sent, waiting for acknowledgement", agencyHeading: "To",
             empty: "Every record sent from here has been acknowledged.") { w, _ in tagged(w.sendsAwaitingAcknowledgement, .awaitingAcknowledgement) },
        List(name: "outcomes-due", title: "Sent, acknowledged, outcome due", agencyHeading: "To",
             empty: "No acknowledged send is waiting for an outcome.") { w, _ in tagged(w.sendsAwaitingOutcome, .outcomeAwaited) },
        List(name: "requests-to-answer", title: "Requests for information to answer", agencyHeading: "From",
             empty: "No requests are waiting for an answer.") { w, _ in tagged(w.requestsToAnswer, .requestToAnswer) },
        List(name: "family-to-tell", title: "Family to be told", agencyHeading: "To",
             empty: "No record is waiting for the family to be told.") { w, _ in tagged(w.familyToBeTold, .familyToTell) },
    ]

    static func list(_ name: String) -> List? { lists.first { $0.name == name } }

    struct Model {
        let title: String
        let agencyHeading: String
        let empty: String
        let count: Int
        let rows: [WorkRow]
    }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        guard let list = Self.list(context.parameters.get("list") ?? "") else {
            return app.pages.problem(.notFound, title: "Page not found", message: "Start again from the home page.", session: session)
        }
        let work = try app.waitingWork()
        let now = app.now
        let purposeName = app.purposeNames()
        let agencyName = app.agencyNames()
        let familyList = list.name == "family-to-tell"
        let rows = list.items(work, now).map { item, kind in
            WorkRow(item, href: kind.href(item), reference: item.recordID ?? String(item.envelopeID.prefix(12)), kind: kind.rawValue,
                    purposeName: purposeName, agencyName: agencyName, due: familyList ? "when it is safe" : Format.due(item.due, now: now),
                    overdue: !familyList && item.isOverdue(at: now))
        }
        let model = Model(title: list.title, agencyHeading: list.agencyHeading, empty: list.empty, count: rows.count, rows: rows)
        return app.pages.page("work-list", model, title: list.title, session: session, section: "/")
    }
}

extension WorkListPage.Model: ViewModel {
    var computed: [String: Any] { ["hasRows": !rows.isEmpty, "countText": Format.count(count, "item") + (count > 1 ? ", most urgent first" : "")] }
}

func addWorkListRoutes(_ router: Router<WebContext>, app: WebApp) {
    let page = WorkListPage(app: app)
    router.get("/work/:list") { request, context in try await page.show(request, context: context) }
}

enum WorkListTemplates {
    static let all: [(String, String)] = [("work-list", list)]

    static let list = """
    <span class="govuk-caption-l">What needs attention</span>
    <h1 class="govuk-heading-l">{{title}}</h1>
    {{#hasRows}}
    <p class="govuk-body" id="work-count">{{countText}}.</p>
    <div class="sp-table" role="region" aria-label="{{title}}" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Reference</th><th scope="col" class="govuk-table__header">What</th>
        <th scope="col" class="govuk-table__header">{{agencyHeading}}</th><th scope="col" class="govuk-table__header">Purpose</th>
        <th scope="col" class="govuk-table__header">Urgency</th><th scope="col" class="govuk-table__header">Due</th></tr></thead>
      <tbody class="govuk-table__body">
      {{#rows}}<tr class="govuk-table__row sp-work-item"><td class="govuk-table__cell"><a class="govuk-link" href="{{href}}">{{reference}}</a></td>
        <td class="govuk-table__cell">{{kind}}</td><td class="govuk-table__cell">{{agency}}</td><td class="govuk-table__cell">{{purpose}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></td>
        <td class="govuk-table__cell">{{#overdue}}<strong class="govuk-tag govuk-tag--red">Overdue</strong> {{/overdue}}{{due}}</td></tr>{{/rows}}
      </tbody>
    </table></div>
    {{/hasRows}}
    {{^hasRows}}<p class="govuk-body">{{empty}}</p>{{/hasRows}}
    <p class="govuk-body"><a class="govuk-link" href="/">Back to what needs attention</a></p>
    """
}
