/// Templates for check what leaves, a refused send and the confirmation panel.
enum ReferralCheckTemplates {
    static let check = """
    <a href="/referrals/{{draftID}}" class="govuk-back-link">Back to the task list</a>
    {{> referral-errors}}
    {{#notice}}<div class="govuk-error-summary" tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#decide">{{notice}}</a></li></ul></div></div></div>{{/notice}}
    <span class="govuk-caption-l">Referral <span class="sp-code">{{reference}}</span> about {{childName}}</span>
    <h1 class="govuk-heading-l">Check what leaves</h1>
    {{#emergency}}<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>This is an emergency: if the child is in immediate danger, call 999 first.</strong></div>{{/emergency}}
    {{#hasRefusals}}<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>This cannot be sent as it stands: {{#refusals}}{{.}} {{/refusals}}</strong></div>{{/hasRefusals}}
    <p class="govuk-body">Purpose: {{purpose}}.</p>
    {{#answer}}<div class="govuk-inset-text" id="answering">This answers request <a class="govuk-link sp-code" href="{{href}}">{{reference}}</a> from {{from}}{{#child}} about {{child}}{{/child}}: they see it as the answer.</div>{{/answer}}

    <h2 class="govuk-heading-m">What happened, as it leaves</h2>
    <p class="govuk-body">Each identity replaced to protect a third party is highlighted with the token recipients see instead{{#hasFindings}}; each possible identity still to decide is marked with its number{{/hasFindings}}.</p>
    <div class="sp-narrative">{{#review}}{{#token}}<mark class="sp-mark sp-mark--token">{{text}}</mark>{{/token}}{{#undecided}}<mark class="sp-mark sp-mark--undecided">{{text}}</mark> <a class="govuk-link" href="#finding-{{finding}}">(possible identity {{finding}})</a>{{/undecided}}{{^token}}{{^undecided}}{{text}}{{/undecided}}{{/token}}{{/review}}</div>

    {{#hasFindings}}
    <h2 class="govuk-heading-m" id="decide">Decide {{findingCount}} possible identit{{#one}}y{{/one}}{{^one}}ies{{/one}}</h2>
    <p class="govuk-body">The redactor is not sure whether these are people's identities. Redact each one, or keep it and say why. Your decision and reason are recorded in your receipt log with your name. You can send once every one is decided.</p>
    <form method="post" action="/referrals/{{draftID}}/decisions" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{#findings}}
      <div class="sp-finding" id="finding-{{number}}">
        <input type="hidden" name="finding-{{number}}" value="{{findingID}}">
        <div class="govuk-form-group{{#actionError}} govuk-form-group--error{{/actionError}}">
        <fieldset class="govuk-fieldset" aria-describedby="finding-{{number}}-hint{{#actionError}} action-{{number}}-error{{/actionError}}">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Possible identity {{number}}: “{{words}}”</legend>
          <div id="finding-{{number}}-hint" class="govuk-hint">In {{place}}: “{{before}}<mark class="sp-mark sp-mark--undecided">{{words}}</mark>{{after}}”. {{category}}: {{why}}.</div>
          {{#actionError}}<p id="action-{{number}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{actionError}}</p>{{/actionError}}
          <div class="govuk-radios">
            <div class="govuk-radios__item"><input class="govuk-radios__input" id="action-{{number}}-1" name="action-{{number}}" type="radio" value="redact"{{#redact}} checked{{/redact}}>
              <label class="govuk-label govuk-radios__label" for="action-{{number}}-1">Redact it</label></div>
            <div class="govuk-radios__item"><input class="govuk-radios__input" id="action-{{number}}-2" name="action-{{number}}" type="radio" value="keep"{{#keep}} checked{{/keep}}>
              <label class="govuk-label govuk-radios__label" for="action-{{number}}-2">Keep it</label></div>
          </div>
        </fieldset></div>
        <div class="govuk-form-group{{#reasonError}} govuk-form-group--error{{/reasonError}}">
          <label class="govuk-label" for="reason-{{number}}">If you keep it, why it is safe to share</label>
          {{#reasonError}}<p id="reason-{{number}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{reasonError}}</p>{{/reasonError}}
          <textarea class="govuk-textarea" id="reason-{{number}}" name="reason-{{number}}" rows="2"{{#reasonError}} aria-describedby="reason-{{number}}-error"{{/reasonError}}>{{reason}}</textarea>
        </div>
      </div>
      {{/findings}}
      <button type="submit" class="govuk-button">Save decisions</button>
    </form>
    {{/hasFindings}}

    {{#hasRecipients}}
    <h2 class="govuk-heading-m">What each recipient will see</h2>
    {{#recipients}}
    <div class="sp-recipient">
      <h3 class="govuk-heading-m">{{name}}</h3>
      <p class="govuk-body">Receives as: {{role}}. Only what the agreement gives that role for this purpose is included.</p>
      <h4 class="govuk-heading-s">The child</h4>
      <dl class="govuk-summary-list">{{#record.subject}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.subject}}</dl>
      {{#record.hasAuthor}}<h4 class="govuk-heading-s">Referred by</h4>
      <dl class="govuk-summary-list">{{#record.author}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.author}}</dl>{{/record.hasAuthor}}
      {{#record.hasHousehold}}<h4 class="govuk-heading-s">Household</h4>
      {{#record.household}}<dl class="govuk-summary-list"><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{heading}}</dt><dd class="govuk-summary-list__value">{{#rows}}{{key}}: {{value}}<br>{{/rows}}</dd></div></dl>{{/record.household}}{{/record.hasHousehold}}
      {{#record.hasParties}}<h4 class="govuk-heading-s">Other people named</h4>
      {{#record.parties}}<dl class="govuk-summary-list"><div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{heading}}</dt><dd class="govuk-summary-list__value">{{#rows}}{{key}}: {{value}}<br>{{/rows}}</dd></div></dl>{{/record.parties}}{{/record.hasParties}}
      <h4 class="govuk-heading-s">What happened</h4>
      {{#narrativeShared}}<div class="sp-narrative">{{#narrative}}{{#token}}<mark class="sp-mark sp-mark--token">{{text}}</mark>{{/token}}{{^token}}{{text}}{{/token}}{{/narrative}}</div>{{/narrativeShared}}
      {{^narrativeShared}}<p class="govuk-body">Not shared with this recipient.</p>{{/narrativeShared}}
      {{#record.hasStatements}}<h4 class="govuk-heading-s">Statements</h4>
      <div class="sp-table" role="region" aria-label="Statements for {{name}}" tabindex="0"><table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Statement</th>
        <th scope="col" class="govuk-table__header">Fact or opinion</th><th scope="col" class="govuk-table__header">When</th><th scope="col" class="govuk-table__header">Source</th></tr></thead>
        <tbody class="govuk-table__body">{{#record.statements}}<tr class="govuk-table__row"><td class="govuk-table__cell">{{text}}</td><td class="govuk-table__cell">{{kind}}</td>
        <td class="govuk-table__cell">{{time}}</td><td class="govuk-table__cell">{{source}}</td></tr>{{/record.statements}}</tbody></table></div>{{/record.hasStatements}}
      {{#record.hasConcern}}<h4 class="govuk-heading-s">The concern</h4>
      <p class="govuk-body">{{#record.concernTags}}<strong class="govuk-tag govuk-tag--purple sp-tag-gap">{{.}}</strong> {{/record.concernTags}}</p>
      <dl class="govuk-summary-list">{{#record.concern}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.concern}}</dl>{{/record.hasConcern}}
      <h4 class="govuk-heading-s">Why it is shared</h4>
      <dl class="govuk-summary-list">{{#record.sharing}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{key}}</dt><dd class="govuk-summary-list__value">{{value}}</dd></div>{{/record.sharing}}</dl>
      {{#hasWithheld}}<h4 class="govuk-heading-s">Withheld from {{name}}</h4>
      <div class="sp-table" role="region" aria-label="Withheld from {{name}}" tabindex="0"><table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Field</th>
        <th scope="col" class="govuk-table__header">Why</th></tr></thead>
        <tbody class="govuk-table__body">{{#withheld}}<tr class="govuk-table__row"><td class="govuk-table__cell sp-code">{{field}}</td><td class="govuk-table__cell">{{why}}</td></tr>{{/withheld}}</tbody></table></div>{{/hasWithheld}}
    </div>
    {{/recipients}}
    {{/hasRecipients}}

    {{#hasDocuments}}<h2 class="govuk-heading-m" id="documents">Documents sent with it</h2>
    <p class="govuk-body">Every recipient gets these files as they are: they are not redacted. <a class="govuk-link" href="/referrals/{{draftID}}/documents">Change the documents</a></p>
    <div class="sp-table" role="region" aria-label="Documents sent with it" tabindex="0"><table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Document</th>
      <th scope="col" class="govuk-table__header">Type</th><th scope="col" class="govuk-table__header">Size</th></tr></thead>
      <tbody class="govuk-table__body">{{#documents}}<tr class="govuk-table__row"><td class="govuk-table__cell sp-text">{{name}}</td><td class="govuk-table__cell">{{kind}}</td>
      <td class="govuk-table__cell">{{size}}</td></tr>{{/documents}}</tbody></table></div>{{/hasDocuments}}

    {{#hasTokens}}<h2 class="govuk-heading-m">Identities replaced</h2>
    <p class="govuk-body">Recipients see these tokens; who they stand for stays here, sealed to your agency.</p>
    <ul class="govuk-list govuk-list--bullet">{{#tokens}}<li><mark class="sp-mark sp-mark--token">{{.}}</mark></li>{{/tokens}}</ul>{{/hasTokens}}
    {{#hasDecided}}<form method="post" action="/referrals/{{draftID}}/decisions"><input type="hidden" name="csrf" value="{{csrf}}">
      <p class="govuk-body">You have made {{decidedText}} on possible identities.
      <button type="submit" name="clear" value="1" class="sp-link-button">Make them again</button></p></form>{{/hasDecided}}

    <h2 class="govuk-heading-m">Send</h2>
    {{#canSend}}
    <p class="govuk-body">Sending seals a copy for each recipient and records your decision, with your name, in your receipt log. It cannot be changed once sent.</p>
    <form method="post" action="/referrals/{{draftID}}/send" novalidate><input type="hidden" name="csrf" value="{{csrf}}">
      {{#hasDocuments}}<div class="govuk-form-group{{#documentsError}} govuk-form-group--error{{/documentsError}}">
      <fieldset class="govuk-fieldset" aria-describedby="documents-checked-hint{{#documentsError}} documents-checked-error{{/documentsError}}">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">The documents are not redacted</legend>
        <div id="documents-checked-hint" class="govuk-hint">Open each one before you send. Your confirmation is recorded in your receipt log with your name.</div>
        {{#documentsError}}<p id="documents-checked-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{documentsError}}</p>{{/documentsError}}
        <div class="govuk-checkboxes"><div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="documents-checked" name="documents-checked" type="checkbox" value="yes">
          <label class="govuk-label govuk-checkboxes__label" for="documents-checked">I have checked each document: it holds only what this purpose needs, and no one's identity it should not</label></div></div>
      </fieldset></div>{{/hasDocuments}}
      <button type="submit" class="govuk-button" id="send">Send the referral</button></form>
    {{/canSend}}
    {{^canSend}}
    <p class="govuk-body" id="send-hint">You can send once every possible identity is decided and every recipient may receive it.</p>
    <button type="button" class="govuk-button" disabled aria-disabled="true" aria-describedby="send-hint">Send the referral</button>
    {{/canSend}}
    """

