import HTTPTypes
import Hummingbird

/// Refuses a request for another host name (421: DNS rebinding, where a hostile site's name
/// points at 127.0.0.1), and a state-changing request whose `Origin` (or, without one, `Referer`)
/// is another site (403). Nothing is read or changed before these checks.
struct HostGuardMiddleware: RouterMiddleware {
    typealias Context = WebContext

    /// Host names allowed, lower-case, without a port.
    let allowedHosts: Set<String>
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authority = request.head.authority, let host = Self.hostName(authority), allowedHosts.contains(host) else {
            return pages.problem(.misdirectedRequest, title: "This address is not served here",
                                 message: "The page was asked for under a name this Sealpost does not answer to. Use the address you were given.")
        }
        if request.method != .get && request.method != .head {
            let origin = request.headers[.origin] ?? request.headers[.referer]
            if let origin, origin != "null" {
                guard let from = Self.originHost(origin), allowedHosts.contains(from) else {
                    return pages.problem(.forbidden, title: "This form came from another site",
                                         message: "Nothing was changed. Go back to Sealpost and try again from its own page.")
                }
            } else if origin == "null" {
                return pages.problem(.forbidden, title: "This form came from another site",
                                     message: "Nothing was changed. Go back to Sealpost and try again from its own page.")
            }
        }
        return try await next(request, context)
    }

    /// `Example.org:8080` → `example.org`; `[::1]:8080` → `::1`. Nil for anything malformed.
    static func hostName(_ authority: String) -> String? {
        let text = authority.lowercased()
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        return String(text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The host of an origin or referrer URL (`http://127.0.0.1:8080/x` → `127.0.0.1`).
    static func originHost(_ url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let rest = url[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return hostName(String(authority))
    }
}
