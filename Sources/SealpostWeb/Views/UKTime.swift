import SealpostRecord

/// Times as practitioners in the UK read them: UK time (GMT, or BST in summer), written the
/// GOV.UK way, "7 December 2026, 1:42pm", "midnight" and "midday" for 12am and 12pm.
///
/// British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October (the Summer Time Order 2002, the rule in force since 1996). It is computed
/// here rather than read from the machine's time zone files, which a server may lack or have set
/// to UTC: a referral's "sent at" must read the same on every agency's screen.
enum UKTime {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December"]

    /// Whether `unixSeconds` falls in British Summer Time.
    static func isSummerTime(_ unixSeconds: Int64) -> Bool {
        let year = CalendarDate.today(now: Double(unixSeconds)).year
        guard let start = lastSunday(month: 3, year: year), let end = lastSunday(month: 10, year: year) else { return false }
        let startsAt = Int64(start.daysSince1970) * 86_400 + 3_600, endsAt = Int64(end.daysSince1970) * 86_400 + 3_600
        return unixSeconds >= startsAt && unixSeconds < endsAt
    }

    /// "14 March 2017": a calendar date the GOV.UK way.
    static func dateText(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// "7 December 2026, 1:42pm" in UK time.
    static func text(_ unixSeconds: Int64) -> String {
        let local = unixSeconds + (isSummerTime(unixSeconds) ? 3_600 : 0)
        let date = CalendarDate.today(now: Double(local))
        let secondOfDay = Int(((local % 86_400) + 86_400) % 86_400)
        let hour = secondOfDay / 3_600, minute = (secondOfDay % 3_600) / 60
        let clock: String
        switch (hour, minute) {
        case (0, 0): clock = "midnight"
        case (12, 0): clock = "midday"
        default:
            let twelve = hour % 12 == 0 ? 12 : hour % 12
            clock = "\(twelve):\(minute < 10 ? "0" : "")\(minute)\(hour < 12 ? "am" : "pm")"
        }
        return "\(dateText(date)), \(clock)"
    }

    /// When `date` begins in the UK (its midnight, GMT or BST), in seconds since 1970. Midnight is
    /// never skipped or repeated: the clocks change at 01:00 UTC.
    static func startOfDay(_ date: CalendarDate) -> Int64 {
        let utcMidnight = Int64(date.daysSince1970) * 86_400
        return isSummerTime(utcMidnight - 3_600) ? utcMidnight - 3_600 : utcMidnight
    }

    private static func lastSunday(month: Int, year: Int) -> CalendarDate? {
        guard let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)) else { return nil }
        return CalendarDate(daysSince1970: last.daysSince1970 - last.weekday)
    }
}
