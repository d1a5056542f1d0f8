import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord
import Testing

/// The agreement's working-day deadlines (spec/agreement.md §`response_deadlines`): weekends and
/// bank holidays skipped, the standard deadlines when the member is absent, and an agreement
/// without it reading, signing and verifying as before.
@Suite("Response deadlines")
struct ResponseDeadlinesTests {
    /// Unix seconds at `time` UTC on `day`.
    func moment(_ day: String, _ hour: Int = 10) -> Int64 {
        let d = date(day)
        return Timestamp.startOfDay(year: d.year, month: d.month, day: d.day) / 1000 + Int64(hour) * 3600
    }

    @Test("working days skip weekends and bank holidays; the deadline is the end of the day")
    func workingDays() {
        let standard = ResponseDeadlines.standard
        // Monday 2026-12-07 10:00: 1 working day is the end of Tuesday; 3 is the end of Thursday.
        #expect(standard.due(after: moment("2026-12-07"), workingDays: 1) == moment("2026-12-09", 0))
        #expect(standard.due(after: moment("2026-12-07"), workingDays: 3) == moment("2026-12-11", 0))
        // Friday: 1 working day is the end of Monday; received on Saturday, too.
        #expect(standard.due(after: moment("2026-12-11"), workingDays: 1) == moment("2026-12-15", 0))
        #expect(standard.due(after: moment("2026-12-12"), workingDays: 1) == moment("2026-12-15", 0))
        // 0 working days: the end of the day, or of the next working day when received at a weekend.
        #expect(standard.due(after: moment("2026-12-07"), workingDays: 0) == moment("2026-12-08", 0))
        #expect(standard.due(after: moment("2026-12-13"), workingDays: 0) == moment("2026-12-15", 0))
        // Christmas: Thursday 24th, with the 25th and 28th bank holidays, 1 working day is the end of the 29th.
        let christmas = ResponseDeadlines(acknowledgement: [:], outcome: [:], bankHolidays: [date("2026-12-28"), date("2026-12-25")])
        #expect(christmas.due(after: moment("2026-12-24"), workingDays: 1) == moment("2026-12-30", 0))
        #expect(standard.due(after: moment("2026-12-24"), workingDays: 1) == moment("2026-12-26", 0))
        // Leap years and the turn of a century.
        #expect(standard.due(after: moment("2028-02-28"), workingDays: 1) == moment("2028-03-01", 0))
        #expect(standard.due(after: moment("2099-12-31"), workingDays: 1) == moment("2100-01-02", 0))
    }

    @Test("an acknowledgement is due by the earlier of the urgency's clock and the working days; an outcome by working days")
    func perUrgency() {
        let standard = ResponseDeadlines.standard
        let friday = moment("2026-12-11", 15)
        #expect(standard.acknowledgementDue(receivedAt: friday, urgency: .emergency) == friday + 3600)
        #expect(standard.acknowledgementDue(receivedAt: friday, urgency: .urgent) == friday + 86_400)
        // Routine on a Friday: 72 hours (Monday 15:00) comes before the end of Monday; on a Monday,
        // the end of Tuesday comes before 72 hours.
        #expect(standard.acknowledgementDue(receivedAt: friday, urgency: .routine) == friday + 3 * 86_400)
        #expect(standard.acknowledgementDue(receivedAt: moment("2026-12-14", 15), urgency: .routine) == moment("2026-12-16", 0))
        #expect(standard.outcomeDue(receivedAt: friday, urgency: .routine) == moment("2026-12-17", 0))
        let quick = ResponseDeadlines(acknowledgement: [.emergency: 0, .urgent: 0, .routine: 1],
                                      outcome: [.emergency: 1, .urgent: 2, .routine: 5], bankHolidays: [])
        #expect(quick.outcomeDue(receivedAt: friday, urgency: .emergency) == moment("2026-12-15", 0))
        #expect(quick.outcomeDue(receivedAt: friday, urgency: .routine) == moment("2026-12-19", 0))
    }

