import SealpostCore
import SealpostRecord

/// How pages show times, ages and deadlines: in UK time, the GOV.UK way (`UKTime`). The receipt
/// log's exports and the command line keep UTC, as the log records it.
enum Format {
    static func time(seconds: Int64) -> String { UKTime.text(seconds) }
    static func time(milliseconds: Int64) -> String {
        UKTime.text(milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000))
    }

    /// A record's `YYYY-MM-DD` date as "14 March 2017"; text that is not such a date, as it is.
    static func date(_ iso: String) -> String { CalendarDate(iso: iso).map(UKTime.dateText) ?? iso }

    /// "1 new outcome", "2 new outcomes": a count with its noun, never "outcome(s)".
    static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        Counted.text(n, singular, plural: plural)
    }

    static func age(_ seconds: Int64) -> String { Elapsed.text(seconds, .words) }

    static func due(_ due: Int64, now: Int64) -> String {
        due <= now ? "due \(age(now - due)) ago" : "due in \(age(due - now))"
    }
}

/// Status tags (GOV.UK tag colours) for urgencies and states.
enum Tags {
    static func urgency(_ urgency: String) -> String {
        switch urgency {
        case "emergency": "govuk-tag--red"
        case "urgent": "govuk-tag--orange"
        default: "govuk-tag--grey"
        }
    }

    static func state(_ state: String) -> String {
        switch state {
        case "acknowledged", "answered": "govuk-tag--green"
        case "expired", "declined", "refused": "govuk-tag--red"
        case "waiting", "sealed", "deposited": "govuk-tag--yellow"
        default: "govuk-tag--grey"
        }
    }
}
