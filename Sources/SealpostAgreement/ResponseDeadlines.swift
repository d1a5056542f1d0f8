import SealpostJSON
import SealpostCore
import SealpostRecord

/// How quickly a recipient answers a record, in working days (spec/agreement.md
/// §`response_deadlines`): the agreement's optional `response_deadlines` member, versioned so that
/// a later edition can say more while every agreement without it still reads and verifies
/// (absent, the standard deadlines apply: acknowledgement within 1 working day, outcome within 3).
///
///     {"version": 1,
///      "acknowledgement": {"emergency": 0, "urgent": 1, "routine": 1},
///      "outcome": {"emergency": 1, "urgent": 3, "routine": 3},
///      "bank_holidays": ["2026-12-25", "2026-12-28"]}
///
/// A working day is a day, Monday to Friday, that is not a listed bank holiday. "Within N working
/// days" of a moment means by the end (24:00 UTC) of the Nth working day after the day it fell on;
/// within 0 means by the end of that day, or of the next working day when it fell on another.
/// Days are UTC days, as every time in the exchange is.
public struct ResponseDeadlines: Sendable, Equatable {
    public static let currentVersion: Int64 = 1
    /// The largest deadline an agreement may set, in working days.
    public static let maximumDays: Int64 = 60
    public static let maximumHolidays = 1000

    /// Working days per urgency (`emergency`, `urgent`, `routine`).
    public var acknowledgement: [SafeguardingRecord.Concern.Urgency: Int64]
    public var outcome: [SafeguardingRecord.Concern.Urgency: Int64]
    /// Days that are not working days although they fall Monday to Friday, in ascending order.
    public var bankHolidays: [CalendarDate]

    /// The deadlines when the agreement states none.
    public static let standard = ResponseDeadlines(
        acknowledgement: [.emergency: 1, .urgent: 1, .routine: 1], outcome: [.emergency: 3, .urgent: 3, .routine: 3], bankHolidays: [])

    public init(acknowledgement: [SafeguardingRecord.Concern.Urgency: Int64], outcome: [SafeguardingRecord.Concern.Urgency: Int64],
                bankHolidays: [CalendarDate]) {
        self.acknowledgement = acknowledgement
        self.outcome = outcome
        self.bankHolidays = bankHolidays.sorted()
    }

    /// Unix seconds by which a record of `urgency` received at `receivedAt` should be acknowledged:
    /// the earlier of the urgency's own clock (1 hour, 24 hours, 72 hours) and the working days.
    public func acknowledgementDue(receivedAt: Int64, urgency: SafeguardingRecord.Concern.Urgency) -> Int64 {
        min(receivedAt + urgency.acknowledgementDeadline, due(after: receivedAt, workingDays: acknowledgement[urgency] ?? 1))
    }

    /// Unix seconds by which the recipient of a record of `urgency` received at `receivedAt`
    /// should have told the sender what it decided.
    public func outcomeDue(receivedAt: Int64, urgency: SafeguardingRecord.Concern.Urgency) -> Int64 {
        due(after: receivedAt, workingDays: outcome[urgency] ?? 3)
    }

    /// The end (Unix seconds, 24:00 UTC) of the `workingDays`th working day after the UTC day of `seconds`.
    public func due(after seconds: Int64, workingDays: Int64) -> Int64 {
        var day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        if workingDays <= 0 {
            while !isWorkingDay(day) { day += 1 }
        } else {
            for _ in 0..<workingDays {
                day += 1
                while !isWorkingDay(day) { day += 1 }
            }
        }
        return (day + 1) * 86_400
    }

    /// Whether the day `day` days after 1970-01-01 (a Thursday) is a working day.
    public func isWorkingDay(_ day: Int64) -> Bool {
        let weekday = ((day % 7) + 7 + 3) % 7  // 0 Monday ... 6 Sunday
        guard weekday < 5 else { return false }
        guard !bankHolidays.isEmpty else { return true }
        let civil = Timestamp.day(ofSeconds: day * 86_400)
        guard let date = CalendarDate(year: civil.year, month: civil.month, day: civil.day) else { return true }
        return !bankHolidays.contains(date)
    }

    init(_ value: JSONValue, at path: JSONPath) throws(JSONShapeError) {
        let r = try JSONObjectReader(value, at: path)
        try r.only(["version", "acknowledgement", "outcome", "bank_holidays"])
        guard try r.integer("version") == Self.currentVersion else {
            throw JSONShapeError(at: path.appending("version"), "is not \(Self.currentVersion)",
                                 fix: "this program reads version \(Self.currentVersion) of response_deadlines")
        }
        func days(_ key: String, default standard: [SafeguardingRecord.Concern.Urgency: Int64])
            throws(JSONShapeError) -> [SafeguardingRecord.Concern.Urgency: Int64] {
            guard let member = r.optionalValue(key) else { return standard }
            let inner = try JSONObjectReader(member, at: path.appending(key))
            try inner.only(SafeguardingRecord.Concern.Urgency.allCases.map(\.rawValue))
            var out: [SafeguardingRecord.Concern.Urgency: Int64] = [:]
            for urgency in SafeguardingRecord.Concern.Urgency.allCases {
                let n = try inner.integer(urgency.rawValue)
                guard (0...Self.maximumDays).contains(n) else {
                    throw JSONShapeError(at: path.appending(key).appending(urgency.rawValue), "must be 0 to \(Self.maximumDays) working days")
                }
                out[urgency] = n
            }
            return out
        }
        acknowledgement = try days("acknowledgement", default: Self.standard.acknowledgement)
        outcome = try days("outcome", default: Self.standard.outcome)
        var holidays: [CalendarDate] = []
        if r.optionalValue("bank_holidays") != nil {
            let texts = try r.strings("bank_holidays")
            guard texts.count <= Self.maximumHolidays else {
                throw JSONShapeError(at: path.appending("bank_holidays"), "lists more than \(Self.maximumHolidays) days")
            }
            for (i, text) in texts.enumerated() {
                guard let date = CalendarDate(iso: text) else {
                    throw JSONShapeError(at: path.appending("bank_holidays").appending(i), "is not a date", fix: "write it as YYYY-MM-DD")
                }
                guard !holidays.contains(date) else {
                    throw JSONShapeError(at: path.appending("bank_holidays").appending(i), "repeats \(text)")
                }
                holidays.append(date)
            }
        }
        bankHolidays = holidays.sorted()
    }

    var json: JSONValue {
        func days(_ map: [SafeguardingRecord.Concern.Urgency: Int64]) -> JSONValue {
            .object(JSONObject(SafeguardingRecord.Concern.Urgency.allCases.map {
                JSONObject.Member(key: $0.rawValue, value: .number(JSONNumber(map[$0] ?? 0)))
            }))
        }
        var members: [JSONObject.Member] = [
            .init(key: "version", value: .number(JSONNumber(Self.currentVersion))),
            .init(key: "acknowledgement", value: days(acknowledgement)),
            .init(key: "outcome", value: days(outcome)),
        ]
        if !bankHolidays.isEmpty {
            members.append(.init(key: "bank_holidays", value: .array(bankHolidays.map { .string($0.description) })))
        }
        return .object(JSONObject(members))
    }
}