    static let refused = """
    <h1 class="govuk-heading-l">The agreement does not allow this send</h1>
    <p class="govuk-body">Nothing was sealed or sent. The refusal is recorded in your receipt log.</p>
    <ul class="govuk-list govuk-list--bullet">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>
    <p class="govuk-body">Choose recipients the agreement gives a role in this purpose, or another purpose.</p>
    <p class="govuk-body"><a class="govuk-link" href="/referrals/{{draftID}}/recipients">Change who it goes to</a></p>
    """

    static let sent = """
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">{{#queued}}Referral sealed and kept to send{{/queued}}{{^queued}}Referral sent{{/queued}}</h1>
      <div class="govuk-panel__body">Your reference<br><strong class="sp-panel-reference">{{reference}}</strong></div>
    </div>
    {{#answeredReference}}<p class="govuk-body" id="answered">Sent in answer to request <a class="govuk-link sp-code" href="{{answeredHref}}">{{answeredReference}}</a>: the request is now answered.</p>{{/answeredReference}}
    {{#hasDocuments}}<p class="govuk-body">{{documentsText}} went with it, as you checked them.</p>{{/hasDocuments}}
    {{#queued}}<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>The relay could not be reached, so the referral is sealed and kept in your outbox. It goes when Sealpost next reaches the relay: press "Check for acknowledgements" on Sent, or send again later. If the child is at risk now, phone the agency.</strong></div>{{/queued}}
    {{#emergency}}<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>If the child is in immediate danger and you have not called 999, call now.</strong></div>{{/emergency}}
    <div class="sp-table" role="region" aria-labelledby="recipients-caption" tabindex="0"><table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m" id="recipients-caption">Recipients</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Agency</th><th scope="col" class="govuk-table__header">State</th></tr></thead>
      <tbody class="govuk-table__body">{{#rows}}<tr class="govuk-table__row"><td class="govuk-table__cell">{{recipient}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{stateTag}}">{{state}}</strong>{{#problem}} {{problem}}{{/problem}}</td></tr>{{/rows}}</tbody></table></div>
    <h2 class="govuk-heading-m">What happens next</h2>
    <p class="govuk-body">Each agency opens the referral and acknowledges it; they are asked to within {{deadline}}. Sealpost shows the acknowledgement, with who made it and when, on Sent.</p>
    <p class="govuk-body">If you have not heard by then, phone them and give the reference above.</p>
    <p class="govuk-body"><a class="govuk-link" href="/sent">Follow it on Sent</a> or <a class="govuk-link" href="/">go to the home page</a>.</p>
    """
}
