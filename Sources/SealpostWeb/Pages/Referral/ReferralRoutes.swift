import Hummingbird

/// The referral pages' routes (registered by `buildWebRouter`): drafts, the task list and its
/// question pages, documents, recipients, check what leaves, decisions, send and its confirmation.
func addReferralRoutes(to router: Router<WebContext>, app: WebApp) {
    router.get("/assets/referral.js") { _, _ in Asset(body: ReferralScript.source, type: "text/javascript; charset=utf-8") }

    let list = ReferralList(app: app)
    router.get("/referrals") { request, context in try await list.list(request, context: context) }
    router.post("/referrals/new") { request, context in try await list.start(request, context: context) }
    router.post("/referrals/import") { request, context in try await list.importRecord(request, context: context) }

    let send = ReferralSend(app: app)
    router.get("/referrals/sent") { request, context in try await send.confirmation(request, context: context) }

    let tasks = ReferralTasks(app: app)
    router.get("/referrals/:id") { request, context in try await tasks.show(request, context: context) }
    router.get("/referrals/:id/export") { request, context in try await list.export(request, context: context) }
    router.post("/referrals/:id/delete") { request, context in try await list.delete(request, context: context) }

    let questions = ReferralQuestions(app: app)
    router.get("/referrals/:id/section/:slug") { request, context in try await questions.section(request, context: context) }
    router.post("/referrals/:id/section/:slug") { request, context in try await questions.section(request, context: context) }
    router.get("/referrals/:id/list/:kind") { request, context in try await questions.showList(request, context: context) }
    router.post("/referrals/:id/list/:kind/done") { request, context in try await questions.finishList(request, context: context) }
    router.get("/referrals/:id/list/:kind/:n") { request, context in try await questions.item(request, context: context) }
    router.post("/referrals/:id/list/:kind/:n") { request, context in try await questions.item(request, context: context) }
    router.post("/referrals/:id/list/:kind/:n/remove") { request, context in try await questions.removeItem(request, context: context) }

    let recipients = ReferralRecipients(app: app)
    router.get("/referrals/:id/recipients") { request, context in try await recipients.page(request, context: context) }
    router.post("/referrals/:id/recipients") { request, context in try await recipients.page(request, context: context) }

    let documents = ReferralDocuments(app: app)
    router.get("/referrals/:id/documents") { request, context in try await documents.show(request, context: context) }
    router.post("/referrals/:id/documents") { request, context in try await documents.upload(request, context: context) }
    router.post("/referrals/:id/documents/:document/remove") { request, context in try await documents.remove(request, context: context) }

    let check = ReferralCheck(app: app)
    router.get("/referrals/:id/check") { request, context in try await check.show(request, context: context) }
    router.post("/referrals/:id/decisions") { request, context in try await check.decide(request, context: context) }
    router.post("/referrals/:id/send") { request, context in try await send.send(request, context: context) }
}
