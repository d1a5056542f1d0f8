/// The referral pages' part of the stylesheet: GOV.UK question-page patterns (fieldsets, radios,
/// checkboxes, date input, file upload, back link, button group), the task list, and the marks
/// that highlight replaced identities and possible identities on "check what leaves". Colours
/// keep WCAG 2.2 AA contrast against the text they carry.
enum ReferralStylesheet {
    static let css = """
    .govuk-back-link{display:inline-block;position:relative;margin:0 0 15px;padding-left:14px;font-size:1rem;color:#0b0c0c}
    .govuk-back-link::before{content:"";position:absolute;left:3px;top:50%;width:7px;height:7px;margin-top:-4px;border:solid #505a5f;border-width:0 0 2px 2px;transform:rotate(45deg)}
    .govuk-fieldset{margin:0;padding:0;border:0;min-width:0}
    .govuk-fieldset__legend{display:table;max-width:100%;margin-bottom:10px;padding:0;font-size:1.1875rem;white-space:normal}
    .govuk-fieldset__legend--s,.govuk-label--s{font-weight:700}
    .govuk-radios__item,.govuk-checkboxes__item{display:flex;align-items:flex-start;gap:10px;flex-wrap:wrap;margin-bottom:10px;font-size:1.1875rem}
    .govuk-radios__input,.govuk-checkboxes__input{flex:none;width:28px;height:28px;margin:0;accent-color:#0b0c0c;cursor:pointer}
    .govuk-radios__label,.govuk-checkboxes__label{flex:1;margin:0;padding-top:2px;cursor:pointer}
    .govuk-radios__hint{flex-basis:100%;margin:0 0 0 38px}
    @media(min-width:40.0625em){.sp-checkboxes--columns{columns:2}.sp-checkboxes--columns .govuk-checkboxes__item{break-inside:avoid}}
    .govuk-date-input{display:flex;gap:20px;flex-wrap:wrap}
    .govuk-date-input__label{font-size:1.1875rem}
    .govuk-input--width-2{max-width:5.4ex}.govuk-input--width-4{max-width:9ex}
    .govuk-input--error,.govuk-textarea--error,.govuk-select--error{border-color:#d4351c}
    .govuk-textarea{display:block;resize:vertical}
    .govuk-file-upload{font:inherit;font-size:1.1875rem;max-width:100%;margin-bottom:10px}
    .govuk-list--bullet{list-style:disc;padding-left:20px}
    .govuk-button-group{display:flex;flex-wrap:wrap;gap:0 15px;align-items:baseline;margin-bottom:10px}
    .govuk-button-group form{margin:0}
    .govuk-button:disabled{opacity:.5;cursor:not-allowed;box-shadow:none}
    .govuk-tag--blue{background:#bbd4ea;color:#0c2d4a}
    .govuk-task-list{list-style:none;margin:0 0 30px;padding:0;font-size:1.1875rem;border-top:1px solid #b1b4b6}
    .govuk-task-list__item{display:flex;flex-wrap:wrap;justify-content:space-between;gap:5px 20px;padding:10px 0;border-bottom:1px solid #b1b4b6}
    .govuk-task-list__item--with-link{position:relative}
    .govuk-task-list__item--with-link:hover{background:#f3f2f1}
    .govuk-task-list__hint{color:#505a5f;margin-top:5px}
    .govuk-task-list__status--cannot-start-yet{color:#505a5f}
    .govuk-summary-list__actions{margin:0;width:100%}
    @media(min-width:40.0625em){.govuk-summary-list__actions{width:20%;text-align:right}
      .sp-summary-list--actions .govuk-summary-list__value{width:50%}}
    .govuk-table__caption--m{font-size:1.5rem;font-weight:700;text-align:left;margin-bottom:15px}
    .sp-inline-form{display:inline;margin:0 0 0 15px}
    .sp-link-button{font:inherit;color:#1d70b8;background:none;border:0;padding:0;text-decoration:underline;cursor:pointer}
    .sp-link-button:hover{color:#003078}
    .sp-inline-hint{display:inline;margin:0}
    .sp-narrative{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.1875rem;line-height:1.5;border-left:5px solid #b1b4b6;padding:5px 0 5px 15px;margin-bottom:20px}
    .sp-mark{padding:0 2px;color:#0b0c0c}
    .sp-mark--token{background:#dbd5e9;border-bottom:2px solid #3d2375}
    .sp-mark--undecided{background:#fff7bf;border-bottom:3px solid #594d00;font-weight:700}
    .sp-finding{border-top:1px solid #b1b4b6;padding-top:15px}
    .sp-recipient{border-top:5px solid #1d70b8;padding-top:5px;margin-bottom:30px}
    .sp-panel-reference{font-family:"Courier New",monospace;overflow-wrap:anywhere}
    """
}
