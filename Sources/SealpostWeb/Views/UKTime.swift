import SealpostRecord

/// Times as practitioners in the UK read them: UK time (GMT, or BST in summer: `UKCalendar`),
/// written the GOV.UK way, "7 December 2026, 1:42pm", "midnight" and "midday" for 12am and 12pm.
enum UKTime {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December"]

    /// "14 March 2017": a calendar date the GOV.UK way.
    static func dateText(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// "7 December 2026, 1:42pm" in UK time.
    static func text(_ unixSeconds: Int64) -> String {
        let local = unixSeconds + UKCalendar.offset(unixSeconds)
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
}
