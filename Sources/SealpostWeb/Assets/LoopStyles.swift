/// Styles for the question pages of outcomes, requests and declines, after the GOV.UK Design
/// System's fieldset, radios, checkboxes, textarea and date input (served after `Stylesheet.css`).
/// Native controls, enlarged, so they work and show focus without script.
enum LoopStyles {
    static let css = """

    .govuk-fieldset{min-width:0;margin:0;padding:0;border:0}
    .govuk-fieldset__legend{font-size:1.1875rem;margin-bottom:10px;padding:0;max-width:100%}
    .govuk-fieldset__legend--m{font-size:1.5rem;font-weight:700;margin-bottom:15px}
    .govuk-fieldset__heading{margin:0;font-size:inherit;font-weight:inherit}
    .govuk-label-wrapper{margin:0}
    .govuk-label--m{font-size:1.5rem;font-weight:700;margin-bottom:10px}
    .govuk-radios__item,.govuk-checkboxes__item{display:flex;align-items:flex-start;gap:12px;margin-bottom:12px}
    .govuk-radios__input,.govuk-checkboxes__input{flex:none;width:28px;height:28px;margin:0;accent-color:#0b0c0c;cursor:pointer}
    .govuk-radios__label,.govuk-checkboxes__label{margin:0;padding-top:2px;cursor:pointer}
    .govuk-radios--inline{display:flex;flex-wrap:wrap;gap:0 25px}
    .govuk-textarea{display:block;min-height:40px;resize:vertical;margin-bottom:0}
    .govuk-textarea--error,.govuk-input--error,.govuk-select--error{border-color:#d4351c}
    .govuk-date-input{display:flex;flex-wrap:wrap;gap:0 20px}
    .govuk-date-input__item{margin-bottom:0}
    .govuk-input--width-2{max-width:5.4ex}.govuk-input--width-4{max-width:9ex}
    .govuk-inset-text{padding:15px;margin:0 0 20px;border-left:10px solid #b1b4b6;font-size:1.1875rem}
    .sp-text{white-space:pre-line}
    .sp-outcome{margin-bottom:10px}
    .govuk-pagination{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 25px;margin:0 0 30px;font-size:1.1875rem}
    .govuk-pagination__link{font-weight:700}
    .govuk-pagination__item{margin:0}
    .sp-resends{font-size:1rem;color:#505a5f;margin:5px 0 0}
    """
}
