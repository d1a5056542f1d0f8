import Hummingbird
import Logging
import SealpostExchange

/// Turns every failure into a page that says what went wrong and what to do, with the security
/// headers; a failure is logged by kind, never with what was typed or any record's content.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let pages: PageRenderer
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refused as FormBody.Refused {
            return pages.problem(refused.status, title: refused.title, message: refused.message, session: context.session)
        } catch let error as ExchangeError {
            logger.warning("exchange failure", metadata: ["code": .string("\(error.code)")])
            return pages.problem(.badGateway, title: "That could not be done", message: error.message + (error.hint.map { ". " + $0 } ?? ""),
                                 session: context.session)
        } catch let error as WebError {
            return pages.problem(.internalServerError, title: "That could not be done", message: error.message, session: context.session)
        } catch let error as HTTPError where error.status == .notFound {
            return pages.problem(.notFound, title: "Page not found", message: "Check the address, or start again from the home page.",
                                 session: context.session)
        } catch let error as HTTPError {
            return pages.problem(error.status, title: "That could not be done", message: "Go back and try again.", session: context.session)
        } catch {
            logger.error("unexpected failure", metadata: ["type": .string(String(describing: type(of: error)))])
            return pages.problem(.internalServerError, title: "Sorry, something went wrong",
                                 message: "Nothing was changed that was not already recorded. Try again; if it keeps happening, tell your administrator.",
                                 session: context.session)
        }
    }
}
