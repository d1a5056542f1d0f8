/// `application/x-www-form-urlencoded` as browsers send it, the web app's form bodies
/// (SealpostWeb's `FormBody` reads them through this). Here, apart from the web server, so that the
/// decoding can be fuzzed without building one (Sources/sealpost-fuzz).
///
/// `+` is a space and `%XX` a byte; a malformed escape is kept as it is; bytes that are not UTF-8
/// become U+FFFD. Decoding never fails: what a field may hold is each page's business.
public enum URLEncodedForm {
    /// The pairs in body order; a pair without `=` has an empty value, empty pairs are skipped.
    public static func parse(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    public static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%"), utf8.count >= 2, let high = hexDigit(utf8[utf8.startIndex]),
                      let low = hexDigit(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A hex digit's value. Exactly the 22 digit characters: not `UInt8(_:radix:)`, which also takes
    /// a sign, so that "%+1" would decode to 0x01 and "%-0" to NUL where a browser keeps them as text.
    static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
