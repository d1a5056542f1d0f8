import SealpostRecord

/// A page of questions over one object of the record (the record itself, or one household
/// member, party or statement): reads the form into it, matches the record validator's issues
/// back to the questions, and builds what the template shows, keeping whatever was typed.
struct QuestionPage: Sendable {
    let title: String
    let caption: String
    var intro: String? = nil
    let questions: [Question]
    /// Member paths this page answers for (issues under them are this page's).
    let owns: [[String]]
    /// Tidies the object after reading the form (an answer that does not apply is dropped).
    var tidy: @Sendable (JSONValue) -> JSONValue = { $0 }

    /// `object` with every question's answer from `fields`.
    func apply(_ fields: FormBody.Fields, to object: JSONValue) -> JSONValue {
        var object = object
        for q in questions { object = object.setting(q.keys, to: q.value(from: fields)) }
        return tidy(object)
    }

    /// The issues among `issues` that are this page's, each with the question it belongs to
    /// (nil: the page's but no one question's), for an object at `base`.
    func errors(_ issues: [RecordIssue], base: [JSONPath.Component]) -> [FormProblem] {
        var out: [FormProblem] = []
        func path(_ keys: [String]) -> JSONPath { JSONPath(base + keys.map { .key($0) }) }
        for issue in issues {
            // The question at or above the issue; else the first under it (a whole object missing); else the page's first.
            let owner = questions.filter { issue.path.hasPrefix(path($0.keys)) }.max { $0.keys.count < $1.keys.count }
                ?? questions.first { path($0.keys).hasPrefix(issue.path) }
                ?? (owns.contains { issue.path.hasPrefix(path($0)) } ? questions.first : nil)
            guard let q = owner, !out.contains(where: { $0.field == q.name }) else { continue }
            out.append(FormProblem(field: q.name, anchor: q.anchor, message: q.message(for: issue)))
        }
        return out
    }

    /// The fields as the template shows them, with `object`'s values and `errors`.
    func fields(_ object: JSONValue, errors: [FormProblem]) -> [FieldView] {
        questions.map { q in
            let shown = q.shown(object.value(at: q.keys))
            let error = errors.first { $0.field == q.name }?.message
            var view = FieldView(name: q.name, label: q.label, hint: q.hint, error: error, value: shown.text,
                                 autocomplete: q.autocomplete, inputmode: q.inputmode)
            switch q.kind {
            case .text(let width):
                view.isText = true
                view.widthClass = width.map { "govuk-input--width-" + $0 } ?? ""
                view.nhsNumber = q.keys.last == "nhs_number"
            case .textarea(let rows): view.isTextarea = true; view.rows = rows
            case .names: view.isTextarea = true; view.rows = 3
            case .date:
                view.isDate = true
                (view.day, view.month, view.year) = shown.date
            case .radios(let choices, _): view.isRadios = true; view.options = options(q, choices, shown.chosen)
            case .checkboxes(let choices): view.isCheckboxes = true; view.options = options(q, choices, shown.chosen)
            case .select(let choices): view.isSelect = true; view.options = options(q, choices, shown.chosen)
            }
            return view
        }
    }

    private func options(_ q: Question, _ choices: [Question.Choice], _ chosen: [String]) -> [FieldView.Option] {
        choices.enumerated().map { n, c in
            FieldView.Option(oid: "\(q.name)-\(n + 1)", oname: q.name, ovalue: c.value, olabel: c.label, ohint: c.hint,
                             ochecked: chosen.contains(c.value))
        }
    }
}

/// One question as the template draws it (GOV.UK form group, input, radios, checkboxes, date).
struct FieldView {
    struct Option {
        let oid: String
        let oname: String
        let ovalue: String
        let olabel: String
        let ohint: String?
        let ochecked: Bool
    }

    let name: String
    let label: String
    let hint: String?
    let error: String?
    let value: String
    let autocomplete: String?
    let inputmode: String?
    var isText = false, isTextarea = false, isDate = false, isRadios = false, isCheckboxes = false, isSelect = false
    var widthClass = ""
    /// Checked in the browser as it is typed (progressive enhancement; the server checks it again).
    var nhsNumber = false
    var rows = 5
    var day = "", month = "", year = ""
    var options: [Option] = []
}

extension FieldView: ViewModel {
    var computed: [String: Any] {
        var described = [hint.map { _ in name + "-hint" }, error.map { _ in name + "-error" }].compactMap { $0 }.joined(separator: " ")
        if described.isEmpty { described = "" }
        return ["describedBy": described, "hasDescribedBy": !described.isEmpty]
    }
}

extension FieldView.Option: ViewModel {}
