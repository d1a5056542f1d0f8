import SealpostCore
import SealpostRecord

/// What a practitioner must be told about an agreement's dates before it stops them: an edition
/// that is not yet valid, has expired, or expires within `warningDays` (spec/agreement.md
/// §Installing). After `valid_until` nothing can be sent or opened under it, and an older edition
/// is refused as a rollback, so the only way on is the next edition: `agreement create --from`.
extension Agreement {
    public static let warningDays = 30

    /// A warning about the agreement's dates on `today`, or nil when it is valid for more than
    /// `warningDays` days.
    public func validityWarning(on today: CalendarDate) -> String? {
        let renew = "the partnership must agree, sign and install the next edition (sealpost agreement create --from FILE)"
        if today < validFrom {
            return "agreement \(id) version \(version) is not valid until \(validFrom): nothing can be sent or opened under it before then"
        }
        if today > validUntil {
            return "agreement \(id) version \(version) expired on \(validUntil): nothing can be sent or opened under it; \(renew)"
        }
        let days = Self.days(from: today, to: validUntil)
        guard days <= Self.warningDays else { return nil }
        let when = days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")"
        return "agreement \(id) version \(version) expires on \(validUntil), \(when); after that nothing can be sent or opened under it: \(renew)"
    }

    static func days(from a: CalendarDate, to b: CalendarDate) -> Int64 {
        (Timestamp.startOfDay(year: b.year, month: b.month, day: b.day) - Timestamp.startOfDay(year: a.year, month: a.month, day: a.day))
            / 86_400_000
    }
}
