import Hummingbird
import SealpostAgreement
import SealpostExchange
import SealpostRecord

/// The question pages: one object of the record each (a section, or one household member, party
/// or statement). A POST saves what was typed into the draft at once, whatever it holds, then
/// answers with the page again, its error summary linked to each field, while the record
/// validator finds anything wrong there; otherwise it goes back to the task list (or the list).
struct ReferralQuestions {
    let app: WebApp

    struct Model {
        let csrf: String
        let title: String
        let caption: String
        let intro: String?
        let action: String
        let back: String
        let errorList: [FormProblem]
        let fields: [FieldView]
        let button: String
    }

    static let formLimit = 256 * 1024

    /// Lists: (route name, record member, page, heading, what one is called).
    static let lists: [String: (member: String, page: QuestionPage, heading: String, noun: String)] = [
        "household": ("household", ReferralSections.household, "Household members", "household member"),
        "parties": ("parties", ReferralSections.party, "Other people named", "person"),
        "statements": ("statements", ReferralSections.statement, "Statements", "statement"),
    ]

    func section(_ slug: String, session: WebSession) throws -> QuestionPage? {
        switch slug {
        case "consent": return ReferralSections.consent
        case "child": return ReferralSections.child
        case "author": return ReferralSections.author
        case "narrative": return ReferralSections.narrative
        case "concern": return ReferralSections.concern
        case "purpose": return ReferralSections.purpose(try app.context(session).agreement)
        default: return nil
        }
    }

