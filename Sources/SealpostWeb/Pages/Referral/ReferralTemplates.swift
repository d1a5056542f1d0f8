/// The referral pages' templates (GOV.UK task list, question pages, check answers, panel).
/// Names inside loops are distinct from the page's own, because mustache looks a missing name up
/// in the enclosing context.
enum ReferralTemplates {
    static let all: [(String, String)] = [
        ("referral-errors", errors), ("referral-fields", fields), ("referral-drafts", drafts), ("referral-tasks", tasks),
        ("referral-question", question), ("referral-list", list), ("referral-recipients", recipients),
        ("referral-check", ReferralCheckTemplates.check), ("referral-refused", ReferralCheckTemplates.refused),
        ("referral-sent", ReferralCheckTemplates.sent), ("referral-documents", documents),
    ]

    static let errors = """
    {{#hasErrors}}
    <div class="govuk-error-summary" tabindex="-1" data-module="govuk-error-summary"><div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
        {{#errorList}}<li><a href="{{href}}">{{message}}</a></li>{{/errorList}}
      </ul></div>
    </div></div>
    {{/hasErrors}}
    """

    static let fields = """
    {{#fields}}
    <div class="govuk-form-group{{#error}} govuk-form-group--error{{/error}}">
    {{#isText}}
      <label class="govuk-label govuk-label--s" for="{{name}}">{{label}}</label>
      {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
      {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
      <input class="govuk-input {{widthClass}}{{#error}} govuk-input--error{{/error}}" id="{{name}}" name="{{name}}" type="text" value="{{value}}" spellcheck="false"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}{{#autocomplete}} autocomplete="{{autocomplete}}"{{/autocomplete}}{{#inputmode}} inputmode="{{inputmode}}"{{/inputmode}}{{#nhsNumber}} data-nhs-number{{/nhsNumber}}>
    {{/isText}}
    {{#isTextarea}}
      <label class="govuk-label govuk-label--s" for="{{name}}">{{label}}</label>
      {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
      {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
      <textarea class="govuk-textarea{{#error}} govuk-textarea--error{{/error}}" id="{{name}}" name="{{name}}" rows="{{rows}}"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>{{value}}</textarea>
    {{/isTextarea}}
    {{#isSelect}}
      <label class="govuk-label govuk-label--s" for="{{name}}">{{label}}</label>
      {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
      {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
      <select class="govuk-select{{#error}} govuk-select--error{{/error}}" id="{{name}}" name="{{name}}"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>
        {{#options}}<option value="{{ovalue}}"{{#ochecked}} selected{{/ochecked}}>{{olabel}}</option>{{/options}}
      </select>
    {{/isSelect}}
    {{#isDate}}
      <fieldset class="govuk-fieldset" role="group"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{label}}</legend>
        {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
        {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
        <div class="govuk-date-input">
          <div class="govuk-date-input__item"><label class="govuk-label govuk-date-input__label" for="{{name}}-day">Day</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-2{{#error}} govuk-input--error{{/error}}" id="{{name}}-day" name="{{name}}-day" type="text" inputmode="numeric" value="{{day}}"></div>
          <div class="govuk-date-input__item"><label class="govuk-label govuk-date-input__label" for="{{name}}-month">Month</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-2{{#error}} govuk-input--error{{/error}}" id="{{name}}-month" name="{{name}}-month" type="text" inputmode="numeric" value="{{month}}"></div>
          <div class="govuk-date-input__item"><label class="govuk-label govuk-date-input__label" for="{{name}}-year">Year</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-4{{#error}} govuk-input--error{{/error}}" id="{{name}}-year" name="{{name}}-year" type="text" inputmode="numeric" value="{{year}}"></div>
        </div>
      </fieldset>
    {{/isDate}}
    {{#isRadios}}
      <fieldset class="govuk-fieldset"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{label}}</legend>
        {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
        {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
        <div class="govuk-radios">
          {{#options}}<div class="govuk-radios__item"><input class="govuk-radios__input" id="{{oid}}" name="{{oname}}" type="radio" value="{{ovalue}}"{{#ochecked}} checked{{/ochecked}}{{#ohint}} aria-describedby="{{oid}}-hint"{{/ohint}}>
            <label class="govuk-label govuk-radios__label" for="{{oid}}">{{olabel}}</label>{{#ohint}}<div id="{{oid}}-hint" class="govuk-hint govuk-radios__hint">{{ohint}}</div>{{/ohint}}</div>{{/options}}
        </div>
      </fieldset>
    {{/isRadios}}
    {{#isCheckboxes}}
      <fieldset class="govuk-fieldset"{{#hasDescribedBy}} aria-describedby="{{describedBy}}"{{/hasDescribedBy}}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{label}}</legend>
        {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
        {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
        <div class="govuk-checkboxes sp-checkboxes--columns">
          {{#options}}<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{{oid}}" name="{{oname}}" type="checkbox" value="{{ovalue}}"{{#ochecked}} checked{{/ochecked}}>
            <label class="govuk-label govuk-checkboxes__label" for="{{oid}}">{{olabel}}</label></div>{{/options}}
        </div>
      </fieldset>
    {{/isCheckboxes}}
    </div>
    {{/fields}}
    """

