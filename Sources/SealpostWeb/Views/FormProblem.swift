/// One problem with what was typed into a form, as every form shows it again (GOV.UK "error
/// summary" pattern): listed once at the top, linked to its field, and again beside the field.
/// The referral's question pages, Check what leaves, and the outcome, request and decline forms
/// (`LoopForm.Problems`) all use this one type, so the summary's links are made one way.
struct FormProblem: Sendable {
    /// The name of the field the problem is about (how a page finds the message to show beside it).
    let field: String
    let message: String
    /// Where the summary links: `#` and the id of the element to focus, the field's own or, for
    /// radios and checkboxes, its first option's. Stored, not computed: templates see stored
    /// properties only.
    let href: String

    /// A problem with `field`, linked to the element with id `anchor` (the field itself by default).
    init(field: String, anchor: String? = nil, message: String) {
        self.field = field
        self.message = message
        href = "#" + (anchor ?? field)
    }
}

extension FormProblem: ViewModel {}
