import Hummingbird
import SealpostExchange

/// The routes that close the loop on a record: recording an outcome (the recipient) and
/// recording that the family was told (the sender).
func addOutcomeRoutes(_ router: Router<WebContext>, app: WebApp) {
    let outcome = OutcomePage(app: app)
    router.get("/inbox/:id/outcome") { request, context in try await outcome.form(request, context: context) }
    router.post("/inbox/:id/outcome") { request, context in try await outcome.submit(request, context: context) }
    let family = FamilyToldAction(app: app)
    router.post("/sent/family-told") { request, context in try await family.submit(request, context: context) }
}

/// "Record that the family has been told", on a send whose record says the family will be told
/// (`FamilyTold.record`: logged with the practitioner's name; nothing is sent).
struct FamilyToldAction {
    let app: WebApp

    func submit(_ request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        let fields = try await FormBody.read(request, context: context, limit: 4096)
        guard let recordID = fields.text("record") else {
            return app.pages.problem(.badRequest, title: "No record chosen", message: "Choose the send on the Sent page.", session: session)
        }
        let exchange = try app.context(session)
        _ = try FamilyTold.record(recordID: recordID, context: exchange)
        return .redirect(to: "/sent?told=1", type: .normal)
    }
}