    static let drafts = """
    <h1 class="govuk-heading-l">Referrals</h1>
    <p class="govuk-body">Write a referral here. It is saved as a draft, sealed to your agency's key, at every step; nothing leaves until you check what each recipient will see and send it.</p>
    <form method="post" action="/referrals/new"><input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="govuk-button">New referral</button></form>
    <h2 class="govuk-heading-m" id="drafts">Drafts</h2>
    {{#hasDamaged}}<p class="govuk-body">Not listed here, because they do not open with your agency's key: {{damagedText}}.</p>{{/hasDamaged}}
    {{#hasDrafts}}
    <div class="sp-table" role="region" aria-label="Drafts" tabindex="0"><table class="govuk-table">
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Child</th>
        <th scope="col" class="govuk-table__header">Reference</th><th scope="col" class="govuk-table__header">Last saved</th>
        <th scope="col" class="govuk-table__header">Status</th></tr></thead>
      <tbody class="govuk-table__body">
      {{#drafts}}<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{{href}}">{{child}}</a>{{#answers}}<br><span class="govuk-hint sp-inline-hint">Answers request <span class="sp-code">{{answers}}</span></span>{{/answers}}</td>
        <td class="govuk-table__cell sp-code">{{reference}}</td><td class="govuk-table__cell">{{updated}}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{statusTag}}">{{status}}</strong></td></tr>{{/drafts}}
      </tbody>
    </table></div>
    {{/hasDrafts}}
    {{^hasDrafts}}<p class="govuk-body">No drafts are held here.</p>{{/hasDrafts}}
    <h2 class="govuk-heading-m" id="import">Import a record file</h2>
    <form method="post" action="/referrals/import" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group{{#importError}} govuk-form-group--error{{/importError}}">
        {{#importError}}<div class="govuk-error-summary" tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#record">{{importError}}</a></li></ul></div></div></div>{{/importError}}
        <label class="govuk-label govuk-label--s" for="record">A record file (JSON, as <span class="sp-code">sealpost send</span> takes)</label>
        <div id="record-hint" class="govuk-hint">It becomes a new draft: check each section, then send it from here.</div>
        {{#importError}}<p id="record-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{importError}}</p>{{/importError}}
        <input class="govuk-file-upload" id="record" name="record" type="file" accept=".json,application/json" aria-describedby="record-hint{{#importError}} record-error{{/importError}}">
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary">Import</button>
    </form>
    """

