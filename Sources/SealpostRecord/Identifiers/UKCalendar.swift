/// The calendar in the UK, where records are written and read: GMT, and British Summer Time from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the Summer
/// Time Order 2002, the rule in force since 1996).
///
/// Computed here rather than read from the machine's time zone files, which a server may lack or
/// have set to UTC: "today" and "sent at" must read the same on every agency's machine.
public enum UKCalendar {
    /// Whether `unixSeconds` falls in British Summer Time.
    public static func isSummerTime(_ unixSeconds: Int64) -> Bool {
        let year = CalendarDate.today(now: Double(unixSeconds)).year
        guard let start = lastSunday(month: 3, year: year), let end = lastSunday(month: 10, year: year) else { return false }
        let startsAt = Int64(start.daysSince1970) * 86_400 + 3_600, endsAt = Int64(end.daysSince1970) * 86_400 + 3_600
        return unixSeconds >= startsAt && unixSeconds < endsAt
    }

    /// Seconds to add to UTC for UK time at `unixSeconds`: 0 or 3,600.
    public static func offset(_ unixSeconds: Int64) -> Int64 { isSummerTime(unixSeconds) ? 3_600 : 0 }

    /// The date in the UK at `unixSeconds`.
    public static func today(atUnixTime unixSeconds: Int64) -> CalendarDate {
        CalendarDate.today(now: Double(unixSeconds + offset(unixSeconds)))
    }

    /// When `date` begins in the UK (its midnight, GMT or BST), in seconds since 1970. Midnight is
    /// never skipped or repeated: the clocks change at 01:00 UTC.
    public static func startOfDay(_ date: CalendarDate) -> Int64 {
        let utcMidnight = Int64(date.daysSince1970) * 86_400
        return isSummerTime(utcMidnight - 3_600) ? utcMidnight - 3_600 : utcMidnight
    }

    private static func lastSunday(month: Int, year: Int) -> CalendarDate? {
        guard let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)) else { return nil }
        return CalendarDate(daysSince1970: last.daysSince1970 - last.weekday)
    }
}
