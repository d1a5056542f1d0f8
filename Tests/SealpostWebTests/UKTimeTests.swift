import Hummingbird
import SealpostRecord
@testable import SealpostWeb
import Testing

/// Pages show times in UK time, the GOV.UK way, across the changes to and from British Summer Time.
@Suite("sealpost web: times in UK time")
struct UKTimeTests {
    @Test("GMT in winter, BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October")
    func ukTime() {
        let cases: [(Int64, String)] = [
            (1_796_607_745, "7 December 2026, 1:42am"),
            (1_782_907_200, "1 July 2026, 1:00pm"),
            (1_774_745_999, "29 March 2026, 12:59am"),  // a second before the clocks go forward
            (1_774_746_000, "29 March 2026, 2:00am"),
            (1_792_889_999, "25 October 2026, 1:59am"),  // a second before the clocks go back
            (1_792_890_000, "25 October 2026, 1:00am"),
            (1_796_947_200, "11 December 2026, midnight"),
            (1_796_990_400, "11 December 2026, midday"),
            (1_709_247_900, "29 February 2024, 11:05pm"),
            (-1, "31 December 1969, 11:59pm"),
        ]
        for (seconds, expected) in cases { #expect(UKTime.text(seconds) == expected, "\(seconds)") }
        #expect(Format.time(milliseconds: 1_796_607_745_999) == "7 December 2026, 1:42am")
        #expect(Format.date("2017-03-14") == "14 March 2017" && Format.date("not a date") == "not a date")
    }

    @Test("a day begins at UK midnight, so the receipt log's date filters match the times the page shows")
    func ukDays() {
        func start(_ iso: String) -> Int64 { UKCalendar.startOfDay(CalendarDate(iso: iso)!) }
        #expect(start("2026-12-07") == 1_796_601_600, "GMT: midnight UTC")
        #expect(start("2026-07-01") == 1_782_860_400, "BST: 23:00 UTC the day before")
        #expect(start("2026-03-29") == 1_774_742_400, "the clocks go forward at 1am, after midnight GMT")
        #expect(start("2026-10-25") == 1_792_882_800, "the clocks go back at 2am BST, after midnight BST")
        var query = Hummingbird.Parameters()
        query["since"] = "2026-07-01"
        query["until"] = "2026-10-25"
        let (filter, error) = LogPage.filter(query)
        #expect(error == nil)
        #expect(filter.since == 1_782_860_400_000 && filter.until == 1_792_972_800_000, "to the end of 25 October, a 25-hour day")
    }

    @Test("days since 1970 and back, and weekdays")
    func daysAndWeekdays() throws {
        for days in stride(from: -25_567, through: 47_846, by: 97) {
            let date = try #require(CalendarDate(daysSince1970: days))
            #expect(date.daysSince1970 == days)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.weekday == 4, "a Thursday")
        #expect(CalendarDate(year: 2026, month: 12, day: 7)?.weekday == 1, "a Monday")
        #expect(CalendarDate(year: 1900, month: 1, day: 1)?.weekday == 1, "a Monday")
    }
}
