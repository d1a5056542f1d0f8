import SealpostExchange

/// What waits at the relay for this agency, as the inbox and Home show it: records and requests
/// to open, envelopes that cannot be opened (with why), and how many acknowledgements of this
/// agency's own sends wait to be collected; or, when the relay could not be asked, why not.
///
/// Asking costs one signed listing request, plus fetching and verifying each envelope the app has
/// not verified before (`VerifiedDescriptions`: an envelope's bytes never change), so the purpose
/// and urgency shown are the ones its sender signed. It changes nothing here, so it takes no lock
/// on the home: it neither waits for nor blocks a send, open or sync. A relay that cannot be
/// reached is not an error of the page: the page says so and shows everything kept here. Home asks
/// with `RelayAccess.glance` (one attempt, a few seconds), so it is never held up by the relay.
struct RelayWaiting {
    /// One envelope waiting at the relay, as a table row.
    struct Item {
        let id: String
        let reference: String
        let from: String
        let purpose: String
        let urgency: String
        let urgencyTag: String
        let kind: String
        /// Why it cannot be opened (the sender is no party, the header does not verify); nil when it can.
        let refusal: String?
    }

    var items: [Item] = []
    var acknowledgements = 0
    /// Why the relay could not be asked, with how to fix it; nil when it answered.
    var problem: String?

    /// The envelopes that can be opened.
    var toOpen: [Item] { items.filter { $0.refusal == nil } }

    /// Whether any envelope to open is marked emergency or urgent.
    var hasUrgent: Bool { toOpen.contains { $0.urgency == "emergency" || $0.urgency == "urgent" } }

    /// The envelopes that cannot be opened.
    var refused: [Item] { items.filter { $0.refusal != nil } }

    static func fetch(_ app: WebApp, _ exchange: ExchangeContext, purposeName: PurposeNames, agencyName: AgencyNames,
                      glance: Bool = false) async -> RelayWaiting {
        var waiting = RelayWaiting()
        let access = glance ? app.configuration.relay.glance : app.configuration.relay
        let descriptions = app.relayDescriptions
        do {
            let listing = try await RelaySession.run(exchange, access: access, finishPending: false, locking: false) { session in
                try await InboxListing.list(session: session, descriptions: descriptions)
            }
            waiting.acknowledgements = listing.acknowledgements
            for item in listing.items {
                let reference = String(item.id.prefix(12))
                switch item.status {
                case .waiting(let sender, let purpose, let urgency), .request(let sender, let purpose, let urgency):
                    let kind: String
                    if case .request = item.status { kind = "Request for information" } else { kind = "Record" }
                    waiting.items.append(Item(id: item.id, reference: reference, from: agencyName(sender), purpose: purposeName(purpose), urgency: urgency,
                                              urgencyTag: Tags.urgency(urgency), kind: kind, refusal: nil))
                case .refused(let error):
                    waiting.items.append(Item(id: item.id, reference: reference, from: agencyName(item.mailbox.sender), purpose: "-", urgency: "-",
                                              urgencyTag: "govuk-tag--grey", kind: "Refused", refusal: error.message))
                case .opened, .openedRequest:
                    break
                }
            }
        } catch let error as ExchangeError {
            waiting.problem = error.message + (error.hint.map { " " + $0 } ?? "")
        } catch {
            waiting.problem = "the relay's answer could not be read. Try again; if it keeps happening, tell whoever runs your relay."
        }
        return waiting
    }
}

extension RelayWaiting.Item: ViewModel {}

/// The table of what waits at the relay, on Home and in the Inbox: each row with its Open button,
/// or why it cannot be opened. The page's model holds `waiting` and `csrf`.
enum RelayWaitingTemplates {
    static let all: [(String, String)] = [("relay-waiting", table)]

    static let table = """
    <div class="sp-table" role="region" aria-label="Waiting to be opened" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Reference</th><th scope="col" class="govuk-table__header">What</th>
        <th scope="col" class="govuk-table__header">From</th><th scope="col" class="govuk-table__header">Purpose</th>
        <th scope="col" class="govuk-table__header">Urgency</th><th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th></tr></thead>
      <tbody class="govuk-table__body">
      {{#waiting}}<tr class="govuk-table__row"><td class="govuk-table__cell">{{reference}}</td><td class="govuk-table__cell">{{kind}}</td>
        <td class="govuk-table__cell">{{from}}</td><td class="govuk-table__cell">{{purpose}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></td>
        <td class="govuk-table__cell">{{#refusal}}Cannot be opened: {{refusal}}{{/refusal}}{{^refusal}}
          <form method="post" action="/inbox/open"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
          <button type="submit" class="govuk-button govuk-button--secondary sp-button--inline">Open<span class="govuk-visually-hidden"> {{reference}}</span></button></form>{{/refusal}}</td></tr>{{/waiting}}
      </tbody>
    </table></div>
    """
}
