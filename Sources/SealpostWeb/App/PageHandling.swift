import Hummingbird
import SealpostExchange

/// How every signed-in page's handler starts, written once. The order is the security argument,
/// so each page must not restate it: without a session the answer is the sign-in page; a POST's
/// form is read (bounded by `formLimit`) and its CSRF token checked before anything of the home is
/// unlocked or changed; only then does the page's own work run, as the signed-in practitioner.
extension WebApp {
    /// `body` with the session and, for a POST, its form (nil for a GET).
    func handle(_ request: Request, context: WebContext, formLimit: Int = 4096,
                _ body: (WebSession, FormBody.Fields?) async throws -> Response) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/sign-in", type: .normal) }
        guard request.method == .post else { return try await body(session, nil) }
        return try await body(session, try await FormBody.read(request, context: context, limit: formLimit))
    }

    /// A page (GET) that reads the exchange as the signed-in practitioner acts in it.
    func reading(_ request: Request, context: WebContext,
                 _ body: (WebSession, ExchangeContext) async throws -> Response) async throws -> Response {
        try await handle(request, context: context) { session, _ in try await body(session, self.context(session)) }
    }

    /// An action (POST) on the exchange: `body` gets the checked form and the exchange.
    func acting(_ request: Request, context: WebContext, formLimit: Int = 4096,
                _ body: (WebSession, FormBody.Fields, ExchangeContext) async throws -> Response)
        async throws -> Response {
        try await handle(request, context: context, formLimit: formLimit) { session, fields in
            guard let fields else { throw HTTPError(.methodNotAllowed) }
            return try await body(session, fields, self.context(session))
        }
    }
}
