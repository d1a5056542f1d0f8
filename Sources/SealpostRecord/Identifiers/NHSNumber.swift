/// An NHS number (England, Wales and the Isle of Man): ten digits, the last a modulus 11 check digit.
///
/// Written as ten digits, or in the usual 3-3-4 grouping with single spaces (`943 476 5919`).
/// The check digit: multiply the first nine digits by 10, 9, ..., 2 and sum; the check digit is
/// 11 minus the remainder of the sum divided by 11, with 11 meaning 0. A remainder that gives 10
/// means the nine digits are never issued, so no check digit makes them valid.
public struct NHSNumber: Sendable, Hashable, CustomStringConvertible {
    /// The ten digits, without spaces.
    public let digits: String

    public enum Failure: Error, Sendable, Hashable {
        /// Not ten digits, in the forms `9434765919` or `943 476 5919`.
        case format
        /// Ten digits whose last does not match the modulus 11 check.
        case checkDigit
    }

    public init?(_ text: String) {
        guard case .success(let digits) = NHSNumber.check(text) else { return nil }
        self.digits = digits
    }

    /// The digits, or why `text` is not an NHS number (without repeating the text).
    public static func check(_ text: String) -> Result<String, Failure> {
        let utf8 = Array(text.utf8)
        let digits: [UInt8]
        if utf8.count == 10 {
            digits = utf8
        } else if utf8.count == 12, utf8[3] == UInt8(ascii: " "), utf8[7] == UInt8(ascii: " ") {
            digits = Array(utf8[0..<3] + utf8[4..<7] + utf8[8..<12])
        } else {
            return .failure(.format)
        }
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return .failure(.format)
        }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        guard let expected = checkDigit(for: values[0..<9]), expected == values[9] else {
            return .failure(.checkDigit)
        }
        return .success(String(decoding: digits, as: UTF8.self))
    }

    /// The modulus 11 check digit for nine digits, or nil when none exists.
    public static func checkDigit(for nine: some Collection<Int>) -> Int? {
        guard nine.count == 9 else { return nil }
        var sum = 0
        for (position, digit) in nine.enumerated() { sum += digit * (10 - position) }
        let check = 11 - sum % 11
        switch check {
        case 11: return 0
        case 10: return nil
        default: return check
        }
    }

    /// `943 476 5919`.
    public var description: String {
        let d = Array(digits)
        return String(d[0..<3]) + " " + String(d[3..<6]) + " " + String(d[6..<10])
    }
}
