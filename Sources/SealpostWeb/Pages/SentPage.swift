import Hummingbird
import SealpostExchange
import SealpostRecord

/// Each send's timeline: decided and sealed, deposited at the relay, acknowledged (by whom, when)
/// or expired; sends past their urgency's deadline marked overdue. "Check for acknowledgements"
/// collects what has arrived (and finishes sends the relay could not take earlier).
struct SentPage {
    let app: WebApp

    struct Step {
        let label: String
        let time: String
        let done: Bool
    }

    struct Row {
        let anchor: String
        let reference: String
        let recipient: String
        let purpose: String
        let urgency: String
        let urgencyTag: String
        let state: String
        let stateTag: String
        let overdue: Bool
        let due: String?
        let steps: [Step]
        let problem: String?
        /// Outcomes told, or when the first is due; whether the family is still to be told.
        let outcome: SentOutcomes
    }

    struct Model {
        let csrf: String
        let sends: [Row]
        let checked: String?
    }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            let now = app.now
            let purposeName = app.purposeNames()
            let agencyName = app.agencyNames()
            let deadlines = app.deadlines()
            let outcomeDetails = OutcomeDetails(exchange)
            let rows = try exchange.outbox.entries().sorted { $0.sealedAt > $1.sealedAt }.map { e -> Row in
                let urgency = SafeguardingRecord.Concern.Urgency(rawValue: e.urgency) ?? .routine
                let deadline = deadlines.acknowledgementDue(receivedAt: e.sealedAt, urgency: urgency)
                let outcome = SentOutcomes(e, details: outcomeDetails, deadlines: deadlines, now: now)
                let open = e.isOpen
                let recipient = agencyName(e.recipient)
                var steps = [Step(label: "Decided and sealed", time: Format.time(seconds: e.sealedAt), done: true),
                             Step(label: "Taken by the relay", time: e.receipt.map { Format.time(seconds: $0.depositedAt) } ?? "not yet",
                                  done: e.receipt != nil)]
                switch e.state {
                case .acknowledged:
                    steps.append(Step(label: "Acknowledged by \(recipient)",
                                      time: e.acknowledgement.map { Format.time(seconds: $0.acknowledgedAt) } ?? "", done: true))
                case .expired:
                    steps.append(Step(label: "Expired at the relay, never collected", time: Format.time(seconds: e.expiredAt ?? 0), done: true))
                case .sealed, .deposited:
                    steps.append(Step(label: "Acknowledged by \(recipient)", time: "not yet", done: false))
                }
                steps += outcome.lines.map { Step(label: "Outcome: \($0.decision)", time: $0.decided, done: true) }
                if let due = outcome.outcomeDue { steps.append(Step(label: "Outcome from \(recipient)", time: due, done: false)) }
                return Row(anchor: "e-\(e.envelopeID)", reference: e.recordID ?? String(e.envelopeID.prefix(12)), recipient: recipient,
                           purpose: purposeName(e.purpose), urgency: e.urgency, urgencyTag: Tags.urgency(e.urgency), state: e.state.rawValue,
                           stateTag: Tags.state(e.state.rawValue), overdue: open && deadline <= now,
                           due: open ? Format.due(deadline, now: now) : nil, steps: steps, problem: e.state == .sealed ? e.lastError : nil,
                           outcome: outcome)
            }
            let q = request.formQuery
            let checked = q["checked"].flatMap { Int($0) }.map { acknowledged in
                "Checked the relay: " + Format.count(acknowledged, "new acknowledgement")
                    + (q["outcomes"].flatMap { Int($0) }.map { ", " + Format.count($0, "new outcome") } ?? "") + "."
            }
                ?? q["told"].map { _ in "Recorded that the family has been told." }
            let model = Model(csrf: session.csrf, sends: rows, checked: checked)
            return app.pages.page("sent", model, title: "Sent", session: session, section: "/sent")
        }
    }

    func sync(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context) { session, _, exchange in
            let report = try await app.withRelay(exchange, finishPending: true) { relay in try await Sync.run(session: relay) }
            return .redirect(to: "/sent?checked=\(report.acknowledged.count)&outcomes=\(report.outcomes.count)", type: .normal)
        }
    }
}

enum SentTemplates {
    static let sent = """
    <h1 class="govuk-heading-l">Sent</h1>
    {{#checked}}<div class="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="checked-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="checked-title">Done</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{{checked}}</p></div></div>{{/checked}}
    <form method="post" action="/sent/sync"><input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="govuk-button govuk-button--secondary">Check for acknowledgements and outcomes</button></form>
    {{^hasSends}}<p class="govuk-body">Nothing has been sent from here yet.</p>{{/hasSends}}
    {{#sends}}
    <div class="sp-send" id="{{anchor}}">
      <h2 class="govuk-heading-m">{{reference}} to {{recipient}}</h2>
      <p class="govuk-body"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong> <strong class="govuk-tag {{stateTag}}">{{state}}</strong>
        {{#overdue}}<strong class="govuk-tag govuk-tag--red">Overdue</strong>{{/overdue}} {{purpose}} {{#due}}({{due}}){{/due}}</p>
      {{#problem}}<p class="govuk-body">Not yet taken by the relay: {{problem}}. It is sent when the relay can be reached.</p>{{/problem}}
      <ol class="sp-timeline">{{#steps}}<li class="sp-timeline__step{{#done}} sp-timeline__step--done{{/done}}"><span class="sp-timeline__label">{{label}}</span> <span class="sp-timeline__time">{{time}}</span></li>{{/steps}}</ol>
      {{#outcome}}{{> sent-outcomes}}{{/outcome}}
    </div>
    {{/sends}}
    """
}

extension SentPage.Model: ViewModel {
    var computed: [String: Any] { ["hasSends": !sends.isEmpty] }
}
