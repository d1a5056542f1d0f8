import Hummingbird
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostRecord

/// Page 7, Requests (spec/web.md §Requests): ask another agency for what it holds about a child,
/// the agency and purpose chosen from the agreement (`Request.seal` refuses, before sealing and
/// with the agreement's reason, when this agency has no role for the purpose); the requests asked
/// with their answers; and the requests asked of this agency, each opening the page that declines it.
struct RequestsPage {
    let app: WebApp

    struct Model {
        let csrf: String
        let asked: [RequestLists.Asked]
        let received: [RequestLists.Received]
        let form: AskForm
        let askedReference: String?
        let askedTo: String?
        let queued: Bool
        let checked: String?
    }

    /// The ask form: choices from the agreement, what was typed, and its problems.
    struct AskForm {
        let agencies: [LoopForm.SelectOption]
        let purposes: [LoopForm.SelectOption]
        let urgencies: [LoopForm.Choice]
        let childName: String
        let nhsNumber: String
        let dobDay: String
        let dobMonth: String
        let dobYear: String
        let reason: String
        let problems: [FormProblem]
        let toError: String?
        let purposeError: String?
        let childNameError: String?
        let nhsNumberError: String?
        let dobError: String?
        let reasonError: String?
    }

    func list(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            let q = request.formQuery
            return try render(session, exchange: exchange, fields: nil, problems: LoopForm.Problems(), askedID: q["asked"].map(String.init),
                              queued: q["queued"] == "1", checked: q["checked"].flatMap { Int($0) }.map { "Checked the relay: \(Format.count($0, "new decline"))." })
        }
    }

    func ask(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context, formLimit: 32 * 1024) { session, fields, exchange in
            var problems = LoopForm.Problems()
            let holder = fields.text("to"), purpose = fields.text("purpose")
            if holder == nil { problems.add("to", "Select the agency to ask") }
            if purpose == nil { problems.add("purpose", "Select what the information is needed for") }
            let urgency = SafeguardingRecord.Concern.Urgency(rawValue: fields.text("urgency") ?? "routine") ?? .routine
            var subject: InformationRequest.Subject?
            let name = fields.text("child-name")
            if name == nil {
                problems.add("child-name", "Enter the child's name")
            } else if (try? InformationRequest.Subject(name: name ?? "")) == nil {
                problems.add("child-name", "Enter the child's name as letters on one line, like Jayden Okafor")
            }
            var nhs: NHSNumber?
            if let text = fields.text("nhs-number") {
                nhs = NHSNumber(text)
                if nhs == nil { problems.add("nhs-number", "Enter a real NHS number, 10 digits like 943 476 5919") }
            }
            let dob = Self.date(fields, today: UKCalendar.today(atUnixTime: app.now), problems: &problems)
            if let name, problems.isEmpty { subject = try? InformationRequest.Subject(name: name, nhsNumber: nhs, dob: dob) }
            let reason = fields["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            problems.checkText(reason, field: "reason", label: "Why the information is needed", required: true,
                               emptyMessage: "Enter why the information is needed")
            guard problems.isEmpty, let holder, let purpose, let subject, let reason else {
                return try render(session, exchange: exchange, fields: fields, problems: problems, status: .badRequest)
            }
            let sealed: OutboxEntry
            switch Self.seal(holder: holder, purpose: purpose, urgency: urgency, subject: subject, reason: reason, context: exchange) {
            case .success(let entry): sealed = entry
            case .failure(let error) where error.code == .agreement:
                problems.add("purpose", error.message.prefix(1).uppercased() + error.message.dropFirst() + (error.hint.map { ". " + $0 } ?? ""))
                return try render(session, exchange: exchange, fields: fields, problems: problems, status: .conflict)
            case .failure(let error): throw error
            }
            do {
                _ = try await app.withRelay(exchange) { relay in try await SealpostExchange.Request.deposit(sealed, session: relay) }
            } catch let error as ExchangeError {
                app.logger.warning("request sealed, not yet deposited", metadata: ["code": .string("\(error.code)")])
                return .redirect(to: "/requests?asked=\(sealed.envelopeID)&queued=1", type: .normal)
            }
            return .redirect(to: "/requests?asked=\(sealed.envelopeID)", type: .normal)
        }
    }

    /// `Request.seal`, its refusal as a value (the page shows an agreement's refusal on the form).
    static func seal(holder: String, purpose: String, urgency: SafeguardingRecord.Concern.Urgency, subject: InformationRequest.Subject,
                     reason: String, context: ExchangeContext) -> Result<OutboxEntry, ExchangeError> {
        do {
            return .success(try SealpostExchange.Request.seal(to: holder, purpose: purpose, urgency: urgency, subject: subject, reason: reason,
                                                              context: context))
        } catch {
            return .failure(error)
        }
    }

    /// "Check for answers": collects declines (and anything else waiting) and deposits requests
    /// the relay could not take before.
    func sync(_ request: Request, context: WebContext) async throws -> Response {
        try await app.acting(request, context: context) { session, _, exchange in
            let report = try await app.withRelay(exchange, finishPending: true) { relay in try await Sync.run(session: relay) }
            return .redirect(to: "/requests?checked=\(report.declined.count)", type: .normal)
        }
    }

    /// The date of birth from its three fields: nil when all are empty; a problem when some are
    /// missing, it is not a real date, or it is in the future.
    static func date(_ fields: FormBody.Fields, today: CalendarDate, problems: inout LoopForm.Problems) -> CalendarDate? {
        let parts = ["dob-day", "dob-month", "dob-year"].map { fields.text($0) }
        if parts.allSatisfy({ $0 == nil }) { return nil }
        guard let d = parts[0].flatMap({ Int($0) }), let m = parts[1].flatMap({ Int($0) }), let y = parts[2].flatMap({ Int($0) }),
              parts[2]?.count == 4, let date = CalendarDate(year: y, month: m, day: d) else {
            problems.add("dob-day", "Date of birth must be a real date, like 27 3 2015")
            return nil
        }
        guard date <= today else {
            problems.add("dob-day", "Date of birth must be today or in the past")
            return nil
        }
        return date
    }

    private func render(_ session: WebSession, exchange: ExchangeContext, fields: FormBody.Fields?, problems: LoopForm.Problems,
                        askedID: String? = nil, queued: Bool = false, checked: String? = nil,
                        status: HTTPResponse.Status = .ok) throws -> Response {
        let purposeName = app.purposeNames()
        let agreement = exchange.agreement
        let me = app.agencyID
        let to = fields?.text("to"), purpose = fields?.text("purpose"), urgency = fields?.text("urgency") ?? "routine"
        let agencies = [LoopForm.SelectOption(value: "", label: "Choose an agency", selected: to == nil)]
            + agreement.parties.filter { $0.agencyID != me && $0.status == .active && $0.role != .relayOperator }.map {
                LoopForm.SelectOption(value: $0.agencyID, label: "\($0.name) (\($0.role.rawValue.replacingOccurrences(of: "_", with: " ")))",
                                      selected: $0.agencyID == to)
            }
        let purposes = [LoopForm.SelectOption(value: "", label: "Choose a purpose", selected: purpose == nil)]
            + agreement.purposes.map { LoopForm.SelectOption(value: $0.id, label: $0.name, selected: $0.id == purpose) }
        let urgencies = SafeguardingRecord.Concern.Urgency.allCases.sorted { $0.rank > $1.rank }.map { u in
            LoopForm.Choice(id: u == .routine ? "urgency" : "urgency-\(u.rawValue)", value: u.rawValue, label: u.rawValue.capitalized,
                            hint: nil, checked: u.rawValue == urgency)
        }
        let form = AskForm(
            agencies: agencies, purposes: purposes, urgencies: urgencies, childName: fields?["child-name"] ?? "",
            nhsNumber: fields?["nhs-number"] ?? "", dobDay: fields?["dob-day"] ?? "", dobMonth: fields?["dob-month"] ?? "",
            dobYear: fields?["dob-year"] ?? "", reason: fields?["reason"] ?? "", problems: problems.items, toError: problems["to"],
            purposeError: problems["purpose"], childNameError: problems["child-name"], nhsNumberError: problems["nhs-number"],
            dobError: problems["dob-day"], reasonError: problems["reason"])
        let asked = try RequestLists.asked(exchange, purposeName: purposeName)
        let just = askedID.flatMap { id in asked.first { $0.anchor == "r-\(id)" } }
        let model = Model(csrf: session.csrf, asked: asked, received: try RequestLists.received(exchange, purposeName: purposeName), form: form,
                          askedReference: just?.reference, askedTo: just?.to, queued: queued, checked: checked)
        let title = "Requests for information"
        return app.pages.page("requests", model, title: problems.isEmpty ? title : "Error: " + title, session: session, section: "/requests",
                              status: status)
    }
}

extension RequestsPage.Model: ViewModel {
    var computed: [String: Any] { ["hasAsked": !asked.isEmpty, "hasReceived": !received.isEmpty] }
}

extension RequestsPage.AskForm: ViewModel {
    var computed: [String: Any] { ["hasProblems": !problems.isEmpty] }
}

func addRequestRoutes(_ router: Router<WebContext>, app: WebApp) {
    let page = RequestsPage(app: app)
    router.get("/requests") { request, context in try await page.list(request, context: context) }
    router.post("/requests") { request, context in try await page.ask(request, context: context) }
    router.post("/requests/sync") { request, context in try await page.sync(request, context: context) }
    let received = ReceivedRequestPage(app: app)
    router.get("/requests/received/:id") { request, context in try await received.show(request, context: context) }
    router.post("/requests/received/:id/decline") { request, context in try await received.decline(request, context: context) }
    let answer = RequestAnswer(app: app)
    router.post("/requests/received/:id/answer") { request, context in try await answer.start(request, context: context) }
}
