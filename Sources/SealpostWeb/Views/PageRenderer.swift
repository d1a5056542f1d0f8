import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// What every page's layout shows: the agency, who is signed in, the navigation, and the CSRF
/// token for the sign-out button.
struct LayoutModel {
    struct NavItem {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let agency: String
    let practitioner: String?
    let role: String?
    let csrf: String?
    let nav: [NavItem]
    let body: String
}

extension LayoutModel: ViewModel {
    var computed: [String: Any] { ["hasNav": !nav.isEmpty] }
}

/// Renders pages from the mustache templates (loaded once at start). Templates only show what
/// their view model holds; every `{{value}}` is HTML-escaped, and the one unescaped `{{{body}}}`
/// in the layout is a page this renderer made.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let agency: String

    init(agency: String) throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all { try library.register(text, named: name) }
        self.library = library
        self.agency = agency
    }

    static let sections: [(href: String, label: String)] = [
        ("/", "Home"), ("/referrals", "Referrals"), ("/inbox", "Inbox"), ("/sent", "Sent"), ("/requests", "Requests"),
        ("/log", "Receipt log"), ("/report", "Subject report"),
    ]

    /// A full page: `template` rendered with `model`, inside the layout.
    func page(_ template: String, _ model: Any, title: String, session: WebSession?, section: String? = nil,
              status: HTTPResponse.Status = .ok) -> Response {
        let body = library.render(model, withTemplate: template) ?? ""
        let signedIn = session?.signedIn
        let layout = LayoutModel(
            title: title, agency: agency, practitioner: signedIn?.practitioner.name, role: signedIn?.practitioner.role,
            csrf: signedIn == nil ? nil : session?.csrf,
            nav: signedIn == nil ? [] : Self.sections.map { .init(href: $0.href, label: $0.label, current: $0.href == section) },
            body: body)
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page that says what went wrong and what to do; it shows nothing from the request.
    func problem(_ status: HTTPResponse.Status, title: String, message: String, session: WebSession? = nil) -> Response {
        var response = page("problem", ProblemModel(title: title, message: message), title: title, session: session, status: status)
        SecurityHeadersMiddleware.apply(to: &response.headers)
        return response
    }
}

struct ProblemModel {
    let title: String
    let message: String
}
