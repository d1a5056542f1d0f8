import Hummingbird
import NIOCore
import SealpostExchange

/// A POSTed `multipart/form-data` form (a file upload): bounded in size, split into its parts,
/// and carrying the session's CSRF token like every other form (FormBody).
struct MultipartForm {
    struct Part {
        let name: String
        /// The `filename` the browser gave a file part (untrusted: made safe before any use).
        let filename: String?
        let bytes: [UInt8]
    }

    /// Each part, in order.
    let parts: [Part]

    func file(_ name: String) -> [UInt8]? { parts.last { $0.name == name }?.bytes }
    /// The file name the browser gave the part `name`, if any.
    func filename(_ name: String) -> String? { parts.last { $0.name == name }?.filename }
    func text(_ name: String) -> String? { file(name).map { String(decoding: $0, as: UTF8.self) } }

    static func read(_ request: Request, context: WebContext, limit: Int) async throws -> MultipartForm {
        guard let session = context.session else {
            throw FormBody.Refused(status: .forbidden, title: "Your session has ended", message: "Nothing was changed. Sign in and try again.")
        }
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(type) else {
            throw FormBody.Refused(status: .badRequest, title: "That form could not be read", message: "Nothing was changed. Go back and try again.")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch {
            throw FormBody.Refused(status: .contentTooLarge, title: "What you sent is too large",
                                   message: "The most one file can be is \(DraftDocuments.size(limit)). Nothing was changed.")
        }
        let form = MultipartForm(parts: parse(Array(buffer.readableBytesView), boundary: boundary))
        guard let token = form.text("csrf"), FormBody.constantTimeEqual(Array(token.utf8), Array(session.csrf.utf8)) else {
            throw FormBody.Refused(status: .forbidden, title: "This form has expired", message: "Nothing was changed. Go back, reload the page and try again.")
        }
        return form
    }

    /// The boundary parameter of a `multipart/form-data` content type (quoted or not).
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The parts between `--boundary` lines: each a header block, a blank line, and its bytes.
    /// Anything malformed is left out (the form then lacks that field, and says so).
    static func parse(_ body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array(("\r\n--" + boundary).utf8)
        // The first delimiter has no CRLF before it; pretend it has.
        let data = [0x0d, 0x0a] + body
        var parts: [Part] = []
        var positions: [Int] = []
        var i = 0
        while let found = find(delimiter, in: data, from: i) {
            positions.append(found)
            i = found + delimiter.count
        }
        for (a, b) in zip(positions, positions.dropFirst()) {
            var start = a + delimiter.count
            guard start + 2 <= data.count, data[start] == 0x0d, data[start + 1] == 0x0a else { continue }
            start += 2
            guard let headerEnd = find([0x0d, 0x0a, 0x0d, 0x0a], in: data, from: start), headerEnd + 4 <= b else { continue }
            let headers = String(decoding: data[start..<headerEnd], as: UTF8.self)
            guard let name = parameter("name", in: headers) else { continue }
            parts.append(Part(name: name, filename: parameter("filename", in: headers), bytes: Array(data[(headerEnd + 4)..<b])))
        }
        return parts
    }

    /// A quoted parameter (`name`, `filename`) of the part's Content-Disposition header.
    static func parameter(_ key: String, in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let range = line.range(of: "; \(key)=\"") ?? line.range(of: " \(key)=\"") else { return nil }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let first = needle[0]
        while i <= haystack.count - needle.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