    /// A section's question page (GET), or what was typed into it saved (POST).
    func section(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context, formLimit: Self.formLimit) { session, fields, draft in
            var draft = draft
            let slug = context.parameters.get("slug") ?? ""
            guard let page = try section(slug, session: session) else { throw HTTPError(.notFound) }
            var errors: [FormProblem] = []
            if let fields {
                draft.record = page.apply(fields, to: draft.record)
                try ReferralDrafts(app: app).save(draft, session: session)
                errors = page.errors(draft.issues(at: app.now), base: []) + (slug == "purpose" ? try basisErrors(draft, session: session) : [])
                if errors.isEmpty { return .redirect(to: "/referrals/\(draft.id)", type: .normal) }
            }
            let model = Model(csrf: session.csrf, title: page.title, caption: page.caption, intro: page.intro,
                              action: "/referrals/\(draft.id)/section/\(slug)", back: "/referrals/\(draft.id)", errorList: errors,
                              fields: page.fields(draft.record, errors: errors), button: "Save and continue")
            return app.pages.page("referral-question", model, title: (errors.isEmpty ? "" : "Error: ") + page.title, session: session,
                                  section: "/referrals", status: errors.isEmpty ? .ok : .badRequest)
        }
    }

    /// The lawful basis must be one the agreement names for the chosen purpose.
    private func basisErrors(_ draft: Draft, session: WebSession) throws -> [FormProblem] {
        guard let purposeID = draft.record.value(at: ["purpose"])?.stringValue,
              let basis = draft.record.value(at: ["lawful_basis", "article_6"])?.stringValue,
              let purpose = try app.context(session).agreement.purpose(purposeID),
              !purpose.lawfulBases.map(\.rawValue).contains(basis) else { return [] }
        let allowed = purpose.lawfulBases.map { ReferralSections.label($0.rawValue).lowercased() }.joined(separator: " or ")
        return [FormProblem(field: "lawful_basis-article_6", anchor: "lawful_basis-article_6-1",
                           message: "The agreement lets \(purpose.name) rest on \(allowed) only")]
    }

    // MARK: - Lists

    struct ListModel {
        struct Item {
            let number: Int
            let summary: String
            let detail: String
            let change: String
            let remove: String
            let problem: Bool
        }

        let csrf: String
        let heading: String
        let noun: String
        let items: [Item]
        let add: String
        let done: String
        let back: String
    }

    func showList(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context) { session, _, draft in
            guard let list = Self.lists[context.parameters.get("kind") ?? ""] else { throw HTTPError(.notFound) }
            let issues = draft.issues(at: app.now)
            let elements = draft[member: list.member]?.arrayValue ?? []
            let base = "/referrals/\(draft.id)/list/\(list.member)"
            let items = elements.enumerated().map { n, e in
                ListModel.Item(number: n + 1, summary: Self.summary(e, kind: list.member), detail: Self.detail(e, kind: list.member),
                               change: "\(base)/\(n)", remove: "\(base)/\(n)/remove",
                               problem: issues.contains { $0.path.hasPrefix(JSONPath([.key(list.member), .index(n)])) })
            }
            let model = ListModel(csrf: session.csrf, heading: list.heading, noun: list.noun, items: items, add: "\(base)/\(elements.count)",
                                  done: "\(base)/done", back: "/referrals/\(draft.id)")
            return app.pages.page("referral-list", model, title: list.heading, session: session, section: "/referrals")
        }
    }

    static func summary(_ e: JSONValue, kind: String) -> String {
        switch kind {
        case "statements": return String((e["text"]?.stringValue ?? "(no text yet)").prefix(120))
        default:
            let name = e["name"]?.stringValue ?? "(name not given)"
            let relation = e["relationship"]?.stringValue ?? e["role"]?.stringValue.map(ReferralSections.label) ?? ""
            return relation.isEmpty ? name : "\(name), \(relation)"
        }
    }

    static func detail(_ e: JSONValue, kind: String) -> String {
        switch kind {
        case "statements":
            return [e["kind"]?.stringValue, e["time"]?.stringValue, e["source"]?.stringValue.map { "source: " + $0 }]
                .compactMap { $0 }.joined(separator: ", ")
        case "parties": return e["protect"]?.boolValue == false ? "Details shared" : "Identity protected"
        default: return e["alleged_perpetrator"]?.boolValue == true ? "Alleged to have caused harm" : ""
        }
    }

    /// "Save and return": the list is recorded as finished, even when there is nobody in it.
    func finishList(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handleForm(request, context: context) { session, _, draft in
            var draft = draft
            guard let list = Self.lists[context.parameters.get("kind") ?? ""] else { throw HTTPError(.notFound) }
            if draft[member: list.member] == nil { draft.set(list.member, .array([])) }
            try ReferralDrafts(app: app).save(draft, session: session)
            return .redirect(to: "/referrals/\(draft.id)", type: .normal)
        }
    }

    func removeItem(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handleForm(request, context: context) { session, _, draft in
            var draft = draft
            guard let list = Self.lists[context.parameters.get("kind") ?? ""] else { throw HTTPError(.notFound) }
            var elements = draft[member: list.member]?.arrayValue ?? []
            if let n = context.parameters.get("n").flatMap(Int.init), elements.indices.contains(n) { elements.remove(at: n) }
            draft.set(list.member, .array(elements))
            try ReferralDrafts(app: app).save(draft, session: session)
            return .redirect(to: "/referrals/\(draft.id)/list/\(list.member)", type: .normal)
        }
    }

    /// One list element's question page (GET), or what was typed into it saved (POST).
    func item(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context, formLimit: Self.formLimit) { session, fields, draft in
            var draft = draft
            guard let list = Self.lists[context.parameters.get("kind") ?? ""] else { throw HTTPError(.notFound) }
            var elements = draft[member: list.member]?.arrayValue ?? []
            guard let n = context.parameters.get("n").flatMap(Int.init), (0...elements.count).contains(n) else { throw HTTPError(.notFound) }
            var item = n < elements.count ? elements[n] : .object(JSONObject())
            var errors: [FormProblem] = []
            if let fields {
                item = list.page.apply(fields, to: item)
                if list.member != "statements", item["id"] == nil { item = item.setting(["id"], to: .string(Self.newPersonID(draft, kind: list.member))) }
                if let o = item.objectValue { item = .object(Self.ordered(o, kind: list.member)) }
                if n < elements.count { elements[n] = item } else { elements.append(item) }
                draft.set(list.member, .array(elements))
                try ReferralDrafts(app: app).save(draft, session: session)
                errors = list.page.errors(draft.issues(at: app.now), base: [.key(list.member), .index(n)])
                if errors.isEmpty { return .redirect(to: "/referrals/\(draft.id)/list/\(list.member)", type: .normal) }
            }
            let title = (n < elements.count && fields == nil ? "Change " : n < elements.count ? "" : "Add ") + list.page.title.lowercased()
            let model = Model(csrf: session.csrf, title: title.prefix(1).uppercased() + title.dropFirst(), caption: list.page.caption,
                              intro: list.page.intro, action: "/referrals/\(draft.id)/list/\(list.member)/\(n)",
                              back: "/referrals/\(draft.id)/list/\(list.member)", errorList: errors,
                              fields: list.page.fields(item, errors: errors), button: "Save")
            return app.pages.page("referral-question", model, title: (errors.isEmpty ? "" : "Error: ") + model.title, session: session,
                                  section: "/referrals", status: errors.isEmpty ? .ok : .badRequest)
        }
    }

    /// `household-N` or `party-N`, unused by anyone else in the record.
    static func newPersonID(_ draft: Draft, kind: String) -> String {
        let used = Set(["household", "parties"].flatMap { (draft[member: $0]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } })
        let prefix = kind == "household" ? "household-" : "party-"
        var n = 1
        while used.contains(prefix + String(n)) { n += 1 }
        return prefix + String(n)
    }

    /// The element's members in the record schema's order, `id` first.
    static func ordered(_ o: JSONObject, kind: String) -> JSONObject {
        let order = ["id", "role", "relationship", "name", "aka", "text", "kind", "time", "source", "dob", "address", "phone", "email",
                     "alleged_perpetrator", "protect"]
        var out = JSONObject()
        for key in order { if let v = o[key] { out[key] = v } }
        for member in o.members where out[member.key] == nil { out[member.key] = member.value }
        return out
    }
}

extension ReferralQuestions.Model: ViewModel {
    var computed: [String: Any] { ["hasErrors": !errorList.isEmpty] }
}
extension ReferralQuestions.ListModel: ViewModel {
    var computed: [String: Any] { ["hasItems": !items.isEmpty] }
}
extension ReferralQuestions.ListModel.Item: ViewModel {}