    static let tasks = """
    {{#imported}}<div class="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="imported-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="imported-title">Imported</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">The record file is now this draft. Check each section marked Incomplete.</p></div></div>{{/imported}}
    <span class="govuk-caption-l">Referral <span class="sp-code">{{reference}}</span></span>
    <h1 class="govuk-heading-l">{{heading}}</h1>
    {{#emergency}}<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>You marked this an emergency: if the child is in immediate danger, call 999 first, then send this.</strong></div>{{/emergency}}
    {{#answer}}<div class="govuk-inset-text" id="answering">This referral answers request <a class="govuk-link sp-code" href="{{href}}">{{reference}}</a> from {{from}}{{#purpose}} for {{purpose}}{{/purpose}}{{#child}} about {{child}}{{/child}}. It is sent to them in answer to it.</div>{{/answer}}
    <p class="govuk-body">{{saved}}. It is kept as a draft here; you can leave and come back.</p>
    {{#hasOtherProblems}}<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>The record also has problems no section shows; export it, correct them and import it again:</strong></div>
    <ul class="govuk-list govuk-list--bullet">{{#otherProblems}}<li class="sp-code">{{.}}</li>{{/otherProblems}}</ul>{{/hasOtherProblems}}
    <ul class="govuk-task-list">
      {{#tasks}}<li class="govuk-task-list__item{{#href}} govuk-task-list__item--with-link{{/href}}">
        <div class="govuk-task-list__name-and-hint">{{#href}}<a class="govuk-link govuk-task-list__link" href="{{href}}" aria-describedby="{{id}}-status">{{label}}</a>{{/href}}{{^href}}<span>{{label}}</span>{{/href}}
          {{#taskHint}}<div class="govuk-task-list__hint">{{taskHint}}</div>{{/taskHint}}</div>
        <div class="govuk-task-list__status{{^href}} govuk-task-list__status--cannot-start-yet{{/href}}" id="{{id}}-status">{{#tag}}<strong class="govuk-tag {{tag}}">{{status}}</strong>{{/tag}}{{^tag}}{{status}}{{/tag}}</div>
      </li>{{/tasks}}
    </ul>
    <div class="govuk-button-group">
      <a class="govuk-button govuk-button--secondary" href="/referrals/{{draftID}}/export" download>Export the record file</a>
      <form method="post" action="/referrals/{{draftID}}/delete"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="govuk-button govuk-button--warning">Delete this draft</button></form>
    </div>
    <p class="govuk-body"><a class="govuk-link" href="/referrals">All referrals</a></p>
    """

    static let question = """
    <a href="{{back}}" class="govuk-back-link">Back</a>
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    {{> referral-errors}}
    <span class="govuk-caption-l">{{caption}}</span>
    <h1 class="govuk-heading-l">{{title}}</h1>
    {{#intro}}<p class="govuk-body">{{intro}}</p>{{/intro}}
    <form method="post" action="{{action}}" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      {{> referral-fields}}
      <button type="submit" class="govuk-button">{{button}}</button>
    </form>
    </div></div>
    <script src="/assets/referral.js" defer></script>
    """

    static let list = """
    <a href="{{back}}" class="govuk-back-link">Back</a>
    <h1 class="govuk-heading-l">{{heading}}</h1>
    {{#hasItems}}
    <dl class="govuk-summary-list sp-summary-list--actions">
      {{#items}}<div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">{{number}}. {{summary}}</dt>
        <dd class="govuk-summary-list__value">{{#problem}}<strong class="govuk-tag govuk-tag--blue">Incomplete</strong> {{/problem}}{{detail}}</dd>
        <dd class="govuk-summary-list__actions"><a class="govuk-link" href="{{change}}">Change<span class="govuk-visually-hidden"> {{noun}} {{number}}</span></a>
          <form method="post" action="{{remove}}" class="sp-inline-form"><input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit" class="sp-link-button">Remove<span class="govuk-visually-hidden"> {{noun}} {{number}}</span></button></form></dd>
      </div>{{/items}}
    </dl>
    {{/hasItems}}
    {{^hasItems}}<p class="govuk-body">Nobody has been added. If there is nobody to add, save and return.</p>{{/hasItems}}
    <div class="govuk-button-group">
      <a class="govuk-button govuk-button--secondary" href="{{add}}">Add a {{noun}}</a>
      <form method="post" action="{{done}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="govuk-button">Save and return to the task list</button></form>
    </div>
    """

