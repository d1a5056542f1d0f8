import SealpostCore
import SealpostJSON
import SealpostRecord

/// Trusts exactly the active parties of the agreement in force, on the dates it is valid.
public struct AgreementSenders: SenderDirectory {
    public let agreement: Agreement
    public let today: CalendarDate

    public init(agreement: Agreement, today: CalendarDate) {
        self.agreement = agreement
        self.today = today
    }

    public func trust(for manifest: Manifest) -> SenderTrust {
        let key = Hex.encode(manifest.senderSigningKey.rawRepresentation)
        guard let party = agreement.parties.first(where: { $0.card.signingKey == key }) else {
            return .untrusted("the sender's key belongs to no party of agreement \(agreement.id) version \(agreement.version)")
        }
        guard party.agencyID == manifest.senderAgency else {
            return .untrusted("the envelope claims agency \(manifest.senderAgency) but the key belongs to \(party.agencyID)")
        }
        guard party.status == .active else {
            return .untrusted("\(party.agencyID) is revoked in agreement \(agreement.id) version \(agreement.version)")
        }
        guard party.card.boxKey == Hex.encode(manifest.senderBoxKey.rawRepresentation) else {
            return .untrusted("the envelope names an encryption key for \(party.agencyID) that differs from the agreement's")
        }
        guard agreement.isValid(on: today) else {
            return .untrusted("agreement \(agreement.id) is valid from \(agreement.validFrom) to \(agreement.validUntil), not on \(today)")
        }
        return .trusted
    }
}

extension CalendarDate {
    /// Today's date in UTC.
    public static func today(now: Double) -> CalendarDate {
        let days = Int((now / 86_400).rounded(.down))
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // Past the years a CalendarDate holds, the clock is wrong: clamp rather than crash.
        return CalendarDate(year: year, month: month, day: day)
            ?? (year < CalendarDate.years.lowerBound ? CalendarDate(year: CalendarDate.years.lowerBound, month: 1, day: 1)!
                : CalendarDate(year: CalendarDate.years.upperBound, month: 12, day: 31)!)
    }
}
