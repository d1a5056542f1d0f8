/// The outcome templates: the question page, and the parts of the record and Sent pages that show
/// outcomes (registered as partials `record-outcomes` and `sent-outcomes`).
enum OutcomeTemplates {
    static let all: [(String, String)] = [
        ("outcome", form), ("record-outcomes", record), ("sent-outcomes", sent), ("loop-error-summary", errorSummary),
    ]

    /// The GOV.UK error summary: each problem linked to its field.
    static let errorSummary = """
    {{#hasProblems}}<div class="govuk-error-summary" tabindex="-1" data-module="govuk-error-summary"><div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">{{#problems}}<li><a href="{{href}}">{{message}}</a></li>{{/problems}}</ul></div>
    </div></div>{{/hasProblems}}
    """

    static let lines = """
    {{#lines}}<div class="sp-outcome"><h3 class="govuk-heading-s">{{decision}}</h3>
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Decided</dt><dd class="govuk-summary-list__value">{{decided}}</dd></div>
      {{#why}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Why</dt><dd class="govuk-summary-list__value sp-text">{{why}}</dd></div>{{/why}}
      {{#then}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Next steps</dt><dd class="govuk-summary-list__value sp-text">{{then}}</dd></div>{{/then}}
      {{#by}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Recorded by</dt><dd class="govuk-summary-list__value">{{by}}</dd></div>{{/by}}
      {{#delivery}}<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Sent</dt><dd class="govuk-summary-list__value">{{delivery}}</dd></div>{{/delivery}}
    </dl></div>{{/lines}}
    """

    static let form = """
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    {{> loop-error-summary}}
    <span class="govuk-caption-l">Record {{reference}} from {{from}}: {{childName}}</span>
    <h1 class="govuk-heading-l">Record an outcome</h1>
    <p class="govuk-body">{{from}} is sent what you decide here, sealed, and it is recorded in both receipt logs with your name. You can record another outcome later if the decision changes.</p>
    <form method="post" action="/inbox/{{envelopeID}}/outcome" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group{{#decisionError}} govuk-form-group--error{{/decisionError}}">
        <fieldset class="govuk-fieldset" aria-describedby="decision-hint{{#decisionError}} decision-error{{/decisionError}}">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">What was decided?</h2></legend>
          <div id="decision-hint" class="govuk-hint">Select one.</div>
          {{#decisionError}}<p id="decision-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{decisionError}}</p>{{/decisionError}}
          <div class="govuk-radios">
          {{#choices}}<div class="govuk-radios__item"><input class="govuk-radios__input" id="{{id}}" name="decision" type="radio" value="{{value}}"{{#checked}} checked{{/checked}}>
            <label class="govuk-label govuk-radios__label" for="{{id}}">{{label}}</label></div>
          {{/choices}}</div>
        </fieldset>
      </div>
      <div class="govuk-form-group{{#reasonError}} govuk-form-group--error{{/reasonError}}">
        <h2 class="govuk-label-wrapper"><label class="govuk-label govuk-label--m" for="reason">Why was this decided?</label></h2>
        <div id="reason-hint" class="govuk-hint">The referrer reads this. Name other people only if they need to know.</div>
        {{#reasonError}}<p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{reasonError}}</p>{{/reasonError}}
        <textarea class="govuk-textarea{{#reasonError}} govuk-textarea--error{{/reasonError}}" id="reason" name="reason" rows="5" aria-describedby="reason-hint{{#reasonError}} reason-error{{/reasonError}}">{{reason}}</textarea>
      </div>
      <div class="govuk-form-group{{#nextStepsError}} govuk-form-group--error{{/nextStepsError}}">
        <h2 class="govuk-label-wrapper"><label class="govuk-label govuk-label--m" for="next-steps">What happens next? (optional)</label></h2>
        <div id="next-steps-hint" class="govuk-hint">Who does what, and by when.</div>
        {{#nextStepsError}}<p id="next-steps-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{nextStepsError}}</p>{{/nextStepsError}}
        <textarea class="govuk-textarea{{#nextStepsError}} govuk-textarea--error{{/nextStepsError}}" id="next-steps" name="next-steps" rows="3" aria-describedby="next-steps-hint{{#nextStepsError}} next-steps-error{{/nextStepsError}}">{{nextSteps}}</textarea>
      </div>
      <button type="submit" class="govuk-button">Send the outcome</button>
    </form>
    {{#hasEarlier}}<h2 class="govuk-heading-m">Outcomes already recorded</h2>
    \(lines.replacingOccurrences(of: "{{#lines}}", with: "{{#earlier}}").replacingOccurrences(of: "{{/lines}}", with: "{{/earlier}}"))
    {{/hasEarlier}}
    <p class="govuk-body"><a class="govuk-link" href="/inbox/{{envelopeID}}">Back to the record</a></p>
    </div></div>
    """

    /// On a received record's page, inside `{{#outcomes}}`.
    static let record = """
    <h2 class="govuk-heading-m" id="outcomes">Outcome</h2>
    {{#due}}<p class="govuk-body">{{#overdue}}<strong class="govuk-tag govuk-tag--red">Overdue</strong> {{/overdue}}{{due}}</p>{{/due}}
    \(lines)
    {{#canRecord}}<p class="govuk-body sp-no-print"><a class="govuk-button govuk-button--secondary" href="{{href}}">{{#hasLines}}Record another outcome{{/hasLines}}{{^hasLines}}Record an outcome{{/hasLines}}</a></p>{{/canRecord}}
    {{^canRecord}}<p class="govuk-body">Acknowledge receipt first; then record what was decided.</p>{{/canRecord}}
    """

    /// On the Sent page, inside a send's `{{#outcome}}`.
    static let sent = """
    {{#outcomeDue}}<p class="govuk-body">{{#outcomeOverdue}}<strong class="govuk-tag govuk-tag--red">Outcome overdue</strong> {{/outcomeOverdue}}{{outcomeDue}}</p>{{/outcomeDue}}
    \(lines)
    {{#familyToBeTold}}<form method="post" action="/sent/family-told" class="sp-no-print"><input type="hidden" name="csrf" value="{{csrf}}">
      <input type="hidden" name="record" value="{{recordID}}">
      <p class="govuk-body">The record says the family will be told that it was shared.</p>
      <button type="submit" class="govuk-button govuk-button--secondary">Record that the family has been told<span class="govuk-visually-hidden"> about {{recordID}}</span></button></form>{{/familyToBeTold}}
    {{#familyTold}}<p class="govuk-body">{{familyTold}}</p>{{/familyTold}}
    """
}

extension OutcomeLine: ViewModel {}
extension LoopForm.Choice: ViewModel {}
