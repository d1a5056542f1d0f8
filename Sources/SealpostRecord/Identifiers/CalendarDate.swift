/// A calendar date written `YYYY-MM-DD` (ISO 8601 extended, RFC 3339 `full-date`).
///
/// Exactly ten characters, zero-padded; the day must exist in that month of the proleptic
/// Gregorian calendar (29 February only in leap years). Years run from 1900 to 2100: a person's
/// date of birth in a safeguarding record falls well inside, and anything outside is a typing error.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public static let years: ClosedRange<Int> = 1900...2100

    public init?(year: Int, month: Int, day: Int) {
        guard CalendarDate.years.contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `YYYY-MM-DD`; nil for any other shape or a day that does not exist.
    public init?(iso text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for k in range {
                let b = utf8[k]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The date `days` days after 1970-01-01 (before it when negative); nil outside `years`.
    /// The civil-from-days conversion of the proleptic Gregorian calendar, by 400-year eras
    /// (Howard Hinnant's algorithm).
    public init?(daysSince1970 days: Int) {
        // 1900-01-01 to 2100-12-31; checked first, so that no value can overflow the arithmetic.
        guard (-25_567...47_846).contains(days) else { return nil }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Days from 1970-01-01 to this date (negative before it): the inverse of `init(daysSince1970:)`.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day of the week, 0 for Sunday to 6 for Saturday (1970-01-01 was a Thursday).
    public var weekday: Int { ((daysSince1970 + 4) % 7 + 7) % 7 }

    /// Today's date in UTC at `now` (seconds since 1970). Past the years a date holds, the clock
    /// is wrong: clamped to the first or last day rather than trapping.
    public static func today(now: Double) -> CalendarDate {
        let days = (now / 86_400).rounded(.down)
        if days.isFinite, abs(days) < 1e9, let date = CalendarDate(daysSince1970: Int(days)) { return date }
        return days > 0 ? CalendarDate(year: years.upperBound, month: 12, day: 31)! : CalendarDate(year: years.lowerBound, month: 1, day: 1)!
    }
}
