import SealpostJSON

/// The agreement's relay URLs, in order of preference (spec/agreement.md §"Relay URLs").
///
/// Two spellings, one meaning each, so that every list has exactly one form and one set of
/// canonical bytes:
/// - no relay: neither member;
/// - one relay: `"relay": "URL"`, the member of the first editions of this format, kept with its
///   own rule (1-2048 bytes of printable ASCII, no spaces) so that every agreement already signed
///   reads, signs and verifies as before;
/// - two to eight relays (several instances of one relay over one database): `"relays": [URL, …]`,
///   each a relay URL by `RelayURL`'s rules (https, or plain http only to loopback), no relay twice.
///
/// A document carrying both members is refused (even when one is `null`), and so is a `relays`
/// with fewer than two URLs: a reader never has to decide which of two lists counts.
enum AgreementRelays {
    /// At most this many relays: a client tries them in turn, and each unreachable one costs time.
    static let maximum = 8

    /// Reads `relay` or `relays` from the document.
    static func read(_ r: JSONObjectReader) throws(JSONShapeError) -> [String] {
        if r.object["relay"] != nil && r.object["relays"] != nil {
            throw r.invalid("relays", "may not be given together with relay",
                            fix: "list every relay URL in relays (two to \(maximum)), or name a single relay in relay")
        }
        if let single = try r.optionalString("relay") { return [single] }
        guard let value = r.optionalValue("relays") else { return [] }
        guard let elements = value.arrayValue else { throw r.invalid("relays", "must be an array of URLs or null") }
        guard elements.count >= 2 else {
            throw r.invalid("relays", elements.isEmpty ? "is empty" : "holds one URL",
                            fix: elements.isEmpty ? "leave relays out when the agreement names no relay"
                                : "write a single relay as \"relay\": \"URL\"; relays lists two to \(maximum)")
        }
        var urls: [String] = []
        for (i, element) in elements.enumerated() {
            guard let url = element.stringValue else {
                throw JSONShapeError(at: r.path.appending("relays").appending(i), "must be a string")
            }
            urls.append(url)
        }
        return urls
    }

    /// Checks the list whatever its source (a file, the command line, code).
    static func check(_ relays: [String], at path: JSONPath) throws(JSONShapeError) {
        guard relays.count <= maximum else {
            throw JSONShapeError(at: path.appending("relays"), "holds \(relays.count) URLs, more than \(maximum)",
                                 fix: "list at most \(maximum) relay instances")
        }
        if relays.count == 1 {
            guard isLegacyRelayText(relays[0]) else {
                throw JSONShapeError(at: path.appending("relay"), "must be 1-2048 bytes of printable ASCII with no spaces",
                                     fix: "for example https://relay.example.org:8443")
            }
            return
        }
        var seen: [RelayURL: Int] = [:]
        for (i, text) in relays.enumerated() {
            let at = path.appending("relays").appending(i)
            let url: RelayURL
            do { url = try RelayURL(parsing: text) } catch {
                throw JSONShapeError(at: at, error.reason, fix: error.fix)
            }
            if let first = seen[url] {
                throw JSONShapeError(at: at, "is the same relay as relays[\(first)] (\(url))",
                                     fix: "list each relay instance once")
            }
            seen[url] = i
        }
    }

    /// The document's members for the list: none, `relay`, or `relays`.
    static func members(_ relays: [String]) -> [JSONObject.Member] {
        switch relays.count {
        case 0: []
        case 1: [.init(key: "relay", value: .string(relays[0]))]
        default: [.init(key: "relays", value: .array(relays.map { .string($0) }))]
        }
    }

    /// The rule of the single `relay` member: 1-2048 bytes, each printable ASCII other than space.
    static func isLegacyRelayText(_ text: String) -> Bool {
        (1...2048).contains(text.utf8.count) && text.utf8.allSatisfy { (0x21...0x7e).contains($0) }
    }
}
