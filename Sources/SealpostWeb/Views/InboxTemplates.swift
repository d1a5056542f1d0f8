enum InboxTemplates {
    static let inbox = """
    <h1 class="govuk-heading-l">Inbox</h1>
    {{#relayProblem}}
    <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>The relay could not be reached, so new records are not shown: {{relayProblem}}</strong></div>
    {{/relayProblem}}
    {{#hasAcknowledgementsWaiting}}<p class="govuk-body">Acknowledgements of your own sends are waiting: see <a class="govuk-link" href="/sent">Sent</a>.</p>{{/hasAcknowledgementsWaiting}}
    <h2 class="govuk-heading-m" id="waiting">Waiting to be opened</h2>
    {{#hasWaiting}}
    <p class="govuk-body">Opening a record checks who sent it and that it was not changed, records it in your receipt log and stores it here.</p>
    {{> relay-waiting}}
    {{/hasWaiting}}
    {{^hasWaiting}}<p class="govuk-body">Nothing is waiting at the relay.</p>{{/hasWaiting}}
    <h2 class="govuk-heading-m">Opened here</h2>
    {{#hasOpened}}
    <div class="sp-table" role="region" aria-label="Opened here" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Record</th><th scope="col" class="govuk-table__header">Child</th>
        <th scope="col" class="govuk-table__header">From</th><th scope="col" class="govuk-table__header">Purpose</th>
        <th scope="col" class="govuk-table__header">Urgency</th><th scope="col" class="govuk-table__header">Received</th>
        <th scope="col" class="govuk-table__header">State</th></tr></thead>
      <tbody class="govuk-table__body">
      {{#opened}}<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{{href}}">{{reference}}</a>{{> inbox-resends}}</td>
        <td class="govuk-table__cell">{{child}}</td><td class="govuk-table__cell">{{from}}</td><td class="govuk-table__cell">{{purpose}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></td>
        <td class="govuk-table__cell">{{received}}</td><td class="govuk-table__cell"><strong class="govuk-tag {{stateTag}}">{{state}}</strong></td></tr>{{/opened}}
      </tbody>
    </table></div>
    {{#pagination}}{{> inbox-pagination}}{{/pagination}}
    {{/hasOpened}}
    {{^hasOpened}}<p class="govuk-body">No records have been opened here yet.</p>{{/hasOpened}}
    {{#hasRequests}}{{> inbox-requests}}{{/hasRequests}}
    """

    static let record = """
    {{#justAcknowledged}}
    <div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">Acknowledged</h2>
      <div class="govuk-panel__body">{{from}} has been told you received record {{record.reference}}</div></div>
    {{/justAcknowledged}}
    {{#justRecordedOutcome}}<div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">Outcome recorded</h2>
      <div class="govuk-panel__body">{{from}} is sent what you decided about record {{record.reference}}</div></div>{{/justRecordedOutcome}}
    <span class="govuk-caption-l">Record {{record.reference}} from {{from}}</span>
    <h1 class="govuk-heading-l">{{record.childName}}</h1>
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Purpose</dt><dd class="govuk-summary-list__value">{{purpose}}</dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Urgency</dt><dd class="govuk-summary-list__value"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Sent</dt><dd class="govuk-summary-list__value">{{sent}}</dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Received</dt><dd class="govuk-summary-list__value">{{received}}</dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Acknowledgement</dt><dd class="govuk-summary-list__value">{{#acknowledged}}{{acknowledged}}{{/acknowledged}}{{^acknowledged}}Not yet acknowledged{{/acknowledged}}</dd></div>
    </dl>
    {{^acknowledged}}
    <form method="post" action="/inbox/{{envelopeID}}/acknowledge" class="sp-no-print">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="govuk-button">Acknowledge receipt</button>
    </form>
    {{/acknowledged}}
    {{#outcomes}}{{> record-outcomes}}{{/outcomes}}
    {{#record.hasAuthor}}<h2 class="govuk-heading-m">Referred by</h2>
    <dl class="govuk-summary-list">{{#record.author}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.author}}</dl>{{/record.hasAuthor}}
    <h2 class="govuk-heading-m">The child</h2>
    <dl class="govuk-summary-list">{{#record.subject}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.subject}}</dl>
    {{#record.hasHousehold}}<h2 class="govuk-heading-m">Household</h2>
    {{#record.household}}<h3 class="govuk-heading-s">{{heading}}</h3>
    <dl class="govuk-summary-list">{{#rows}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/rows}}</dl>{{/record.household}}{{/record.hasHousehold}}
    {{#record.hasParties}}<h2 class="govuk-heading-m">Other people named</h2>
    <p class="govuk-body">People whose identities are protected appear only as tokens such as [Third party 1 (neighbour)]; the sender keeps who they are.</p>
    {{#record.parties}}<h3 class="govuk-heading-s">{{heading}}</h3>
    <dl class="govuk-summary-list">{{#rows}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/rows}}</dl>{{/record.parties}}{{/record.hasParties}}
    {{#hasDocuments}}<h2 class="govuk-heading-m" id="documents">Documents sent with it</h2>
    <p class="govuk-body">Checked against the sender's signed list when the record was opened. Each downloads as a file.</p>
    <div class="sp-table" role="region" aria-label="Documents sent with it" tabindex="0"><table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Document</th>
      <th scope="col" class="govuk-table__header">Type</th><th scope="col" class="govuk-table__header">Size</th></tr></thead>
      <tbody class="govuk-table__body">{{#documents}}<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{{href}}" download>{{name}}<span class="govuk-visually-hidden"> (download)</span></a></td>
      <td class="govuk-table__cell">{{kind}}</td><td class="govuk-table__cell">{{size}}</td></tr>{{/documents}}</tbody></table></div>{{/hasDocuments}}
    <h2 class="govuk-heading-m">What happened</h2>
    {{#record.paragraphs}}<p class="govuk-body">{{.}}</p>{{/record.paragraphs}}
    {{#record.hasStatements}}<h2 class="govuk-heading-m">Statements</h2>
    <div class="sp-table" role="region" aria-label="Statements" tabindex="0"><table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Statement</th>
      <th scope="col" class="govuk-table__header">Fact or opinion</th><th scope="col" class="govuk-table__header">When</th><th scope="col" class="govuk-table__header">Source</th></tr></thead>
      <tbody class="govuk-table__body">{{#record.statements}}<tr class="govuk-table__row"><td class="govuk-table__cell">{{text}}</td><td class="govuk-table__cell">{{kind}}</td>
      <td class="govuk-table__cell">{{time}}</td><td class="govuk-table__cell">{{source}}</td></tr>{{/record.statements}}</tbody></table></div>{{/record.hasStatements}}
    {{#record.hasConcern}}<h2 class="govuk-heading-m">The concern</h2>
    <p class="govuk-body">{{#record.concernTags}}<strong class="govuk-tag govuk-tag--purple sp-tag-gap">{{.}}</strong> {{/record.concernTags}}</p>
    <dl class="govuk-summary-list">{{#record.concern}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.concern}}</dl>{{/record.hasConcern}}
    <h2 class="govuk-heading-m">Why it was shared</h2>
    <dl class="govuk-summary-list">{{#record.sharing}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.sharing}}</dl>
    """
}
