import Hummingbird
import NIOCore
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostJSON
import SealpostLedger
import SealpostLog
import SealpostRecord

/// The receipt log: the table with filters, one entry's facts and details, "Verify the log", and
/// exports (CSV, or JSON with or without the details).
struct LogPage {
    let app: WebApp

    struct Row {
        let seq: Int64
        let time: String
        let kind: String
        let counterpart: String
        let purpose: String
        let status: String
        let statusTag: String
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Model {
        let rows: [Row]
        let total: Int
        let kinds: [Option]
        let counterpart: String
        let child: String
        let since: String
        let until: String
        let error: String?
        let exportQuery: String
        /// The newest entries first, `LogPagination.size` to a page.
        let pagination: LogPagination
    }

    func list(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let snapshot = LedgerCache.shared.snapshot(directory: app.home.logDirectory, atRest: AtRest(identity: try app.identity(session)))
        let ledger = snapshot.ledger
        let q = request.formQuery
        let kind = q["kind"].map(String.init) ?? ""
        let (filter, error) = Self.filter(q)
        let status = snapshot.status
        // Positions, not copies: a page shows 100 of what may be 10,000 matching entries.
        let entries = ledger.entries
        let matching = error == nil && filter.isEmpty ? Array(entries.indices) : entries.indices.filter { filter.matches(entries[$0]) }
        let pages = LogPagination(matching: matching.count, requested: q["page"].flatMap { Int($0) }, query: q)
        let rows = pages.page(of: matching.reversed()).map { entries[$0] }.map { entry -> Row in
            let state = status.state(of: entry).rawValue
            let counterparts = entry.counterparts(owner: app.agencyID)
            return Row(seq: entry.seq, time: Format.time(milliseconds: entry.at), kind: entry.kind.replacingOccurrences(of: "_", with: " "),
                       counterpart: counterparts.isEmpty ? "-" : counterparts.joined(separator: ", "), purpose: entry.facts.purpose ?? "-",
                       status: state, statusTag: Tags.state(state))
        }
        let kinds = [Option(value: "", label: "Any kind", selected: kind.isEmpty)]
            + (Receipt.Kind.allCases.map(\.rawValue) + ["erased"]).map { Option(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == kind) }
        let exportQuery = LogPagination.kept(Self.filterKeys, from: q).joined(separator: "&")
        let model = Model(rows: Array(rows), total: ledger.entries.count, kinds: kinds, counterpart: q["counterpart"].map(String.init) ?? "",
                          child: q["child"].map(String.init) ?? "", since: q["since"].map(String.init) ?? "",
                          until: q["until"].map(String.init) ?? "", error: error, exportQuery: exportQuery, pagination: pages)
        return app.pages.page("log", model, title: "Receipt log", session: session, section: "/log")
    }

    struct EntryModel {
        let seq: Int64
        let kind: String
        let time: String
        let hash: String
        let prev: String
        let signature: String
        /// What was decided, in one sentence, and its rows: the same words as the subject report.
        let headline: String
        let summary: [RecordView.Row]
        let facts: String
        let details: String?
        let commitment: String
        /// The request this entry answers (a record or decline sent, or a record received), linked.
        let answers: String?
        let answersHref: String?
    }

