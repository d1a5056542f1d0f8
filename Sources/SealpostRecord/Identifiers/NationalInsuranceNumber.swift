/// A UK National Insurance number: two prefix letters, six digits and a suffix letter A to D.
///
/// Written without spaces (`AB123456C`) or grouped `AB 12 34 56 C`, in either case. Prefixes
/// that HMRC never issues are refused: D, F, I, Q, U or V in either position, O second, and the
/// prefixes BG, GB, KN, NK, NT, TN and ZZ.
public struct NationalInsuranceNumber: Sendable, Hashable, CustomStringConvertible {
    /// Upper case, no spaces: `AB123456C`.
    public let normalized: String

    public init?(_ text: String) {
        let compact = Array(text.uppercased().utf8)
        let bytes: [UInt8]
        if compact.count == 9 {
            bytes = compact
        } else if compact.count == 13, [2, 5, 8, 11].allSatisfy({ compact[$0] == UInt8(ascii: " ") }) {
            bytes = compact.enumerated().filter { ![2, 5, 8, 11].contains($0.offset) }.map(\.element)
        } else {
            return nil
        }
        func isLetter(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        guard isLetter(bytes[0]), isLetter(bytes[1]), bytes[2..<8].allSatisfy(isDigit),
              (UInt8(ascii: "A")...UInt8(ascii: "D")).contains(bytes[8]) else { return nil }
        let neverIssued = Set("DFIQUV".utf8)
        guard !neverIssued.contains(bytes[0]), !neverIssued.contains(bytes[1]), bytes[1] != UInt8(ascii: "O") else {
            return nil
        }
        let prefix = String(decoding: bytes[0..<2], as: UTF8.self)
        guard !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(prefix) else { return nil }
        normalized = String(decoding: bytes, as: UTF8.self)
    }

    /// `AB 12 34 56 C`.
    public var description: String {
        let c = Array(normalized)
        return "\(String(c[0..<2])) \(String(c[2..<4])) \(String(c[4..<6])) \(String(c[6..<8])) \(c[8])"
    }
}
