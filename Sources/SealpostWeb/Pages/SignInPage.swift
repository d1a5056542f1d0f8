import Hummingbird
import SealpostCore
import SealpostExchange
import SealpostSodium

/// Sign-in, sign-out and the idle lock (THREATS row 34). A failure says only that the name or
/// passphrase is wrong; repeated failures wait (SignInThrottle). Unlocking runs Argon2id, off the
/// event loop.
struct SignInPage {
    let app: WebApp

    struct Model {
        let csrf: String
        let name: String
        let locked: Bool
        let error: String?
        let waitSeconds: Int64?
    }

    func show(_ request: Request, context: WebContext) async -> Response {
        if context.session?.signedIn != nil { return .redirect(to: "/", type: .normal) }
        let session: WebSession
        if let existing = context.session { session = existing } else { session = await app.sessions.startAnonymous(now: app.now) }
        let locked = request.formQuery["locked"] == "1"
        var response = app.pages.page("sign-in", Model(csrf: session.csrf, name: "", locked: locked, error: nil, waitSeconds: nil),
                                      title: "Sign in", session: nil)
        if context.session == nil { response.setCookie(app.sessionMiddleware.cookie(session.token)) }
        return response
    }

    func submit(_ request: Request, context: WebContext) async throws -> Response {
        let fields = try await FormBody.read(request, context: context, limit: 16 * 1024)
        let name = fields.text("name") ?? ""
        let address = context.remoteHost
        if let wait = await app.throttle.wait(for: address, now: app.now) {
            return again(context, name: name, error: nil, wait: wait, status: .tooManyRequests)
        }
        guard !name.isEmpty, let text = fields["passphrase"], !text.isEmpty else {
            return again(context, name: name, error: "Enter your name and passphrase", wait: nil, status: .badRequest)
        }
        let passphrase = SecureBytes(copying: Array(text.utf8))
        let accounts = app.configuration.accounts
        let unlocked = await Task.detached { accounts.unlock(name, passphrase) }.value
        guard let (identity, practitioner) = unlocked else {
            await app.throttle.failed(address, now: app.now)
            app.logger.notice("sign-in failed", metadata: ["address": .string(address)])
            return again(context, name: name, error: "The name or passphrase is not right", wait: nil, status: .unauthorized)
        }
        await app.throttle.succeeded(address)
        // A home written before sealing at rest is sealed on the first unlock (HomeSealing).
        let home = app.home
        if let sealing = try? HomeSealing.run(home: home, identity: identity), let summary = sealing.summary {
            app.logger.notice("home sealed at rest", metadata: ["summary": .string(summary)])
        }
        let session = await app.sessions.signIn(replacing: context.session?.token, practitioner: practitioner, identity: identity, now: app.now)
        app.logger.info("signed in")
        var response = Response.redirect(to: "/", type: .normal)
        response.setCookie(app.sessionMiddleware.cookie(session.token))
        return response
    }

    func signOut(_ request: Request, context: WebContext) async throws -> Response {
        _ = try await FormBody.read(request, context: context, limit: 4096)
        if let token = context.session?.token { await app.sessions.end(token) }
        var response = Response.redirect(to: "/sign-in", type: .normal)
        response.setCookie(app.sessionMiddleware.expired())
        return response
    }

    private func again(_ context: WebContext, name: String, error: String?, wait: Int64?, status: HTTPResponse.Status) -> Response {
        app.pages.page("sign-in", Model(csrf: context.session?.csrf ?? "", name: name, locked: false, error: error, waitSeconds: wait),
                       title: error == nil && wait == nil ? "Sign in" : "Error: Sign in", session: nil, status: status)
    }
}

enum SignInTemplates {
    static let signIn = """
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    {{#locked}}
    <div class="govuk-notification-banner" role="region" aria-labelledby="locked-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="locked-title">Signed out</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">You were signed out because Sealpost was not used for a while. Sign in again to carry on.</p></div>
    </div>
    {{/locked}}
    {{#error}}
    <div class="govuk-error-summary" tabindex="-1" data-module="govuk-error-summary"><div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#name">{{error}}</a></li></ul></div>
    </div></div>
    {{/error}}
    {{#waitSeconds}}
    <div class="govuk-error-summary" tabindex="-1"><div role="alert">
      <h2 class="govuk-error-summary__title">Too many attempts</h2>
      <div class="govuk-error-summary__body"><p class="govuk-body">Sign-in is paused after several wrong passphrases. Try again in {{waitText}}, or ask a colleague who can sign in.</p></div>
    </div></div>
    {{/waitSeconds}}
    <h1 class="govuk-heading-l">Sign in to Sealpost</h1>
    <p class="govuk-body">Use the name and passphrase your agency set up for you.</p>
    <form method="post" action="/sign-in" novalidate>
      <input type="hidden" name="csrf" value="{{csrf}}">
      <div class="govuk-form-group{{#error}} govuk-form-group--error{{/error}}">
        <label class="govuk-label" for="name">Your name</label>
        {{#error}}<p id="name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
        <input class="govuk-input" id="name" name="name" type="text" autocomplete="username" spellcheck="false" value="{{name}}"{{#error}} aria-describedby="name-error"{{/error}}>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for="passphrase">Passphrase</label>
        <input class="govuk-input" id="passphrase" name="passphrase" type="password" autocomplete="current-password">
      </div>
      <button type="submit" class="govuk-button">Sign in</button>
    </form>
    </div></div>
    """
}

extension SignInPage.Model: ViewModel {
    var computed: [String: Any] { waitSeconds.map { ["waitText": Format.age($0 < 60 ? $0 : ($0 + 59) / 60 * 60)] } ?? [:] }
}