    static let recipients = """
    <a href="{{back}}" class="govuk-back-link">Back</a>
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    {{#errorMessage}}<div class="govuk-error-summary" tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#recipients-1">{{errorMessage}}</a></li></ul></div></div></div>{{/errorMessage}}
    <span class="govuk-caption-l">{{purpose}}</span>
    <h1 class="govuk-heading-l">Who it goes to</h1>
    {{#hasOffered}}
    <form method="post" action="{{action}}" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group{{#errorMessage}} govuk-form-group--error{{/errorMessage}}">
      <fieldset class="govuk-fieldset" aria-describedby="recipients-hint{{#errorMessage}} recipients-error{{/errorMessage}}">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Agencies with a role in this purpose under your agreement</legend>
        <div id="recipients-hint" class="govuk-hint">Select all that should receive it. Each gets only the fields the agreement gives its role.</div>
        {{#errorMessage}}<p id="recipients-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{errorMessage}}</p>{{/errorMessage}}
        <div class="govuk-checkboxes">
          {{#offered}}<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{{oid}}" name="recipients" type="checkbox" value="{{agency}}"{{#checked}} checked{{/checked}}>
            <label class="govuk-label govuk-checkboxes__label" for="{{oid}}">{{name}} <span class="govuk-hint sp-inline-hint">({{role}})</span></label></div>{{/offered}}
        </div>
      </fieldset></div>
      <button type="submit" class="govuk-button">Save and continue</button>
    </form>
    {{/hasOffered}}
    {{^hasOffered}}<p class="govuk-body">No agency in your agreement has a role in this purpose, so a referral for it cannot be sent. Choose another purpose, or ask your partnership to add a role.</p>{{/hasOffered}}
    {{#hasNotOffered}}
    <h2 class="govuk-heading-m">Not offered</h2>
    <p class="govuk-body">The agreement gives these parties no part in this purpose:</p>
    <ul class="govuk-list govuk-list--bullet">{{#notOffered}}<li>{{name}}: {{reason}}</li>{{/notOffered}}</ul>
    {{/hasNotOffered}}
    </div></div>
    """

    static let documents = """
    <a href="/referrals/{{draftID}}" class="govuk-back-link">Back to the task list</a>
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    {{#error}}<div class="govuk-error-summary" tabindex="-1" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#document">{{error}}</a></li></ul></div></div></div>{{/error}}
    {{#added}}<div class="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="added-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="added-title">Added</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">The document is added, sealed with this draft.</p></div></div>{{/added}}
    {{#removed}}<div class="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="removed-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="removed-title">Removed</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">The document is removed from this draft.</p></div></div>{{/removed}}
    <span class="govuk-caption-l">Referral</span>
    <h1 class="govuk-heading-l">Documents</h1>
    <p class="govuk-body">Documents are sent with the record, to every recipient, as they are: they are <strong>not redacted</strong>. Before you send, you confirm you checked each one holds only what this purpose needs and no one's identity it should not.</p>
    <h2 class="govuk-heading-m">Added</h2>
    {{#hasDocuments}}
    <dl class="govuk-summary-list sp-summary-list--actions">
      {{#documents}}<div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key sp-text">{{number}}. {{name}}</dt>
        <dd class="govuk-summary-list__value">{{kind}}, {{size}}<br><span class="govuk-hint sp-inline-hint">Added by {{addedBy}}</span></dd>
        <dd class="govuk-summary-list__actions"><form method="post" action="{{remove}}" class="sp-inline-form"><input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit" class="sp-link-button">Remove<span class="govuk-visually-hidden"> document {{number}}, {{name}}</span></button></form></dd>
      </div>{{/documents}}
    </dl>
    <p class="govuk-body">{{total}} in all.</p>
    {{/hasDocuments}}
    {{^hasDocuments}}<p class="govuk-body">No documents are added. A referral needs none.</p>{{/hasDocuments}}
    <h2 class="govuk-heading-m">Add a document</h2>
    {{^full}}
    <form method="post" action="/referrals/{{draftID}}/documents" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group{{#error}} govuk-form-group--error{{/error}}">
        <label class="govuk-label govuk-label--s" for="document">Upload a file</label>
        <div id="document-hint" class="govuk-hint">PDF, an image (PNG, JPEG, GIF, WebP, TIFF, HEIC), an office document (Word, Excel, PowerPoint, OpenDocument, RTF) or text. Each file up to {{maximumFile}}; up to {{maximumCount}} files and {{maximumTotal}} in all. It is kept sealed to your agency's key with this draft until you send it.</div>
        {{#error}}<p id="document-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
        <input class="govuk-file-upload{{#error}} govuk-file-upload--error{{/error}}" id="document" name="document" type="file" aria-describedby="document-hint{{#error}} document-error{{/error}}">
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary">Add the document</button>
    </form>
    {{/full}}
    {{#full}}<p class="govuk-body">This referral has {{maximumCount}} documents, the most it can carry. Remove one to add another.</p>{{/full}}
    <p class="govuk-body"><a class="govuk-button" href="/referrals/{{draftID}}">Return to the task list</a></p>
    </div></div>
    """
}
