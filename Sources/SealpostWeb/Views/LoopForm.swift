import SealpostExchange

/// The question pages of outcomes, requests and declines (GOV.UK "question page" pattern).
enum LoopForm {
    /// What a question page needs to show a form again after a problem (GOV.UK "error summary"
    /// pattern): each problem once at the top, linked to its field by id, and again beside it.
    struct Problems {
        private(set) var items: [FormProblem] = []

        mutating func add(_ field: String, _ message: String) { items.append(FormProblem(field: field, message: message)) }

        /// The message for `field`, if it has one.
        subscript(_ field: String) -> String? { items.first { $0.field == field }?.message }

        var isEmpty: Bool { items.isEmpty }

        /// A free-text answer checked as the library will check it (FreeText), said in the practitioner's
        /// terms: empty (when required), too long, or holding a control character.
        mutating func checkText(_ value: String?, field: String, label: String, required: Bool, emptyMessage: String) {
            guard let value, !value.isEmpty else {
                if required { add(field, emptyMessage) }
                return
            }
            if value.utf8.count > FreeText.maximumBytes {
                add(field, "\(label) must be \(FreeText.maximumBytes) characters or fewer (it has \(value.utf8.count) bytes)")
            } else if !FreeText.isAcceptable(value) {
                add(field, "\(label) must not contain control characters other than line breaks")
            }
        }
    }

    /// One radio button or checkbox as a template shows it.
    struct Choice {
        let id: String
        let value: String
        let label: String
        let hint: String?
        let checked: Bool
    }

    /// One option of a select.
    struct SelectOption {
        let value: String
        let label: String
        let selected: Bool
    }
}
