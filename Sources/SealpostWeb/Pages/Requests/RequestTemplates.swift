/// The Requests page and a received request's page.
enum RequestTemplates {
    static let all: [(String, String)] = [("requests", requests), ("request-received", received), ("inbox-requests", inboxRequests)]

    static let receivedTable = """
    <div class="sp-table" role="region" aria-label="Requests for information received" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Request</th><th scope="col" class="govuk-table__header">Child</th>
        <th scope="col" class="govuk-table__header">From</th><th scope="col" class="govuk-table__header">Purpose</th>
        <th scope="col" class="govuk-table__header">Urgency</th><th scope="col" class="govuk-table__header">Received</th>
        <th scope="col" class="govuk-table__header">State</th></tr></thead>
      <tbody class="govuk-table__body">
      {{#received}}<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{{href}}">{{reference}}</a></td>
        <td class="govuk-table__cell">{{child}}</td><td class="govuk-table__cell">{{from}}</td><td class="govuk-table__cell">{{purpose}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></td><td class="govuk-table__cell">{{received}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{stateTag}}">{{state}}</strong></td></tr>{{/received}}
      </tbody>
    </table></div>
    """

    /// On the Inbox, inside `{{#hasRequests}}`.
    static let inboxRequests = """
    <h2 class="govuk-heading-m">Requests for information opened here</h2>
    \(receivedTable.replacingOccurrences(of: "{{#received}}", with: "{{#requests}}").replacingOccurrences(of: "{{/received}}", with: "{{/requests}}"))
    """

