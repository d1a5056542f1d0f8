import Testing
@testable import SealpostRecord

/// Dates from the clock, and the sender's check that nobody in a record is born in the future.
@Suite("Dates of birth: calendar days from the clock, and none in the future")
struct BirthDateTests {
    @Test("days since 1970 give the civil date, across leap days, centuries and before 1970")
    func civilDates() {
        let cases: [(Int, String)] = [
            (0, "1970-01-01"), (-1, "1969-12-31"), (59, "1970-03-01"), (10_956, "1999-12-31"), (10_957, "2000-01-01"),
            (11_016, "2000-02-29"), (11_017, "2000-03-01"), (19_782, "2024-02-29"), (19_783, "2024-03-01"), (-25_567, "1900-01-01"), (47_846, "2100-12-31"),
        ]
        for (days, expected) in cases { #expect(CalendarDate(daysSince1970: days)?.description == expected, "day \(days)") }
        #expect(CalendarDate(daysSince1970: -25_568) == nil && CalendarDate(daysSince1970: 47_847) == nil, "outside 1900-2100")
        // A clock far outside the years clamps rather than traps.
        #expect(CalendarDate.today(now: 1e300).description == "2100-12-31")
        #expect(CalendarDate.today(now: -1e300).description == "1900-01-01")
        #expect(CalendarDate.today(now: .nan).year == 1900)
    }

    @Test("today is the UK's date: GMT in winter, BST in summer, changing at 01:00 UTC")
    func ukToday() {
        let midnightUTC: Int64 = 1_796_601_600  // 2026-12-07T00:00:00Z, GMT
        #expect(UKCalendar.today(atUnixTime: midnightUTC - 1).description == "2026-12-06")
        #expect(UKCalendar.today(atUnixTime: midnightUTC).description == "2026-12-07")
        let julyUTC: Int64 = 1_782_864_000  // 2026-07-01T00:00:00Z, 1am BST
        #expect(UKCalendar.today(atUnixTime: julyUTC - 3_601).description == "2026-06-30")
        #expect(UKCalendar.today(atUnixTime: julyUTC - 3_600).description == "2026-07-01", "midnight BST")
        #expect(UKCalendar.isSummerTime(1_774_746_000) && !UKCalendar.isSummerTime(1_774_745_999), "29 March 2026, 01:00 UTC")
        #expect(!UKCalendar.isSummerTime(1_792_890_000) && UKCalendar.isSummerTime(1_792_889_999), "25 October 2026, 01:00 UTC")
        #expect(CalendarDate(daysSince1970: Int.max) == nil && CalendarDate(daysSince1970: Int.min) == nil, "never traps")
    }

    @Test("a date of birth after today is reported where it is, for the child, household and parties; today is not")
    func futureBirthDates() {
        let today = CalendarDate(year: 2026, month: 12, day: 7)!
        var record = replacing(minimalRecord(), ["subject", "dob"], with: "2031-02-28")
        record = replacing(record, ["household"], with: [["id": "mum", "relationship": "mother", "dob": "1990-05-01"],
                                                         ["id": "baby", "relationship": "brother", "dob": "2026-12-08"]])
        record = replacing(record, ["parties"], with: [["id": "n1", "dob": "2026-12-07"], ["id": "n2", "dob": "not a date"],
                                                       ["id": "n3", "dob": "2099-01-01"]])
        let issues = SafeguardingRecord.futureBirthDates(in: record, today: today)
        #expect(issues.map(\.path.description) == ["$.subject.dob", "$.household[1].dob", "$.parties[2].dob"])
        #expect(issues.allSatisfy { $0.code == .dateOfBirthInFuture && $0.problem.contains("2026-12-07") })
        #expect(issues.allSatisfy { !$0.problem.contains("2031") && !$0.fix.contains("2031") }, "no value from the record is repeated")
        #expect(issues.first?.fix.contains("unborn") == true)
        // Reading a record does not depend on the clock: the same record is valid to read.
        #expect(!recordIssues(record, mode: .forRedaction).contains { $0.code == .dateOfBirthInFuture })
        #expect(SafeguardingRecord.futureBirthDates(in: minimalRecord(), today: today).isEmpty)
        #expect(SafeguardingRecord.futureBirthDates(in: "not an object", today: today).isEmpty)
    }
}
