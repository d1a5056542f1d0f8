import Foundation
import Hummingbird
import SealpostAgreement
import SealpostCore
import SealpostLedger

/// A child's information-sharing history, by name or NHS number, printable: the same report as
/// `sealpost report --subject` (SealpostLedger's SubjectReport).
struct ReportPage {
    let app: WebApp

    struct Event {
        let number: Int
        let time: String
        let headline: String
        let details: [RecordView.Row]
    }

    struct Model {
        let query: String
        let searched: Bool
        let error: String?
        let subject: String?
        let verification: String
        let verified: Bool
        let events: [Event]
        let erased: Int
        let generated: String
    }

    func show(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let query = request.formQuery["subject"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let searched = request.formQuery["subject"] != nil
        guard searched, SubjectQuery(query).isUsable else {
            let error = searched ? "Enter the child's name, NHS number or record reference" : nil
            let model = Model(query: query, searched: false, error: error, subject: nil, verification: "", verified: false, events: [],
                              erased: 0, generated: "")
            return app.pages.page("report", model, title: error == nil ? "Subject report" : "Error: Subject report", session: session,
                                  section: "/report", status: error == nil ? .ok : .badRequest)
        }
        let identity = try app.identity(session)
        let ledger = (try? Ledger.read(directory: app.home.logDirectory, atRest: AtRest(identity: identity))) ?? Ledger()
        let agreement = try? AgreementStore(home: app.home).current()?.agreement
        let report = SubjectReport(query: query, ledger: ledger, owner: app.agencyID, agreement: agreement,
                                   time: { Format.time(milliseconds: $0) })
        let verification = SubjectReport.verify(directory: app.home.logDirectory, owner: identity.signingKey.publicKey, atRest: AtRest(identity: identity))
        let events = report.events.enumerated().map { i, e -> Event in
            var rows = HistoryRows.rows(e)
            rows.append(.init(key: "Log entry", value: String(e.seq)))
            return Event(number: i + 1, time: Format.time(milliseconds: e.at), headline: e.headline, details: rows)
        }
        let subject = report.subject.map { s in
            [s.name, s.nhsNumber.map { "NHS number \($0)" }, s.dob.map { "born \(Format.date("\($0)"))" }].compactMap { $0 }.joined(separator: ", ")
        }
        let (text, ok): (String, Bool) = switch verification {
        case .verified(let n): ("The receipt log verifies (\(Format.count(Int(n), "entry", plural: "entries"))).", true)
        case .failed(let problem): ("The receipt log does not verify: \(problem)", false)
        case .notChecked: ("The receipt log could not be checked.", false)
        }
        let model = Model(query: query, searched: true, error: nil, subject: subject, verification: text, verified: ok, events: events,
                          erased: report.erasedEntries, generated: Format.time(seconds: app.now))
        return app.pages.page("report", model, title: "Subject report", session: session, section: "/report")
    }
}

extension ReportPage.Model: ViewModel {
    var computed: [String: Any] { ["hasEvents": !events.isEmpty, "hasErased": erased > 0] }
}
