/// The query of a request target, taken literally: `key=value` pairs separated by `&`, with no
/// percent-decoding (no valid value needs it: agency ids, hex ids and decimal numbers only).
struct Query {
    let pairs: [(key: String, value: String)]

    /// Splits `target` after its `?`. Refuses empty pairs and pairs without `=`, and any key not in `allowed`.
    init(target: String, allowed: Set<String>) throws(RelayFailure) {
        guard let mark = target.firstIndex(of: "?") else {
            pairs = []
            return
        }
        let query = target[target.index(after: mark)...]
        var pairs: [(String, String)] = []
        if !query.isEmpty {
            for item in query.split(separator: "&", omittingEmptySubsequences: false) {
                guard let equals = item.firstIndex(of: "=") else {
                    throw .badRequest("the query item \"\(Self.shown(item))\" is not key=value")
                }
                let key = String(item[..<equals])
                guard allowed.contains(key) else {
                    throw .badRequest("unknown query parameter \"\(Self.shown(key[...]))\"",
                                      hint: allowed.isEmpty ? "this request takes no query" : "this request takes \(allowed.sorted().joined(separator: ", "))")
                }
                pairs.append((key, String(item[item.index(after: equals)...])))
            }
        }
        self.pairs = pairs
    }

    func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }

    /// The one value of `key`, nil when absent; more than one is refused.
    func single(_ key: String) throws(RelayFailure) -> String? {
        let values = all(key)
        guard values.count <= 1 else { throw .badRequest("the query names \(key) more than once") }
        return values.first
    }

    /// Echoes at most 64 characters of untrusted text, escaped.
    static func shown(_ text: Substring) -> String {
        let cut = text.prefix(64)
        var out = ""
        for scalar in cut.unicodeScalars {
            if scalar.value >= 0x21, scalar.value <= 0x7e, scalar != "\"", scalar != "\\" { out.unicodeScalars.append(scalar) } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return cut.count < text.count ? out + "..." : out
    }
}