    func entry(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let snapshot = LedgerCache.shared.snapshot(directory: app.home.logDirectory, atRest: AtRest(identity: try app.identity(session)))
        guard let seq = context.parameters.get("seq").flatMap(Int64.init), let entry = snapshot.ledger.entry(seq: seq) else {
            return app.pages.problem(.notFound, title: "No such entry", message: "Choose an entry from the receipt log.", session: session)
        }
        let e = entry.entry
        let agreement = try? AgreementStore(home: app.home).current()?.agreement
        let event = HistoryEvent(entry, owner: app.agencyID, agreement: agreement, messages: snapshot.status,
                                 time: { Format.time(milliseconds: $0) })
        let link = Self.answeredRequest(entry.facts, home: app.home)
        func pretty(_ o: JSONObject) -> String {
            String(decoding: JSONValue.object(o).serialized(options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        }
        let model = EntryModel(seq: e.seq, kind: e.kind.replacingOccurrences(of: "_", with: " "), time: Format.time(milliseconds: e.at), hash: Hex.encode(e.hash), prev: Hex.encode(e.prev),
                               signature: Hex.encode(e.signature.rawRepresentation), headline: event.headline,
                               summary: HistoryRows.rows(event).filter { link == nil || $0.key != "In answer to" }, facts: e.facts.map(pretty) ?? "(not readable)",
                               details: entry.detailsJSON.map(pretty), commitment: String(Hex.encode(e.commitment).prefix(16)),
                               answers: link?.text, answersHref: link?.href)
        return app.pages.page("log-entry", model, title: "Log entry \(seq)", session: session, section: "/log")
    }

    /// The request an entry answers, by the message id its facts name (`in_answer_to`): one
    /// received here (a share decided, sent or declined in answer), or one this agency asked (a
    /// record received in answer).
    static func answeredRequest(_ facts: LedgerFacts, home: Home) -> (text: String, href: String)? {
        let asked: String?
        var answeredHere = true
        switch facts {
        case .shareDecided(let f): asked = f.inAnswerTo
        case .sent(let f): asked = f.inAnswerTo
        case .declined(let f): asked = f.inAnswerTo
        case .received(let f): asked = f.inAnswerTo; answeredHere = false
        default: asked = nil
        }
        guard let asked else { return nil }
        if answeredHere, let request = (try? Inbox.requests(home: home).entries())?.first(where: { $0.messageID == asked }) {
            return ("Answers request \(request.envelopeID.prefix(12)) from \(request.sender)", "/requests/received/\(request.envelopeID)")
        }
        if !answeredHere, let request = (try? Outbox.requests(home: home).entries())?.first(where: { $0.messageID == asked }) {
            return ("Answers your request \(request.envelopeID.prefix(12)) to \(request.recipient)", "/requests#r-\(request.envelopeID)")
        }
        return nil
    }

    struct VerifyModel {
        let valid: Bool
        let entries: Int64
        let detailsPresent: Int64
        let problem: String?
        let counterpartSignatures: Int64
    }

    func verify(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let identity = try app.identity(session)
        var verifier = LogVerifier(directory: app.home.logDirectory, owner: identity.signingKey.publicKey)
        verifier.atRest = AtRest(identity: identity)
        if let agreement = try? AgreementStore(home: app.home).current()?.agreement {
            verifier.evidence = ReceiptEvidence.verifier(agreement: agreement, owner: identity.signingKey.publicKey)
        }
        let model: VerifyModel
        do {
            let report = try verifier.verify()
            model = VerifyModel(valid: report.isValid, entries: Int64(report.entries), detailsPresent: Int64(report.detailsPresent),
                                problem: report.problem?.description, counterpartSignatures: Int64(report.evidenceChecked))
        } catch {
            model = VerifyModel(valid: false, entries: 0, detailsPresent: 0, problem: error.reason, counterpartSignatures: 0)
        }
        return app.pages.page("log-verify", model, title: model.valid ? "The log verifies" : "The log does not verify", session: session,
                              section: "/log")
    }

    func export(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session, session.signedIn != nil else { return .redirect(to: "/sign-in", type: .normal) }
        let ledger = try read(session)
        let q = request.formQuery
        let entries = Self.filter(q).filter.apply(to: ledger.entries)
        let format = context.parameters.get("format") ?? ""
        let bytes: [UInt8]
        let type: String
        switch format {
        case "csv":
            bytes = LedgerExport.csv(entries, owner: app.agencyID, status: MessageStatus(ledger.entries))
            type = "text/csv; charset=utf-8"
        case "json":
            bytes = LedgerExport.json(entries, agency: app.agencyID, withDetails: q["details"] == "1")
            type = "application/json"
        default:
            return app.pages.problem(.notFound, title: "No such export", message: "Export as CSV or JSON from the receipt log.")
        }
        return Response(status: .ok, headers: [.contentType: type,
                                               .contentDisposition: "attachment; filename=\"\(app.agencyID)-receipt-log.\(format)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func read(_ session: WebSession) throws -> Ledger {
        LedgerCache.shared.snapshot(directory: app.home.logDirectory, atRest: AtRest(identity: try app.identity(session))).ledger
    }

    /// The query's filter parameters (`filter(_:)` reads them; page links and exports keep them).
    static let filterKeys = ["kind", "counterpart", "child", "since", "until"]

    /// The filter the query asks for, with what was wrong in it (dates are `YYYY-MM-DD`, days in UK
    /// time as the page shows the entries: "to 2026-07-01" ends at midnight BST).
    static func filter(_ q: Hummingbird.Parameters) -> (filter: LedgerFilter, error: String?) {
        var error: String?
        func day(_ key: String, next: Bool = false) -> Int64? {
            guard let text = q[Substring(key)], !text.isEmpty else { return nil }
            guard let date = CalendarDate(iso: String(text)) else {
                error = "Enter the \(key == "since" ? "from" : "to") date as a year, month and day, for example 2026-11-21"
                return nil
            }
            guard next else { return UKCalendar.startOfDay(date) * 1000 }
            let end = CalendarDate(daysSince1970: date.daysSince1970 + 1).map(UKCalendar.startOfDay) ?? UKCalendar.startOfDay(date) + 86_400
            return end * 1000
        }
        let kind = q["kind"].flatMap { $0.isEmpty ? nil : [String($0)] } ?? []
        let filter = LedgerFilter(kinds: kind, counterpart: q["counterpart"].flatMap { $0.isEmpty ? nil : String($0) },
                                  child: q["child"].flatMap { $0.isEmpty ? nil : String($0) }, since: day("since"),
                                  until: day("until", next: true))
        return (filter, error)
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(UnicodeScalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-_.~".contains(c)) { out.append(c) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }
}

extension LogPage.Model: ViewModel {
    var computed: [String: Any] { ["hasRows": !rows.isEmpty, "totalText": Format.count(total, "entry", plural: "entries")] }
}

extension LogPage.VerifyModel: ViewModel {
    var computed: [String: Any] {
        var values: [String: Any] = ["entriesText": Format.count(Int(entries), "entry", plural: "entries"),
                                     "signaturesText": Format.count(Int(counterpartSignatures), "signature")]
        // What retention erased, said only of a log that verified (a broken chain stops the details check).
        if valid && entries > 0 {
            values["detailsText"] = detailsPresent == entries
                ? (entries == 1 ? "The entry still holds its details." : "Every entry still holds its details.")
                : detailsPresent == 0 ? "The details of every entry were erased under a retention rule."
                : "\(detailsPresent) of \(entries) entries still hold their details; the rest were erased under a retention rule."
        }
        return values
    }
}
