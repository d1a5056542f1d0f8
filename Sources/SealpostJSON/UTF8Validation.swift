/// Strict UTF-8 as RFC 3629 defines it (Unicode Table 3-7, "well-formed byte sequences").
///
/// Rejected: continuation bytes without a lead, the never-valid lead bytes C0, C1 and F5-FF
/// (overlong two-byte forms and code points above U+10FFFF), overlong three- and four-byte forms
/// (E0 80-9F, F0 80-8F), UTF-16 surrogates encoded as UTF-8 (ED A0-BF), F4 90-BF (above
/// U+10FFFF) and sequences cut short.
enum UTF8Validation {
    enum Failure: Error {
        case unexpectedContinuation
        case overlong
        case surrogate
        case aboveMaximum
        case truncated

        var explanation: String {
            switch self {
            case .unexpectedContinuation: return "a continuation byte without a lead byte"
            case .overlong: return "an overlong encoding"
            case .surrogate: return "a UTF-16 surrogate encoded in UTF-8"
            case .aboveMaximum: return "a code point above U+10FFFF"
            case .truncated: return "a multi-byte sequence cut short"
            }
        }
    }

    /// The length of the well-formed sequence whose lead byte (>= 0x80) is at `i`, or why it is not one.
    @inline(__always)
    static func sequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Result<Int, Failure> {
        let lead = bytes[i]
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        var failureBelow = Failure.truncated
        var failureAbove = Failure.truncated
        switch lead {
        case 0x80...0xBF: return .failure(.unexpectedContinuation)
        case 0xC0, 0xC1: return .failure(.overlong)
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0; failureBelow = .overlong
        case 0xED: length = 3; secondHigh = 0x9F; failureAbove = .surrogate
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondLow = 0x90; failureBelow = .overlong
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F; failureAbove = .aboveMaximum
        default: return .failure(.aboveMaximum)  // F5-FF
        }
        guard bytes.count - i >= length else { return .failure(.truncated) }
        let second = bytes[i + 1]
        if second < secondLow {
            return .failure(second >= 0x80 ? failureBelow : .truncated)
        }
        if second > secondHigh {
            return .failure(second <= 0xBF ? failureAbove : .truncated)
        }
        var k = 2
        while k < length {
            guard bytes[i + k] & 0xC0 == 0x80 else { return .failure(.truncated) }
            k += 1
        }
        return .success(length)
    }
}
