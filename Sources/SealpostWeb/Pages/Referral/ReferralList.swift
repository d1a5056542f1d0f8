import Foundation
import Hummingbird
import NIOCore
import SealpostExchange
import SealpostRecord

/// Referrals being written: the drafts held here (each opened with the agency's key), starting a
/// new one, importing a record file as a draft, exporting a draft's record, and deleting one.
struct ReferralList {
    let app: WebApp

    struct Row {
        let href: String
        let child: String
        let reference: String
        let updated: String
        let status: String
        let statusTag: String
        /// The request it answers (its short reference), when started with "Answer with a record".
        let answers: String?
    }

    struct Model {
        let csrf: String
        let drafts: [Row]
        let damaged: Int
        let importError: String?
    }

    func list(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        return try page(session: session, importError: nil)
    }

    func page(session: WebSession, importError: String?) throws -> Response {
        let (drafts, damaged) = ReferralDrafts(app: app).store().list(identity: try app.identity(session))
        let rows = drafts.map { d in
            let ready = ReferralTasks.ready(d, now: app.now)
            return Row(href: "/referrals/\(d.id)", child: d.childName ?? "(child not yet named)", reference: d[member: "id"]?.stringValue ?? "",
                       updated: Format.time(seconds: d.updatedAt) + " by " + d.updatedBy, status: ready ? "Ready to check" : "In progress",
                       statusTag: ready ? "govuk-tag--green" : "govuk-tag--blue", answers: d.answering.map { String($0.prefix(12)) })
        }
        let model = Model(csrf: session.csrf, drafts: rows, damaged: damaged, importError: importError)
        return app.pages.page("referral-drafts", model, title: (importError == nil ? "" : "Error: ") + "Referrals", session: session,
                              section: "/referrals", status: importError == nil ? .ok : .badRequest)
    }

    func start(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        _ = try await FormBody.read(request, context: context, limit: 4096)
        let draft = try ReferralDrafts(app: app).start(session: session)
        return .redirect(to: "/referrals/\(draft.id)", type: .normal)
    }

    /// A record file (the JSON `sealpost send` takes) uploaded as a new draft. Members that are
    /// not the record's are left out; everything else is kept as it is and checked section by
    /// section, so a file with mistakes can be put right here.
    func importRecord(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let form = try await MultipartForm.read(request, context: context, limit: app.configuration.maxBodyBytes)
        guard let file = form.file("record"), !file.isEmpty else {
            return try page(session: session, importError: "Select a record file to import")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(file) } catch {
            return try page(session: session, importError: "The file is not a record: it is not JSON (\(error.problem))")
        }
        guard let object = value.objectValue else {
            return try page(session: session, importError: "The file is not a record: a record is a JSON object, { ... }")
        }
        var record = JSONObject()
        for key in SafeguardingRecord.fields { if let v = object[key], !v.isNull { record[key] = v } }
        // The reference must be one this app can send under: a missing or unusable one is replaced.
        if SafeguardingRecord.issues(in: .object(record), mode: .full).contains(where: { $0.path == JSONPath([.key("id")]) }) {
            record["id"] = nil
        }
        guard !record.isEmpty else {
            return try page(session: session, importError: "The file holds none of a record's fields (subject, narrative, ...): see spec/record.md")
        }
        let draft = try ReferralDrafts(app: app).start(session: session, record: .object(record))
        return .redirect(to: "/referrals/\(draft.id)?imported=1", type: .normal)
    }

    /// The draft's record as a file to download (what `sealpost send` takes once it is complete).
    func export(_ request: Request, context: WebContext) async throws -> Response {
        try await ReferralDrafts(app: app).handle(request, context: context) { session, _, draft in
            let name = (draft[member: "id"]?.stringValue ?? "referral").filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            let bytes = JSONWriter(options: [.prettyPrinted]).bytes(draft.record) + [0x0a]
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(name.isEmpty ? "referral" : name).json\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    func delete(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        _ = try await FormBody.read(request, context: context, limit: 4096)
        let id = context.parameters.get("id") ?? ""
        try ReferralDrafts(app: app).store().delete(id)
        return .redirect(to: "/referrals", type: .normal)
    }
}

extension ReferralList.Model: ViewModel {
    var computed: [String: Any] { ["hasDrafts": !drafts.isEmpty, "hasDamaged": damaged > 0, "damagedText": Format.count(damaged, "draft file")] }
}
extension ReferralList.Row: ViewModel {}
