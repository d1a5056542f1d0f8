import Hummingbird
import SealpostCore
import SealpostExchange

/// The referral's "Documents" task: files sent with the record as attachments (spec/exchange.md
/// §Attachments). Each upload (`multipart/form-data`, at most one document's limit) is checked as
/// the command line checks `--attach` (its type from its content and extension), given a safe
/// name, and sealed to the agency's own key beside the draft (DraftDocuments): never plaintext on
/// disk. Documents are not redacted, so check what leaves asks the practitioner to confirm each
/// was checked before Send, and that confirmation is logged as the command line logs
/// `--attachments-checked`.
struct ReferralDocuments {
    let app: WebApp

    struct Document {
        let number: Int
        let name: String
        let kind: String
        let size: String
        let addedBy: String
        let remove: String
    }

    struct Model {
        let csrf: String
        let draftID: String
        let documents: [Document]
        let total: String
        let error: String?
        let added: Bool
        let removed: Bool
        let maximumFile: String
        let maximumTotal: String
        let maximumCount: Int
        let full: Bool
    }

    /// The largest request an upload may be: one document and the form around it.
    static var uploadLimit: Int { DraftDocuments.maximumFileBytes + 64 * 1024 }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context) { session, _, draft in
            let q = request.formQuery
            return page(draft, session: session, error: nil, added: q["added"] == "1", removed: q["removed"] == "1")
        }
    }

    func upload(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let form: MultipartForm
        do { form = try await MultipartForm.read(request, context: context, limit: Self.uploadLimit) } catch let refused as FormBody.Refused {
            // Too large: said on the page itself (nothing was read past the limit, nothing changed).
            guard refused.status == .contentTooLarge, let draft = try ReferralDrafts(app: app).load(context, session: session) else { throw refused }
            return page(draft, session: session, error: "The file must be smaller than \(DraftDocuments.size(DraftDocuments.maximumFileBytes))",
                        status: .contentTooLarge)
        }
        guard var draft = try ReferralDrafts(app: app).load(context, session: session) else { return ReferralDrafts(app: app).notFound(session) }
        guard let bytes = form.file("document"), !bytes.isEmpty, let name = form.filename("document"), !name.isEmpty else {
            return page(draft, session: session, error: "Select a file to add", status: .badRequest)
        }
        let identity = try app.identity(session)
        do {
            try DraftDocuments(home: app.home).add(bytes, named: name, to: &draft, by: ReferralDrafts.who(session), at: app.now,
                                                   identity: identity)
        } catch {
            guard error.code == .record else { throw error }
            return page(draft, session: session, error: Self.sentence(error), status: .badRequest)
        }
        try ReferralDrafts(app: app).save(draft, session: session)
        return .redirect(to: "/referrals/\(draft.id)/documents?added=1", type: .normal)
    }

    func remove(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handleForm(request, context: context) { session, _, draft in
            var draft = draft
            let id = context.parameters.get("document") ?? ""
            guard draft.documents.contains(where: { $0.id == id }) else { return .redirect(to: "/referrals/\(draft.id)/documents", type: .normal) }
            draft.documents.removeAll { $0.id == id }
            // The draft first: a crash between leaves an unnamed sealed file, removed with the draft.
            try ReferralDrafts(app: app).save(draft, session: session)
            DraftDocuments(home: app.home).removeFile(id, of: draft.id)
            return .redirect(to: "/referrals/\(draft.id)/documents?removed=1", type: .normal)
        }
    }

    private func page(_ draft: Draft, session: WebSession, error: String?, added: Bool = false, removed: Bool = false,
                      status: HTTPResponse.Status = .ok) -> Response {
        let documents = draft.documents.enumerated().map { i, d in
            Document(number: i + 1, name: d.name, kind: Self.kind(d.type), size: DraftDocuments.size(Int(d.length)), addedBy: d.addedBy,
                     remove: "/referrals/\(draft.id)/documents/\(d.id)/remove")
        }
        let model = Model(csrf: session.csrf, draftID: draft.id, documents: documents,
                          total: DraftDocuments.size(draft.documents.reduce(0) { $0 + Int($1.length) }), error: error, added: added,
                          removed: removed, maximumFile: DraftDocuments.size(DraftDocuments.maximumFileBytes),
                          maximumTotal: DraftDocuments.size(DraftDocuments.maximumTotalBytes), maximumCount: DraftDocuments.maximumCount,
                          full: draft.documents.count >= DraftDocuments.maximumCount)
        return app.pages.page("referral-documents", model, title: (error == nil ? "" : "Error: ") + "Documents", session: session,
                              section: "/referrals", status: status)
    }

    /// The library's refusal as one sentence for the error summary (it names no one: a file name at most).
    static func sentence(_ error: ExchangeError) -> String {
        var text = error.message.replacingOccurrences(of: "; nothing was sealed", with: "")
        if let range = text.range(of: #"^attachment \d+ "#, options: .regularExpression) { text = "The file " + text[range.upperBound...] }
        text = text.prefix(1).uppercased() + text.dropFirst()
        return text + (error.hint.map { ": " + $0 } ?? "")
    }

    /// A document's type as practitioners know it.
    static func kind(_ type: String) -> String {
        let known: [String: String] = [
            "application/pdf": "PDF", "image/png": "PNG image", "image/jpeg": "JPEG image", "image/gif": "GIF image", "image/webp": "WebP image",
            "image/tiff": "TIFF image", "image/heic": "HEIC image", "application/rtf": "Rich text document", "text/plain": "Text",
            "text/csv": "CSV spreadsheet", "text/markdown": "Text (Markdown)", "application/msword": "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
            "application/vnd.ms-excel": "Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
            "application/vnd.ms-powerpoint": "PowerPoint presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
            "application/vnd.oasis.opendocument.text": "OpenDocument text", "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
            "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
        ]
        return known[type] ?? type
    }
}

extension ReferralDocuments.Model: ViewModel {
    var computed: [String: Any] { ["hasDocuments": !documents.isEmpty] }
}
extension ReferralDocuments.Document: ViewModel {}
