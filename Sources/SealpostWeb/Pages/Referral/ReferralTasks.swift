import Hummingbird
import SealpostExchange
import SealpostRecord

/// The referral as a GOV.UK task list: each section with its status, worked out from the record
/// validator's issues (so "Completed" means the section is ready to send), and "Check what
/// leaves" only once everything is.
struct ReferralTasks {
    let app: WebApp

    struct Task {
        let id: String
        let label: String
        let href: String?
        let status: String
        let tag: String?
        let taskHint: String?
    }

    struct Model {
        let csrf: String
        let draftID: String
        let reference: String
        let heading: String
        let saved: String
        let emergency: Bool
        let tasks: [Task]
        let problems: Int
        let imported: Bool
        /// Issues no section answers for (such as an imported record's own reference), so they are not hidden.
        let otherProblems: [String]
        /// The request for information this referral answers, if it was started as an answer.
        let answer: RequestAnswer.Info?
    }

    /// Sections: (id, label, the record members it answers for, where it is).
    static let sections: [(id: String, label: String, members: [String], path: String)] = [
        ("consent", "Consent", ["consent"], "section/consent"),
        ("child", "The child", ["subject"], "section/child"),
        ("household", "Household members", ["household"], "list/household"),
        ("parties", "Other people named", ["parties"], "list/parties"),
        ("author", "About you", ["author"], "section/author"),
        ("narrative", "What happened", ["narrative"], "section/narrative"),
        ("statements", "Statements", ["statements"], "list/statements"),
        ("concern", "The concern", ["concern"], "section/concern"),
        ("purpose", "Purpose and lawful basis", ["purpose", "lawful_basis"], "section/purpose"),
    ]

    static func status(of members: [String], in draft: Draft, issues: [RecordIssue]) -> (String, String?) {
        let started = members.contains { draft[member: $0] != nil }
        let problems = issues.filter { i in members.contains { i.path.hasPrefix(JSONPath([.key($0)])) } }
        if !started { return ("Not yet started", "govuk-tag--blue") }
        if !problems.isEmpty { return ("Incomplete", "govuk-tag--blue") }
        return ("Completed", nil)
    }

    /// Whether the record is ready and recipients are chosen, so what leaves can be checked.
    static func ready(_ draft: Draft, now: Int64) -> Bool { draft.issues(at: now).isEmpty && !draft.recipients.isEmpty }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context) { session, _, draft in
            let issues = draft.issues(at: app.now)
            let base = "/referrals/\(draft.id)/"
            var tasks = Self.sections.map { s -> Task in
                let (status, tag) = Self.status(of: s.members, in: draft, issues: issues)
                let hint: String? = s.id == "household" || s.id == "parties" ? "Add everyone named, or say there is nobody" : nil
                return Task(id: s.id, label: s.label, href: base + s.path, status: status, tag: tag, taskHint: hint)
            }
            let documents = draft.documents.count
            tasks.append(Task(id: "documents", label: "Documents (optional)", href: base + "documents",
                              status: documents == 0 ? "None added" : "\(documents) added", tag: nil,
                              taskHint: "Files sent with the record, such as a plan or a report: you confirm each was checked"))
            let hasPurpose = draft[member: "purpose"] != nil
            tasks.append(Task(id: "recipients", label: "Who it goes to", href: hasPurpose ? base + "recipients" : nil,
                              status: !hasPurpose ? "Cannot start yet" : draft.recipients.isEmpty ? "Not yet started" : "Completed",
                              tag: hasPurpose && draft.recipients.isEmpty ? "govuk-tag--blue" : nil,
                              taskHint: hasPurpose ? "Chosen from the agreement's parties" : "Choose the purpose first"))
            let ready = Self.ready(draft, now: app.now)
            tasks.append(Task(id: "check", label: "Check what leaves, then send", href: ready ? base + "check" : nil,
                              status: ready ? "Not yet started" : "Cannot start yet", tag: ready ? "govuk-tag--blue" : nil,
                              taskHint: ready ? nil : "Complete every section first"))
            let model = Model(csrf: session.csrf, draftID: draft.id, reference: draft[member: "id"]?.stringValue ?? "",
                              heading: draft.childName.map { "Referral about \($0)" } ?? "New referral",
                              saved: "Saved " + Format.time(seconds: draft.updatedAt) + " by " + draft.updatedBy,
                              emergency: draft.record.value(at: ["concern", "urgency"])?.stringValue == "emergency",
                              tasks: tasks, problems: issues.count, imported: request.formQuery["imported"] == "1",
                              otherProblems: issues.filter { i in !Self.sections.flatMap(\.members).contains { i.path.hasPrefix(JSONPath([.key($0)])) } }
                                  .map { "\($0.path): \($0.problem); \($0.fix)" },
                              answer: RequestAnswer.info(draft, exchange: try app.context(session), purposeName: app.purposeNames()))
            return app.pages.page("referral-tasks", model, title: model.heading, session: session, section: "/referrals")
        }
    }
}

extension ReferralTasks.Model: ViewModel {
    var computed: [String: Any] { ["hasOtherProblems": !otherProblems.isEmpty] }
}
extension ReferralTasks.Task: ViewModel {}