    static let requests = """
    {{#askedReference}}<div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">{{#queued}}Request sealed{{/queued}}{{^queued}}Request sent{{/queued}}</h2>
      <div class="govuk-panel__body">Your reference<br><strong>{{askedReference}}</strong></div></div>
    <h2 class="govuk-heading-m">What happens next</h2>
    <p class="govuk-body">{{#queued}}The relay could not be reached, so the request is kept sealed here and sent the next time you check for answers. {{/queued}}{{askedTo}} answers with a record, which arrives in your Inbox, or declines with its reasons, which appear below after you check for answers.</p>
    {{/askedReference}}
    {{#checked}}<div class="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="checked-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="checked-title">Done</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{{checked}}</p></div></div>{{/checked}}
    {{#form}}{{> loop-error-summary}}{{/form}}
    <h1 class="govuk-heading-l">Requests for information</h1>
    <h2 class="govuk-heading-m">Asked by you</h2>
    <form method="post" action="/requests/sync"><input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="govuk-button govuk-button--secondary">Check for answers</button></form>
    {{#hasAsked}}
    <div class="sp-table" role="region" aria-label="Requests asked by you" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Request</th><th scope="col" class="govuk-table__header">Child</th>
        <th scope="col" class="govuk-table__header">Asked of</th><th scope="col" class="govuk-table__header">Purpose</th>
        <th scope="col" class="govuk-table__header">Asked</th><th scope="col" class="govuk-table__header">Answer</th></tr></thead>
      <tbody class="govuk-table__body">
      {{#asked}}<tr class="govuk-table__row" id="{{anchor}}"><td class="govuk-table__cell">{{reference}} <strong class="govuk-tag {{urgencyTag}}">{{urgency}}</strong></td>
        <td class="govuk-table__cell">{{child}}</td><td class="govuk-table__cell">{{to}}</td><td class="govuk-table__cell">{{purpose}}</td>
        <td class="govuk-table__cell">{{asked}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{stateTag}}">{{state}}</strong>
          {{#answerHref}}<br><a class="govuk-link" href="{{answerHref}}">Read the record<span class="govuk-visually-hidden"> answering {{reference}}</span></a>{{/answerHref}}
          {{#hasDeclineReasons}}<ul class="govuk-list">{{#declineReasons}}<li>{{.}}</li>{{/declineReasons}}</ul>{{/hasDeclineReasons}}
          {{#declineWhy}}<p class="govuk-body sp-text">{{declineWhy}}</p>{{/declineWhy}}</td></tr>{{/asked}}
      </tbody>
    </table></div>
    {{/hasAsked}}
    {{^hasAsked}}<p class="govuk-body">You have not asked for information yet.</p>{{/hasAsked}}

    <h2 class="govuk-heading-m" id="ask">Ask another agency</h2>
    {{#form}}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <p class="govuk-body">The request is sealed to the agency you ask and recorded in your receipt log. The agreement must give your agency a role for the purpose; if it does not, nothing is sealed and you are told why.</p>
    <form method="post" action="/requests" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group{{#toError}} govuk-form-group--error{{/toError}}">
        <label class="govuk-label" for="to">Agency to ask</label>
        {{#toError}}<p id="to-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{toError}}</p>{{/toError}}
        <select class="govuk-select{{#toError}} govuk-select--error{{/toError}}" id="to" name="to"{{#toError}} aria-describedby="to-error"{{/toError}}>
          {{#agencies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agencies}}</select>
      </div>
      <div class="govuk-form-group{{#purposeError}} govuk-form-group--error{{/purposeError}}">
        <label class="govuk-label" for="purpose">What the information is needed for</label>
        <div id="purpose-hint" class="govuk-hint">A purpose of your partnership's agreement.</div>
        {{#purposeError}}<p id="purpose-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{purposeError}}</p>{{/purposeError}}
        <select class="govuk-select{{#purposeError}} govuk-select--error{{/purposeError}}" id="purpose" name="purpose" aria-describedby="purpose-hint{{#purposeError}} purpose-error{{/purposeError}}">
          {{#purposes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/purposes}}</select>
      </div>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend">How urgent is it?</legend>
          <div class="govuk-radios govuk-radios--inline">
          {{#urgencies}}<div class="govuk-radios__item"><input class="govuk-radios__input" id="{{id}}" name="urgency" type="radio" value="{{value}}"{{#checked}} checked{{/checked}}>
            <label class="govuk-label govuk-radios__label" for="{{id}}">{{label}}</label></div>{{/urgencies}}
          </div>
        </fieldset>
      </div>
      <div class="govuk-form-group{{#childNameError}} govuk-form-group--error{{/childNameError}}">
        <label class="govuk-label" for="child-name">Child's name</label>
        {{#childNameError}}<p id="child-name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{childNameError}}</p>{{/childNameError}}
        <input class="govuk-input govuk-input--width-20{{#childNameError}} govuk-input--error{{/childNameError}}" id="child-name" name="child-name" type="text" spellcheck="false" autocomplete="off" value="{{childName}}"{{#childNameError}} aria-describedby="child-name-error"{{/childNameError}}>
      </div>
      <div class="govuk-form-group{{#nhsNumberError}} govuk-form-group--error{{/nhsNumberError}}">
        <label class="govuk-label" for="nhs-number">NHS number (optional)</label>
        <div id="nhs-number-hint" class="govuk-hint">For example, 943 476 5919</div>
        {{#nhsNumberError}}<p id="nhs-number-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{nhsNumberError}}</p>{{/nhsNumberError}}
        <input class="govuk-input govuk-input--width-10{{#nhsNumberError}} govuk-input--error{{/nhsNumberError}}" id="nhs-number" name="nhs-number" type="text" inputmode="numeric" spellcheck="false" autocomplete="off" value="{{nhsNumber}}" aria-describedby="nhs-number-hint{{#nhsNumberError}} nhs-number-error{{/nhsNumberError}}">
      </div>
      <div class="govuk-form-group{{#dobError}} govuk-form-group--error{{/dobError}}">
        <fieldset class="govuk-fieldset" role="group" aria-describedby="dob-hint{{#dobError}} dob-error{{/dobError}}">
          <legend class="govuk-fieldset__legend">Date of birth (optional)</legend>
          <div id="dob-hint" class="govuk-hint">For example, 27 3 2015</div>
          {{#dobError}}<p id="dob-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{dobError}}</p>{{/dobError}}
          <div class="govuk-date-input">
            <div class="govuk-date-input__item govuk-form-group"><label class="govuk-label" for="dob-day">Day</label>
              <input class="govuk-input govuk-input--width-2{{#dobError}} govuk-input--error{{/dobError}}" id="dob-day" name="dob-day" type="text" inputmode="numeric" autocomplete="off" value="{{dobDay}}"></div>
            <div class="govuk-date-input__item govuk-form-group"><label class="govuk-label" for="dob-month">Month</label>
              <input class="govuk-input govuk-input--width-2{{#dobError}} govuk-input--error{{/dobError}}" id="dob-month" name="dob-month" type="text" inputmode="numeric" autocomplete="off" value="{{dobMonth}}"></div>
            <div class="govuk-date-input__item govuk-form-group"><label class="govuk-label" for="dob-year">Year</label>
              <input class="govuk-input govuk-input--width-4{{#dobError}} govuk-input--error{{/dobError}}" id="dob-year" name="dob-year" type="text" inputmode="numeric" autocomplete="off" value="{{dobYear}}"></div>
          </div>
        </fieldset>
      </div>
      <div class="govuk-form-group{{#reasonError}} govuk-form-group--error{{/reasonError}}">
        <label class="govuk-label" for="reason">Why the information is needed</label>
        <div id="reason-hint" class="govuk-hint">The agency you ask reads this, and shares only what is necessary for it.</div>
        {{#reasonError}}<p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{reasonError}}</p>{{/reasonError}}
        <textarea class="govuk-textarea{{#reasonError}} govuk-textarea--error{{/reasonError}}" id="reason" name="reason" rows="4" aria-describedby="reason-hint{{#reasonError}} reason-error{{/reasonError}}">{{reason}}</textarea>
      </div>
      <button type="submit" class="govuk-button">Send the request</button>
    </form>
    </div></div>
    {{/form}}

    <h2 class="govuk-heading-m">Asked of you</h2>
    {{#hasReceived}}\(receivedTable){{/hasReceived}}
    {{^hasReceived}}<p class="govuk-body">No requests have been opened here. Requests arrive in the <a class="govuk-link" href="/inbox">Inbox</a>.</p>{{/hasReceived}}
    """

