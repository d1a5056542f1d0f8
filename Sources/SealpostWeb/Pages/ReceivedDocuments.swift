import Foundation
import Hummingbird
import NIOCore
import SealpostCore
import SealpostExchange
import SealpostSodium

/// The documents that came with a received record (spec/exchange.md §Attachments): listed on the
/// record's page and downloaded one at a time. The receive stored each sealed to the agency's key
/// (the home at rest), its safe name (AttachmentName, THREATS row 39) kept sealed beside it, after
/// checking it against the signed manifest's hash; the download opens it and checks the hash
/// again, so a file changed since is refused rather than served (in constant memory: read twice,
/// a chunk at a time, once to check and once to send), and
/// is always a download (`Content-Disposition: attachment`, never shown in the app's origin),
/// with `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.
struct ReceivedDocuments {
    let app: WebApp

    struct Row {
        let number: Int
        let name: String
        let kind: String
        let size: String
        let href: String
    }

    /// The rows for a record's page.
    static func rows(_ entry: InboxEntry) -> [Row] {
        (entry.attachments ?? []).enumerated().map { i, a in
            Row(number: i + 1, name: a.name, kind: ReferralDocuments.kind(a.type), size: DraftDocuments.size(Int(clamping: a.length)),
                href: "/inbox/\(entry.envelopeID)/documents/\(i + 1)")
        }
    }

    func download(_ request: Request, context: WebContext) async throws -> Response {
        try await app.reading(request, context: context) { session, exchange in
            let id = context.parameters.get("id") ?? ""
            guard EnvelopeID(hex: id) != nil, let entry = try exchange.inbox.entry(id), let n = context.parameters.get("n").flatMap({ Int($0) }),
                  let attachments = entry.attachments, attachments.indices.contains(n - 1) else {
                return app.pages.problem(.notFound, title: "Document not found",
                                         message: "No document with that number came with this record. Go back to the record.", session: session)
            }
            let attachment = attachments[n - 1]
            let inbox = exchange.inbox
            // Checked whole first, off the event loop: the stored file opens under the agency's key
            // (the home at rest) and matches the signed hash; a download cannot be taken back once sent.
            let checked = await Task.detached { () -> Bool in
                (try? inbox.reading(id, attachment: n - 1).check()) != nil
            }.value
            guard checked else {
                app.logger.warning("received document missing or changed", metadata: ["code": "document"])
                return app.pages.problem(.conflict, title: "This document cannot be given out",
                                         message: "The stored file is missing or is not the one received (its hash differs). Ask the sender to send it again.",
                                         session: session)
            }
            var headers: HTTPFields = [.contentType: Self.contentType(attachment.type),
                                       .contentDisposition: Self.disposition(attachment.stored)]
            headers[.cacheControl] = "no-store"
            headers[.xContentTypeOptions] = "nosniff"
            // Then streamed a chunk at a time, in constant memory, checked again as it goes, one
            // chunk held back: each is sent only once the next has authenticated, and the last
            // only once the whole matched the signed hash. So a file changed between the two
            // readings (even one of the same length, sealed to the same public key) ends the
            // response short of its length, which the browser reports as a failed download.
            let logger = app.logger
            let body = ResponseBody(contentLength: Int(clamping: attachment.length)) { writer in
                var reading = try inbox.reading(id, attachment: n - 1)
                do {
                    var held: [UInt8]? = nil
                    while let chunk = try reading.next() {
                        if let held { try await writer.write(ByteBuffer(bytes: held)) }
                        held = chunk
                    }
                    if let held { try await writer.write(ByteBuffer(bytes: held)) }
                } catch let error as ExchangeError {
                    logger.warning("received document changed while it was downloaded", metadata: ["code": "document"])
                    throw error
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    /// The signed type when it is one Sealpost sends, else bytes (a type is never trusted to render).
    static func contentType(_ type: String) -> String {
        ReferralDocuments.kind(type) != type ? type : "application/octet-stream"
    }

    /// `attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>` (RFC 6266): the ASCII
    /// form has anything outside printable ASCII, quotes and backslashes as `_`.
    static func disposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { s -> Character in
            (0x20...0x7e).contains(s.value) && s != "\"" && s != "\\" && s != "%" ? Character(s) : "_"
        })
        var encoded = ""
        for byte in name.utf8 {
            let c = Character(UnicodeScalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) { encoded.append(c) } else { encoded += String(format: "%%%02X", byte) }
        }
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

extension ReceivedDocuments.Row: ViewModel {}
