import Hummingbird
import SealpostAgreement
import SealpostExchange
import SealpostRecord
import SealpostSharing

/// "Check what leaves": for each recipient, what that recipient will see (minimised for its role
/// and redacted, as `Send.prepare` makes it), the fields withheld and why, and the narrative with
/// every replaced identity highlighted with its token. Every uncertain finding must be redacted,
/// or kept with a reason, first: the decisions are a `DecisionFile`, the command line's own, kept
/// in the draft, and until they are all made the page offers no Send and a POST to send is refused.
struct ReferralCheck {
    let app: WebApp

    struct Segment {
        let text: String
        let token: Bool
        let undecided: Bool
        let finding: Int?
    }

    struct FindingView {
        let number: Int
        let findingID: String
        let place: String
        let category: String
        let why: String
        let before: String
        let words: String
        let after: String
        let redact: Bool
        let keep: Bool
        let reason: String
        let actionError: String?
        let reasonError: String?
    }

    struct Withheld {
        let field: String
        let why: String
    }

    struct RecipientView {
        let name: String
        let role: String
        let record: RecordView
        let narrative: [Segment]
        let narrativeShared: Bool
        let withheld: [Withheld]
    }

    struct Model {
        let csrf: String
        let draftID: String
        let reference: String
        let childName: String
        let emergency: Bool
        let purpose: String
        let review: [Segment]
        let findings: [FindingView]
        let recipients: [RecipientView]
        let tokens: [String]
        let decided: Int
        let refusals: [String]
        let errorList: [FormProblem]
        let notice: String?
        let canSend: Bool
        /// The request this referral answers, if it was started as an answer.
        let answer: RequestAnswer.Info?
        /// Documents sent with it (not redacted): Send needs the box ticked that each was checked.
        let documents: [ReferralDocuments.Document]
        let documentsError: String?
    }

    /// Typed but not yet saved decisions (a form with errors), by finding number.
    typealias Typed = [Int: (action: String?, reason: String)]

