import Foundation
import Hummingbird
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostRecord

/// The drafts a practitioner is writing (sealed to the agency's key, `Drafts`), how one starts,
/// and how one is loaded and saved for a page: every page that changes a draft saves it at once,
/// recording who changed it.
struct ReferralDrafts {
    let app: WebApp

    /// The signed-in practitioner as a draft records them.
    static func who(_ session: WebSession) -> String {
        guard let p = session.signedIn?.practitioner else { return "unknown" }
        return p.role.isEmpty ? p.name : "\(p.name) (\(p.role))"
    }

    func store() -> Drafts { Drafts(home: app.home) }

    /// The draft named by the route's `:id`, or nil (answer with `notFound`).
    func load(_ context: WebContext, session: WebSession) throws -> Draft? {
        try store().load(context.parameters.get("id") ?? "", identity: app.identity(session))
    }

    /// Answers a request to a draft's page (`WebApp.handle`'s order, then the draft): `body` gets
    /// the session, the form (a POST's, of at most `formLimit` bytes; nil for a GET) and the draft
    /// the route's `:id` names; a draft that is not held here (sent, deleted, mistyped) is "Draft
    /// not found". A question page answers its GET and its POST with one body, which saves what
    /// was typed when there is a form.
    func handle(_ request: Request, context: WebContext, formLimit: Int = 4096,
                _ body: (WebSession, FormBody.Fields?, Draft) async throws -> Response) async throws -> Response {
        try await app.handle(request, context: context, formLimit: formLimit) { session, fields in
            guard let draft = try load(context, session: session) else { return notFound(session) }
            return try await body(session, fields, draft)
        }
    }

    /// `handle` for a route that is only a POST, whose form is always there.
    func handleForm(_ request: Request, context: WebContext, formLimit: Int = 4096,
                    _ body: (WebSession, FormBody.Fields, Draft) async throws -> Response) async throws -> Response {
        try await handle(request, context: context, formLimit: formLimit) { session, fields, draft in
            guard let fields else { throw HTTPError(.methodNotAllowed) }
            return try await body(session, fields, draft)
        }
    }

    func notFound(_ session: WebSession) -> Response {
        app.pages.problem(.notFound, title: "Draft not found",
                          message: "No draft referral with that reference is held here. It may have been sent or deleted; see Referrals.",
                          session: session)
    }

    func save(_ draft: Draft, session: WebSession) throws {
        var draft = draft
        draft.updatedAt = app.now
        draft.updatedBy = Self.who(session)
        try store().save(draft, identity: app.identity(session))
    }

    /// A new draft: a record reference, and the author filled in from the signed-in practitioner.
    func start(session: WebSession, record: JSONValue? = nil) throws -> Draft {
        guard let practitioner = session.signedIn?.practitioner else { throw WebError("not signed in") }
        var draft = Draft(createdAt: app.now, createdBy: Self.who(session), record: record ?? .object(JSONObject()))
        if draft[member: "id"] == nil { draft.set("id", .string(Self.reference(agency: app.agencyID, now: app.now))) }
        if draft[member: "author"] == nil {
            var author = JSONObject()
            author["name"] = .string(practitioner.name)
            if !practitioner.role.isEmpty { author["job_title"] = .string(practitioner.role) }
            author["organisation"] = .string(app.pages.agency)
            draft.set("author", .object(author))
        }
        try store().save(draft, identity: app.identity(session))
        return draft
    }

    /// `AGENCY-YYYYMMDD-XXXXXX`: unique enough to tell referrals apart, and a valid record id.
    static func reference(agency: String, now: Int64) -> String {
        let date = Timestamp.iso(seconds: now).prefix(10).replacingOccurrences(of: "-", with: "")
        let safe = agency.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.prefix(40)
        return "\(safe.isEmpty ? "referral" : String(safe))-\(date)-\(Draft.newID().prefix(6))"
    }
}
