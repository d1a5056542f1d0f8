import Hummingbird
import SealpostExchange
import SealpostRecord

/// What needs attention, most urgent first: records and requests waiting at the relay to be
/// opened, overdue sends, records received and not yet acknowledged, requests to answer, with
/// counts linking to their lists. A new referral is the most urgent thing a MASH can have, and it
/// waits at the relay until it is opened, so Home asks the relay (one signed listing request) and
/// says so when it cannot be reached.
struct HomePage {
    let app: WebApp

    struct Section {
        let id: String
        let title: String
        let agencyHeading: String
        let empty: String
        let items: [WorkRow]
    }

    /// One count, linking to the list (WorkListPage) that shows exactly what it counts.
    struct Count {
        let number: Int
        let label: String
        let href: String
        let alert: Bool
    }

    struct Model {
        /// Records and requests at the relay, not yet opened (empty too when the relay could not be asked).
        let waiting: [RelayWaiting.Item]
        /// Nil when the relay could not be asked.
        let waitingCount: Count?
        /// Envelopes at the relay that cannot be opened; nil when there are none.
        let refusedCount: Count?
        let relayProblem: String?
        let counts: [Count]
        let sections: [Section]
        /// Referrals being written here (counted from the file names; nothing is opened).
        let draftsCount: Int
        let csrf: String
    }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session, session.signedIn != nil else { return .redirect(to: "/sign-in", type: .normal) }
        let work = try app.waitingWork()
        let now = app.now
        let purposeName = app.purposeNames()
        let agencyName = app.agencyNames()
        // Home shows what is kept here even when the exchange cannot be loaded (no agreement yet).
        let relay: RelayWaiting
        do {
            relay = await RelayWaiting.fetch(app, try app.context(session), purposeName: purposeName, agencyName: agencyName, glance: true)
        } catch let error as ExchangeError {
            relay = RelayWaiting(problem: error.message + (error.hint.map { " " + $0 } ?? ""))
        }
        let toOpen = relay.toOpen
        let waitingCount = relay.problem == nil
            ? Count(number: toOpen.count, label: "waiting to be opened", href: "/inbox#waiting", alert: relay.hasUrgent) : nil
        // An envelope that cannot be opened (its sender is no party, it does not verify) is shown, never silently left.
        let refusedCount = relay.refused.isEmpty ? nil
            : Count(number: relay.refused.count, label: "cannot be opened", href: "/inbox#waiting", alert: true)
        func item(_ w: WaitingWork.Item, href: String) -> WorkRow {
            WorkRow(w, href: href, reference: String(w.envelopeID.prefix(12)), purposeName: purposeName, agencyName: agencyName,
                    due: Format.due(w.due, now: now), overdue: w.isOverdue(at: now))
        }
        let counts = [("overdue", "overdue"), ("to-acknowledge", "received, not yet acknowledged"),
                      ("outcomes-to-record", "received, outcome to record"), ("awaiting-acknowledgement", "sent, waiting for acknowledgement"),
                      ("outcomes-due", "sent, outcome due"), ("requests-to-answer", "requests to answer"),
                      ("family-to-tell", "families to be told")].compactMap { name, label -> Count? in
            guard let list = WorkListPage.list(name) else { return nil }
            let number = list.items(work, now).count
            // The card reads "1 request to answer", "2 requests to answer".
            let singular = ["requests to answer": "request to answer", "families to be told": "family to be told"][label] ?? label
            return Count(number: number, label: number == 1 ? singular : label, href: "/work/\(name)", alert: name == "overdue" && number > 0)
        }
        // The first 20 of three work lists, with the lists' own titles, headings and links.
        let shown = [("received", "to-acknowledge"), ("sent", "awaiting-acknowledgement"), ("requests", "requests-to-answer")]
        let sections = shown.compactMap { id, name -> Section? in
            guard let list = WorkListPage.list(name) else { return nil }
            return Section(id: id, title: list.title, agencyHeading: list.agencyHeading, empty: list.empty,
                           items: list.items(work, now).prefix(20).map { w, kind in item(w, href: kind.href(w)) })
        }
        let model = Model(waiting: Array(toOpen.prefix(20)), waitingCount: waitingCount, refusedCount: refusedCount, relayProblem: relay.problem,
                          counts: counts, sections: sections, draftsCount: Drafts(home: app.home).count,
                          csrf: session.csrf)
        return app.pages.page("home", model, title: "What needs attention", session: session, section: "/")
    }
}

enum HomeTemplates {
    static let home = """
    <h1 class="govuk-heading-l">What needs attention</h1>
    {{#relayProblem}}
    <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>Records waiting at the relay to be opened are not counted: {{relayProblem}}</strong></div>
    {{/relayProblem}}
    <form method="post" action="/referrals/new"><input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="govuk-button">New referral</button></form>
    <ul class="sp-counts">
      {{#waitingCount}}<li><a class="sp-count{{#alert}} sp-count--alert{{/alert}}" href="{{href}}"><span class="sp-count__number">{{number}}</span> {{label}}</a></li>{{/waitingCount}}
      {{#refusedCount}}<li><a class="sp-count sp-count--alert" href="{{href}}"><span class="sp-count__number">{{number}}</span> {{label}}</a></li>{{/refusedCount}}
      {{#counts}}<li><a class="sp-count{{#alert}} sp-count--alert{{/alert}}" href="{{href}}"><span class="sp-count__number">{{number}}</span> {{label}}</a></li>{{/counts}}
      <li><a class="sp-count" href="/referrals#drafts"><span class="sp-count__number">{{draftsCount}}</span> {{draftsLabel}}</a></li>
    </ul>
    {{#hasWaiting}}
    <h2 class="govuk-heading-m" id="waiting">Waiting to be opened</h2>
    <p class="govuk-body">Opening a record checks who sent it and that it was not changed, and records it in your receipt log.</p>
    {{> relay-waiting}}
    {{/hasWaiting}}
    {{#sections}}
    <h2 class="govuk-heading-m" id="{{id}}">{{title}}</h2>
    {{#hasItems}}
    <div class="sp-table" role="region" aria-label="{{title}}" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Reference</th><th scope="col" class="govuk-table__header">{{agencyHeading}}</th>
        <th scope="col" class="govuk-table__header">Purpose</th><th scope="col" class="govuk-table__header">Urgency</th>
        <th scope="col" class="govuk-table__header">Due</th></tr></thead>
      <tbody class="govuk-table__body">
      {{#items}}<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{{href}}">{{reference}}</a></td>
        <td class="govuk-table__cell">{{agency}}</td><td class="govuk-table__cell">{{purpose}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></td>
        <td class="govuk-table__cell">{{#overdue}}<strong class="govuk-tag govuk-tag--red">Overdue</strong> {{/overdue}}{{due}}</td></tr>{{/items}}
      </tbody>
    </table></div>
    {{/hasItems}}
    {{^hasItems}}<p class="govuk-body">{{empty}}</p>{{/hasItems}}
    {{/sections}}
    """
}

extension HomePage.Section: ViewModel {
    var computed: [String: Any] { ["hasItems": !items.isEmpty] }
}

extension HomePage.Model: ViewModel {
    var computed: [String: Any] { ["hasWaiting": !waiting.isEmpty, "draftsLabel": draftsCount == 1 ? "draft" : "drafts"] }
}
