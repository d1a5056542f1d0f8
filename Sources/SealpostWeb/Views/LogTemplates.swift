enum LogTemplates {
    static let log = """
    <h1 class="govuk-heading-l">Receipt log</h1>
    <p class="govuk-body">Every decision this agency took about sharing: signed, chained, and checked by the other agencies' copies. {{totalText}}.</p>
    <p class="govuk-body"><a class="govuk-button govuk-button--secondary" href="/log/verify">Verify the log</a></p>
    {{#error}}
    <div class="govuk-error-summary" tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#since">{{error}}</a></li></ul></div></div></div>
    {{/error}}
    <form method="get" action="/log" class="sp-filters">
      <div class="govuk-form-group"><label class="govuk-label" for="kind">Kind</label>
        <select class="govuk-select" id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></div>
      <div class="govuk-form-group"><label class="govuk-label" for="counterpart">Other agency</label>
        <input class="govuk-input govuk-input--width-20" id="counterpart" name="counterpart" type="text" value="{{counterpart}}"></div>
      <div class="govuk-form-group"><label class="govuk-label" for="child">Child's name or NHS number</label>
        <input class="govuk-input govuk-input--width-20" id="child" name="child" type="text" value="{{child}}"></div>
      <div class="govuk-form-group{{#error}} govuk-form-group--error{{/error}}"><label class="govuk-label" for="since">From (YYYY-MM-DD)</label>
        <input class="govuk-input govuk-input--width-10" id="since" name="since" type="text" value="{{since}}"></div>
      <div class="govuk-form-group"><label class="govuk-label" for="until">To (YYYY-MM-DD)</label>
        <input class="govuk-input govuk-input--width-10" id="until" name="until" type="text" value="{{until}}"></div>
      <button type="submit" class="govuk-button">Filter</button>
    </form>
    <p class="govuk-body">Export what is shown: <a class="govuk-link" href="/log/export/csv?{{exportQuery}}">CSV</a>,
      <a class="govuk-link" href="/log/export/json?{{exportQuery}}">JSON without personal details</a> or
      <a class="govuk-link" href="/log/export/json?details=1&amp;{{exportQuery}}">JSON with details (contains children's identities)</a>.</p>
    {{#hasRows}}
    <div class="sp-table" role="region" aria-label="Receipt log entries" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Entry</th>
        <th scope="col" class="govuk-table__header">Time</th><th scope="col" class="govuk-table__header">Kind</th>
        <th scope="col" class="govuk-table__header">Other agency</th><th scope="col" class="govuk-table__header">Purpose</th>
        <th scope="col" class="govuk-table__header">Status</th></tr></thead>
      <tbody class="govuk-table__body">{{#rows}}<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="/log/{{seq}}">{{seq}}</a></td>
        <td class="govuk-table__cell">{{time}}</td><td class="govuk-table__cell">{{kind}}</td><td class="govuk-table__cell">{{counterpart}}</td>
        <td class="govuk-table__cell">{{purpose}}</td><td class="govuk-table__cell"><strong class="govuk-tag {{statusTag}}">{{status}}</strong></td></tr>{{/rows}}</tbody>
    </table></div>
    {{#pagination}}{{> log-pagination}}{{/pagination}}
    {{/hasRows}}
    {{^hasRows}}<p class="govuk-body">No entries match.</p>{{/hasRows}}
    """

    static let entry = """
    <span class="govuk-caption-l">Receipt log</span>
    <h1 class="govuk-heading-l">Entry {{seq}}: {{kind}}</h1>
    <p class="govuk-body-l" id="headline">{{headline}}</p>
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Time</dt><dd class="govuk-summary-list__value">{{time}}</dd></div>
      {{#summary}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/summary}}
      {{#answersHref}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">In answer to</dt><dd class="govuk-summary-list__value"><a class="govuk-link" href="{{answersHref}}" id="answers">{{answers}}</a></dd></div>{{/answersHref}}
    </dl>
    <h2 class="govuk-heading-m">Proof</h2>
    <p class="govuk-body">This agency signed the entry and chained it to the one before. "Verify the log" finds any entry changed
      or reordered, and any removed from before the last checkpoint another agency holds.</p>
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Hash</dt><dd class="govuk-summary-list__value sp-code">{{hash}}</dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Previous</dt><dd class="govuk-summary-list__value sp-code">{{prev}}</dd></div>
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Signature</dt><dd class="govuk-summary-list__value sp-code">{{signature}}</dd></div>
    </dl>
    <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">The signed facts, as data</span></summary>
      <div class="govuk-details__text"><pre class="sp-pre" tabindex="0" id="facts">{{facts}}</pre></div></details>
    {{#details}}<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">The details recorded with it (they name the child)</span></summary>
      <div class="govuk-details__text"><pre class="sp-pre" tabindex="0" id="details">{{details}}</pre></div></details>{{/details}}
    {{^details}}<p class="govuk-body">Its details were erased under a retention rule. Their commitment {{commitment}}… remains in the chain.</p>{{/details}}
    <p class="govuk-body"><a class="govuk-link" href="/log">Back to the receipt log</a></p>
    """

    static let verify = """
    {{#valid}}<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">The log verifies</h1>
      <div class="govuk-panel__body">{{entriesText}}, each signed and chained; {{signaturesText}} of other agencies checked</div></div>{{/valid}}
    {{^valid}}<h1 class="govuk-heading-l">The log does not verify</h1>
    <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>{{problem}}</strong></div>
    <p class="govuk-body">Tell your data protection officer: the log may have been altered or restored from an old copy.</p>{{/valid}}
    {{#detailsText}}<p class="govuk-body">{{detailsText}}</p>{{/detailsText}}
    <p class="govuk-body"><a class="govuk-link" href="/log">Back to the receipt log</a></p>
    """
}

enum ReportTemplates {
    static let report = """
    <h1 class="govuk-heading-l">Subject report</h1>
    <p class="govuk-body">A child's information-sharing history from the receipt log: what was shared, with whom, when and why. Other people appear only as tokens.</p>
    {{#error}}
    <div class="govuk-error-summary" tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#subject">{{error}}</a></li></ul></div></div></div>
    {{/error}}
    <form method="get" action="/report" class="sp-no-print">
      <div class="govuk-form-group{{#error}} govuk-form-group--error{{/error}}"><label class="govuk-label" for="subject">Child's name, NHS number or record reference</label>
        {{#error}}<p id="subject-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
        <input class="govuk-input govuk-input--width-20" id="subject" name="subject" type="text" value="{{query}}"{{#error}} aria-describedby="subject-error"{{/error}}></div>
      <button type="submit" class="govuk-button">Show the history</button>
    </form>
    {{#searched}}
    <p class="govuk-body">Generated {{generated}}. {{verification}}</p>
    {{#subject}}<h2 class="govuk-heading-m">{{subject}}</h2>{{/subject}}
    {{^hasEvents}}<p class="govuk-body">No decisions about this child are recorded.</p>{{/hasEvents}}
    {{#events}}
    <h3 class="govuk-heading-s">{{number}}. {{time}}: {{headline}}</h3>
    <dl class="govuk-summary-list">{{#details}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/details}}</dl>
    {{/events}}
    {{#hasErased}}<p class="govuk-body">{{erased}} log entries have had their details erased under the retention rule and cannot be matched to a child.</p>{{/hasErased}}
    {{/searched}}
    """
}