    static let received = """
    {{#justDeclined}}<div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">Request declined</h2>
      <div class="govuk-panel__body">{{#queued}}Your reasons are sent to {{from}} when the relay can be reached{{/queued}}{{^queued}}{{from}} is sent your reasons{{/queued}}</div></div>{{/justDeclined}}
    {{> loop-error-summary}}
    <span class="govuk-caption-l">Request {{reference}}</span>
    <h1 class="govuk-heading-l">Request for information from {{from}}</h1>
    <p class="govuk-body"><strong class="govuk-tag {{stateTag}}">{{state}}</strong></p>
    <dl class="govuk-summary-list">{{#rows}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value sp-text">{{value}}</dd></div>{{/rows}}</dl>
    {{#hasDeclined}}<h2 class="govuk-heading-m">Your decline</h2>
    <dl class="govuk-summary-list">{{#declined}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value sp-text">{{value}}</dd></div>{{/declined}}</dl>{{/hasDeclined}}
    {{#hasAnswered}}<h2 class="govuk-heading-m">Your answer</h2>
    <dl class="govuk-summary-list">{{#answered}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value sp-text">{{value}}</dd></div>{{/answered}}</dl>
    <p class="govuk-body">{{#answerSentHref}}<a class="govuk-link" href="{{answerSentHref}}">Follow the answer on Sent</a>{{/answerSentHref}}{{#answerLogHref}} or <a class="govuk-link" href="{{answerLogHref}}">see its entry in the receipt log</a>{{/answerLogHref}}.</p>{{/hasAnswered}}
    {{#canDecline}}
    <h2 class="govuk-heading-m">Answer the request</h2>
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <p class="govuk-body">Answer with a record: a referral is started for you, for this request's purpose, to {{from}}, about the child as the request names them. Write it and check what leaves as for any referral; it is sent in answer to this request, and {{from}} sees it as the answer.</p>
    {{#draftHref}}<p class="govuk-body"><a class="govuk-button" href="{{draftHref}}" id="answer">Continue your answer</a></p>{{/draftHref}}
    {{^draftHref}}<form method="post" action="/requests/received/{{envelopeID}}/answer"><input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="govuk-button" id="answer">Answer with a record</button></form>{{/draftHref}}
    <h2 class="govuk-heading-m">Or decline it</h2>
    <form method="post" action="/requests/received/{{envelopeID}}/decline" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="reason-code-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">Why is the information not shared?</h2></legend>
          <div id="reason-code-hint" class="govuk-hint">Select all that apply. {{from}} sees these reasons.</div>
          <div class="govuk-checkboxes">
          {{#reasonCodes}}<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{{id}}" name="reason-code" type="checkbox" value="{{value}}"{{#checked}} checked{{/checked}}>
            <label class="govuk-label govuk-checkboxes__label" for="{{id}}">{{label}}</label></div>{{/reasonCodes}}
          </div>
        </fieldset>
      </div>
      <div class="govuk-form-group{{#reasonError}} govuk-form-group--error{{/reasonError}}">
        <h2 class="govuk-label-wrapper"><label class="govuk-label govuk-label--m" for="reason">Explain the decision</label></h2>
        <div id="reason-hint" class="govuk-hint">Sent sealed to {{from}} and kept in your receipt log.</div>
        {{#reasonError}}<p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{reasonError}}</p>{{/reasonError}}
        <textarea class="govuk-textarea{{#reasonError}} govuk-textarea--error{{/reasonError}}" id="reason" name="reason" rows="4" aria-describedby="reason-hint{{#reasonError}} reason-error{{/reasonError}}">{{reason}}</textarea>
      </div>
      <button type="submit" class="govuk-button govuk-button--warning">Decline the request</button>
    </form>
    </div></div>
    {{/canDecline}}
    <p class="govuk-body"><a class="govuk-link" href="/requests">All requests</a></p>
    """
}
