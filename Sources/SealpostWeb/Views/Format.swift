import SealpostCore

/// How pages show times, ages and deadlines (always UTC, as the log records them).
enum Format {
    static func time(seconds: Int64) -> String { Timestamp.display(milliseconds: seconds * 1000) + " UTC" }
    static func time(milliseconds: Int64) -> String { Timestamp.display(milliseconds: milliseconds) + " UTC" }

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