    func show(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context) { session, _, draft in
            var draft = draft
            let notice = request.formQuery["notice"] == "undecided"
                ? "Decide every possible identity before you send: nothing was sent." : nil
            return try render(&draft, session: session, typed: [:], errors: [], notice: notice)
        }
    }

    /// The page for `draft`; decisions the record no longer raises are dropped from it (and saved).
    func render(_ draft: inout Draft, session: WebSession, typed: Typed, errors: [FormProblem], notice: String?,
                status: HTTPResponse.Status = .ok) throws -> Response {
        guard ReferralTasks.ready(draft, now: app.now), let record = try? SafeguardingRecord(draft.record, mode: .full) else {
            return .redirect(to: "/referrals/\(draft.id)", type: .normal)
        }
        var review = try RedactionReview.review(record, decisions: draft.decisions)
        if !review.unmatched.isEmpty {
            let stale = Set(review.unmatched)
            draft.decisions = DecisionFile(actions: draft.decisions.actions.filter { !stale.contains($0.finding) },
                                           reasons: draft.decisions.reasons.filter { !stale.contains($0.key) })
            try ReferralDrafts(app: app).save(draft, session: session)
            review = try RedactionReview.review(record, decisions: draft.decisions)
        }
        let exchange = try app.context(session)
        let agreement = exchange.agreement
        let purposeID = record.purpose ?? ""
        // What the agreement would refuse is found here, so a page view never reaches Send.prepare's
        // refusal (which is logged): only a press of Send is an attempt to share.
        var refusals: [String] = []
        for recipient in draft.recipients {
            if case .failure(let reason) = agreement.allowedFields(purpose: purposeID, recipient: recipient) {
                refusals.append(reason.message)
            }
        }
        if let purpose = agreement.purpose(purposeID), let basis = record.lawfulBasis?.article6, !purpose.lawfulBases.contains(basis) {
            refusals.append("purpose \(purposeID) may rest on \(purpose.lawfulBases.map(\.rawValue).joined(separator: ", ")), not \(basis.rawValue)")
        }
        refusals += try RequestAnswer.problems(draft, exchange: exchange, purposeName: app.purposeNames())
        var recipients: [RecipientView] = []
        var tokens: [String] = []
        if review.findings.isEmpty && refusals.isEmpty {
            let preparation: Send.Preparation
            do {
                preparation = try Send.prepare(record, purpose: purposeID, recipients: draft.recipients, context: exchange,
                                               decisions: draft.decisions)
            } catch {
                refusals.append(ReferralSend.describe(error))
                return try page(draft, record: record, review: review, recipients: [], tokens: [], refusals: refusals, typed: typed,
                                errors: errors, notice: notice, session: session, status: status)
            }
            tokens = preparation.summary.tokens.map(\.token)
            recipients = preparation.outgoing.map { outgoing in
                let narrative = outgoing.record["narrative"]?.stringValue
                return RecipientView(
                    name: outgoing.recipient.name + " (" + outgoing.recipient.agencyID + ")",
                    role: ReferralSections.label(outgoing.recipient.role.rawValue), record: RecordView(outgoing.record),
                    narrative: Self.highlight(narrative ?? "", tokens: tokens), narrativeShared: narrative != nil,
                    withheld: outgoing.withheld.map {
                        Withheld(field: $0.path.rawValue, why: $0.reason == .thirdPartyProtection
                                 ? "protects a third party's identity" : "the agreement does not give it to this role for this purpose")
                    })
            }
        }
        return try page(draft, record: record, review: review, recipients: recipients, tokens: tokens, refusals: refusals, typed: typed,
                        errors: errors, notice: notice, session: session, status: status)
    }

    private func page(_ draft: Draft, record: SafeguardingRecord, review: RedactionReview, recipients: [RecipientView], tokens: [String],
                      refusals: [String], typed: Typed, errors: [FormProblem], notice: String?, session: WebSession,
                      status: HTTPResponse.Status) throws -> Response {
        let findings = review.findings.enumerated().map { i, f -> FindingView in
            let n = i + 1
            let action = typed[n]?.action
            return FindingView(number: n, findingID: f.id, place: f.path == "narrative" ? "What happened" : f.path,
                               category: ReferralSections.label(f.category), why: f.why, before: f.before, words: f.words, after: f.after,
                               redact: action == "redact", keep: action == "keep", reason: typed[n]?.reason ?? "",
                               actionError: errors.first { $0.field == "action-\(n)" }?.message,
                               reasonError: errors.first { $0.field == "reason-\(n)" }?.message)
        }
        let exchange = try app.context(session)
        let purpose = exchange.agreement.purpose(record.purpose ?? "")?.name
        let documents = draft.documents.enumerated().map { i, d in
            ReferralDocuments.Document(number: i + 1, name: d.name, kind: ReferralDocuments.kind(d.type), size: DraftDocuments.size(Int(d.length)),
                                       addedBy: d.addedBy, remove: "")
        }
        let model = Model(
            csrf: session.csrf, draftID: draft.id, reference: record.id ?? "", childName: record.subject.name,
            emergency: record.concern?.urgency == .emergency, purpose: purpose ?? record.purpose ?? "",
            review: review.narrative.map { Segment(text: $0.text, token: $0.kind == .replaced, undecided: $0.kind == .undecided, finding: $0.finding) },
            findings: findings, recipients: recipients, tokens: tokens, decided: draft.decisions.actions.count, refusals: refusals,
            errorList: errors, notice: notice, canSend: findings.isEmpty && refusals.isEmpty && !recipients.isEmpty,
            answer: RequestAnswer.info(draft, exchange: exchange, purposeName: app.purposeNames()), documents: documents,
            documentsError: errors.first { $0.field == "documents-checked" }?.message)
        return app.pages.page("referral-check", model, title: (errors.isEmpty ? "" : "Error: ") + "Check what leaves", session: session,
                              section: "/referrals", status: status)
    }

    /// `text` cut so each occurrence of a token is its own highlighted segment.
    static func highlight(_ text: String, tokens: [String]) -> [Segment] {
        var out: [Segment] = []
        let tokens = tokens.filter { !$0.isEmpty }
        var rest = Substring(text)
        while !rest.isEmpty {
            let next = tokens.compactMap { t in rest.range(of: t).map { ($0, t) } }.min { $0.0.lowerBound < $1.0.lowerBound }
            guard let (range, _) = next else { break }
            if range.lowerBound > rest.startIndex {
                out.append(Segment(text: String(rest[..<range.lowerBound]), token: false, undecided: false, finding: nil))
            }
            out.append(Segment(text: String(rest[range]), token: true, undecided: false, finding: nil))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { out.append(Segment(text: String(rest), token: false, undecided: false, finding: nil)) }
        return out
    }

    // MARK: - Decisions

    /// Records the practitioner's decisions (redact, or keep with a reason) in the draft.
    func decide(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handleForm(request, context: context, formLimit: 256 * 1024) { session, fields, draft in
            var draft = draft
            if fields["clear"] != nil {
                draft.decisions = DecisionFile()
                try ReferralDrafts(app: app).save(draft, session: session)
                return .redirect(to: "/referrals/\(draft.id)/check", type: .normal)
            }
            guard let record = try? SafeguardingRecord(draft.record, mode: .full) else { return .redirect(to: "/referrals/\(draft.id)", type: .normal) }
            let open = Set(try RedactionReview.review(record, decisions: draft.decisions).findings.map(\.id))
            var typed: Typed = [:]
            var errors: [FormProblem] = []
            var actions = draft.decisions.actions
            var reasons = draft.decisions.reasons
            var n = 1
            // At most as many as are open: a form can name no more findings than the page showed.
            while n <= open.count, let id = fields["finding-\(n)"] {
                let action = fields["action-\(n)"].flatMap { ["redact", "keep"].contains($0) ? $0 : nil }
                let reason = fields.text("reason-\(n)") ?? ""
                typed[n] = (action, fields["reason-\(n)"] ?? "")
                if action == nil {
                    errors.append(FormProblem(field: "action-\(n)", anchor: "action-\(n)-1", message: "Select redact or keep for possible identity \(n)"))
                } else if action == "keep" && reason.isEmpty {
                    errors.append(FormProblem(field: "reason-\(n)", anchor: "reason-\(n)",
                                             message: "Say why possible identity \(n) can be kept: it is recorded in your receipt log"))
                } else if reason.count > 500 {
                    errors.append(FormProblem(field: "reason-\(n)", anchor: "reason-\(n)", message: "The reason for possible identity \(n) must be 500 characters or fewer"))
                } else if open.contains(id), !actions.contains(where: { $0.finding == id }), let action {
                    actions.append((id, action == "redact" ? .redact : .keep))
                    if !reason.isEmpty { reasons[id] = reason }
                }
                n += 1
            }
            if !errors.isEmpty {
                return try render(&draft, session: session, typed: typed, errors: errors, notice: nil, status: .badRequest)
            }
            draft.decisions = DecisionFile(actions: actions, reasons: reasons)
            try ReferralDrafts(app: app).save(draft, session: session)
            return .redirect(to: "/referrals/\(draft.id)/check", type: .normal)
        }
    }
}

extension ReferralCheck.Model: ViewModel {
    var computed: [String: Any] {
        ["hasFindings": !findings.isEmpty, "hasRecipients": !recipients.isEmpty, "hasTokens": !tokens.isEmpty, "hasRefusals": !refusals.isEmpty,
         "hasErrors": !errorList.isEmpty, "hasDecided": decided > 0, "findingCount": findings.count, "one": findings.count == 1,
         "hasDocuments": !documents.isEmpty, "decidedText": Format.count(decided, "decision")]
    }
}
extension ReferralCheck.Segment: ViewModel {}
extension ReferralCheck.FindingView: ViewModel {}
extension ReferralCheck.RecipientView: ViewModel {
    var computed: [String: Any] { ["hasWithheld": !withheld.isEmpty] }
}
extension ReferralCheck.Withheld: ViewModel {}