    @Test("the member is optional, read back whole, and signed over")
    func member() throws {
        let plain = Fixture.agreement()
        #expect(plain.responseDeadlines == nil && plain.deadlines == .standard)
        #expect(!String(decoding: plain.canonicalBytes, as: UTF8.self).contains("response_deadlines"))

        var stated = plain
        stated.responseDeadlines = ResponseDeadlines(acknowledgement: [.emergency: 0, .urgent: 1, .routine: 1],
                                                     outcome: [.emergency: 1, .urgent: 3, .routine: 3], bankHolidays: [date("2026-12-25")])
        let signed = Fixture.signed(stated)
        let read = try parse(signed.fileBytes)
        #expect(read.agreement.responseDeadlines == stated.responseDeadlines)
        #expect(read.verify().isComplete)
        // The signatures cover the member: without it they no longer verify.
        let stripped = fileJSON(signed).setting(at("agreement", "response_deadlines"), to: nil)
        let unsigned = try parse(JSONWriter().bytes(stripped))
        #expect(unsigned.agreement.responseDeadlines == nil)
        #expect(!unsigned.verify().isComplete)
    }

    @Test("bad deadlines are refused with their path")
    func refusals() {
        var stated = Fixture.agreement()
        stated.responseDeadlines = .standard
        let base = fileJSON(Fixture.signed(stated))
        func refused(_ value: JSONValue, _ path: String, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let error = parseError(value)
            #expect(error?.message.contains(path) == true && error?.message.contains(phrase) == true, "\(String(describing: error?.message))",
                    sourceLocation: sourceLocation)
        }
        refused(base.setting(at("agreement", "response_deadlines", "version"), to: 2), "$.agreement.response_deadlines.version", "is not 1")
        refused(base.setting(at("agreement", "response_deadlines", "outcome", "routine"), to: 61),
                "$.agreement.response_deadlines.outcome.routine", "0 to 60 working days")
        refused(base.setting(at("agreement", "response_deadlines", "outcome", "urgent"), to: nil),
                "$.agreement.response_deadlines.outcome", "is missing \"urgent\"")
        refused(base.setting(at("agreement", "response_deadlines", "bank_holidays"), to: ["2026-02-30"]),
                "$.agreement.response_deadlines.bank_holidays[0]", "is not a date")
        refused(base.setting(at("agreement", "response_deadlines", "bank_holidays"), to: ["2026-12-25", "2026-12-25"]),
                "$.agreement.response_deadlines.bank_holidays[1]", "repeats")
        refused(base.setting(at("agreement", "response_deadlines", "weekends"), to: true),
                "$.agreement.response_deadlines", "unknown member")
    }
}

/// Issue 11 §4: an expired, not yet valid or soon expiring edition installed without a word.
@Suite("Agreement validity warnings")
struct AgreementValidityTests {
    @Test func warningsNameTheDateAndTheRenewal() {
        let a = Fixture.agreement(from: "2026-04-01", until: "2027-03-31")
        #expect(a.validityWarning(on: date("2026-12-06")) == nil)
        let soon = a.validityWarning(on: date("2027-03-11"))
        #expect(soon == "agreement kingsbridge-dsa version 1 expires on 2027-03-31, in 20 days; after that nothing can be sent or opened under it: the partnership must agree, sign and install the next edition (sealpost agreement create --from FILE)")
        #expect(a.validityWarning(on: date("2027-03-31"))?.contains("expires on 2027-03-31, today") == true)
        #expect(a.validityWarning(on: date("2027-03-01"))?.contains("in 30 days") == true)
        #expect(a.validityWarning(on: date("2027-02-28")) == nil)
        #expect(a.validityWarning(on: date("2027-04-01"))?.contains("expired on 2027-03-31: nothing can be sent or opened under it") == true)
        #expect(a.validityWarning(on: date("2026-03-31"))?.contains("is not valid until 2026-04-01") == true)
    }
}
