import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import SealpostCore

/// `sealpost web`: the app for one agency's home.
///
///     let app = try await buildWebApplication(configuration, logger: logger)
///     try await app.runService()
public func buildWebApplication(_ configuration: WebConfiguration, logger: Logger,
                                onListening: @escaping @Sendable (Int) async -> Void = { _ in })
    async throws -> some ApplicationProtocol {
    if let problem = configuration.problem() { throw problem }
    let card: IdentityCard
    do { card = try configuration.home.card() } catch {
        throw WebError("no agency home at \(configuration.home.path): \(error.reason)", hint: error.hint ?? "create one with: sealpost init")
    }
    guard configuration.accounts.anyone() else {
        throw WebError("no practitioner can sign in to \(configuration.home.path)",
                       hint: "add one with: sealpost user add --home \(configuration.home.path) --name \"NAME\" --role \"ROLE\"")
    }
    let app = try WebApp(configuration: configuration, agencyName: card.name, agencyID: card.agencyID, logger: logger)
    var server: HTTPServerBuilder = .http1(configuration: .init(idleTimeout: .seconds(60)))
    if let files = configuration.tls { server = try .tls(server, tlsConfiguration: try tlsConfiguration(files)) }
    let host = configuration.host, port = configuration.port
    return Application(
        router: buildWebRouter(app),
        server: server,
        configuration: .init(address: .hostname(host, port: port), serverName: nil),
        onServerRunning: { channel in
            let bound = channel.localAddress?.port ?? port
            logger.info("sealpost web listening", metadata: ["host": "\(host)", "port": "\(bound)", "tls": "\(configuration.tls != nil)"])
            await onListening(bound)
        },
        logger: logger)
}

/// The routes. Every page but sign-in and the assets needs a signed-in session; every POST
/// needs the session's CSRF token; every answer carries the security headers.
func buildWebRouter(_ app: WebApp) -> Router<WebContext> {
    let router = Router(context: WebContext.self)
    router.add(middleware: ErrorPageMiddleware(pages: app.pages, logger: app.logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: HostGuardMiddleware(allowedHosts: app.allowedHosts, pages: app.pages))
    router.add(middleware: app.sessionMiddleware)

    router.get("/assets/app.css") { _, _ in Asset(body: Stylesheet.css + LoopStyles.css, type: "text/css; charset=utf-8") }
    router.get("/assets/app.js") { _, _ in Asset(body: Stylesheet.script, type: "text/javascript; charset=utf-8") }

    let signIn = SignInPage(app: app)
    router.get("/sign-in") { request, context in await signIn.show(request, context: context) }
    router.post("/sign-in") { request, context in try await signIn.submit(request, context: context) }
    router.post("/sign-out") { request, context in try await signIn.signOut(request, context: context) }

    let home = HomePage(app: app)
    router.get("/") { request, context in try await home.show(request, context: context) }

    let inbox = InboxPage(app: app)
    router.get("/inbox") { request, context in try await inbox.list(request, context: context) }
    router.post("/inbox/open") { request, context in try await inbox.open(request, context: context) }
    router.get("/inbox/:id") { request, context in try await inbox.show(request, context: context) }
    router.post("/inbox/:id/acknowledge") { request, context in try await inbox.acknowledge(request, context: context) }
    let documents = ReceivedDocuments(app: app)
    router.get("/inbox/:id/documents/:n") { request, context in try await documents.download(request, context: context) }

    let sent = SentPage(app: app)
    router.get("/sent") { request, context in try await sent.show(request, context: context) }
    router.post("/sent/sync") { request, context in try await sent.sync(request, context: context) }

    let log = LogPage(app: app)
    router.get("/log") { request, context in try await log.list(request, context: context) }
    router.get("/log/verify") { request, context in try await log.verify(request, context: context) }
    router.get("/log/export/:format") { request, context in try await log.export(request, context: context) }
    router.get("/log/:seq") { request, context in try await log.entry(request, context: context) }

    let report = ReportPage(app: app)
    router.get("/report") { request, context in try await report.show(request, context: context) }

    addOutcomeRoutes(router, app: app)
    addRequestRoutes(router, app: app)
    addWorkListRoutes(router, app: app)
    addReferralRoutes(to: router, app: app)
    return router
}

/// A static asset, cacheable (it holds nothing about anyone).
struct Asset: ResponseGenerator {
    let body: String
    let type: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

func tlsConfiguration(_ files: WebConfiguration.TLSFiles) throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do { chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath) } catch {
        throw WebError("cannot read the certificate \(files.certificatePath)", hint: "--tls-cert takes a PEM file holding the chain, leaf first")
    }
    do { key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem) } catch {
        throw WebError("cannot read the private key \(files.keyPath)", hint: "--tls-key takes the certificate's private key as a PEM file")
    }
    guard !chain.isEmpty else { throw WebError("\(files.certificatePath) holds no certificate", hint: "--tls-cert takes a PEM certificate chain") }
    var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    tls.minimumTLSVersion = .tlsv13
    return tls
}
