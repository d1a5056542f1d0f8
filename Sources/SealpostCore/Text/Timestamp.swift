#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times as Sealpost shows and writes them: always UTC, from Unix milliseconds (the log and
/// receipts) or seconds (outbox, inbox, the relay). The one formatter in the code base.
public enum Timestamp {
    /// `2026-11-21 15:59:17` (for tables and reports).
    public static func display(milliseconds ms: Int64) -> String {
        let t = utc(seconds: floorDiv(ms, 1000))
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
    }

    /// `2026-11-21T15:59:17.123Z` (RFC 3339, for exports).
    public static func iso(milliseconds ms: Int64) -> String {
        let t = utc(seconds: floorDiv(ms, 1000))
        let fraction = Int(ms - floorDiv(ms, 1000) * 1000)
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
            + ".\(pad(fraction, 3))Z"
    }

    /// `2026-11-21T15:59:17Z` (RFC 3339 to the second, for messages and the relay's times).
    public static func iso(seconds: Int64) -> String {
        let t = utc(seconds: seconds)
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))Z"
    }

    /// Unix milliseconds at 00:00 UTC on the given day (proleptic Gregorian calendar).
    public static func startOfDay(year: Int, month: Int, day: Int) -> Int64 {
        Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400_000
    }

    /// The calendar day (UTC) of a Unix time in seconds, as (year, month, day).
    public static func day(ofSeconds seconds: Int64) -> (year: Int, month: Int, day: Int) {
        let t = utc(seconds: seconds)
        return (t.year, t.month, t.day)
    }

    struct Parts { var year, month, day, hour, minute, second: Int }

    static func utc(seconds: Int64) -> Parts {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return Parts(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                     hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    /// Howard Hinnant's days_from_civil: days since 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
