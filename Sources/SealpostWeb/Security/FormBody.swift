import Foundation
import Hummingbird
import NIOCore
import SealpostCore
import SealpostSodium

/// Reads a POSTed form: bounded in size, URL-encoded, and carrying the session's CSRF token.
/// A form without the right token changes nothing and is answered 403.
enum FormBody {
    struct Refused: Error {
        let status: HTTPResponse.Status
        let title: String
        let message: String
    }

    /// The form's fields (the last value of a name repeated wins; `values(_:)` has them all).
    struct Fields: Sendable {
        let pairs: [(name: String, value: String)]

        subscript(_ name: String) -> String? { pairs.last { $0.name == name }?.value }
        func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
        /// A text field trimmed of surrounding white space; nil when empty.
        func text(_ name: String) -> String? {
            guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
    }

    static func read(_ request: Request, context: WebContext, limit: Int) async throws -> Fields {
        guard let session = context.session else {
            throw Refused(status: .forbidden, title: "Your session has ended", message: "Nothing was changed. Sign in and try again.")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch {
            throw Refused(status: .contentTooLarge, title: "What you sent is too large",
                          message: "The most one form can hold is \(limit / 1024) KiB. Nothing was changed.")
        }
        let fields = Fields(pairs: parse(String(buffer: buffer)))
        guard let token = fields["csrf"], token.utf8.count == session.csrf.utf8.count,
              constantTimeEqual(Array(token.utf8), Array(session.csrf.utf8)) else {
            throw Refused(status: .forbidden, title: "This form has expired",
                          message: "Nothing was changed. Go back, reload the page and try again.")
        }
        return fields
    }

    /// `application/x-www-form-urlencoded` as browsers send it (`URLEncodedForm`, in SealpostCore
    /// so that it can be fuzzed without the web server).
    static func parse(_ body: String) -> [(name: String, value: String)] { URLEncodedForm.parse(body) }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
