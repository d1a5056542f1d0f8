import HTTPTypes
import Hummingbird

/// Finds the visitor's session from its cookie. Every page but sign-in and the assets needs a
/// signed-in session: without one the visitor is sent to sign in, told why when the session
/// locked after the idle timeout.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let cookieName = "sealpost_session"
    let store: SessionStore
    let clock: @Sendable () -> Int64
    let secureCookies: Bool

    /// Paths open without signing in.
    static func isPublic(_ path: String) -> Bool {
        path == "/sign-in" || path.hasPrefix("/assets/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let token = request.cookies[Self.cookieName]?.value
        if let token { context.session = await store.resolve(token, now: clock()) }
        let path = request.uri.path
        if !Self.isPublic(path), context.session?.signedIn == nil {
            let reason = token == nil ? "" : "?locked=1"
            var response = Response.redirect(to: "/sign-in" + reason, type: .normal)
            if token != nil, context.session == nil { response.setCookie(expired()) }
            return response
        }
        return try await next(request, context)
    }

    func cookie(_ token: String) -> Cookie {
        Cookie(name: Self.cookieName, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    func expired() -> Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}
