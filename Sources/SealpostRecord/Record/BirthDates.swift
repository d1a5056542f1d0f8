import SealpostJSON

extension SafeguardingRecord {
    /// The members whose `dob` is a person's date of birth: the child, then each household member and party.
    static let birthDatePaths: [(member: String, isList: Bool)] = [("subject", false), ("household", true), ("parties", true)]

    /// One issue for each date of birth in `value` (a record, or a draft of one) that is later than
    /// `today`: nobody is born in the future, so such a date is a typing error (2031 for 2013) that
    /// would mislead every agency that matches the child by it. An unborn baby has no date of birth:
    /// leave `dob` out and give the expected date in the narrative.
    ///
    /// This is a sender's check, made against the sender's clock when a record is written and
    /// sent, not part of reading a record: a recipient whose clock is a day behind must still open
    /// a record written today.
    public static func futureBirthDates(in value: JSONValue, today: CalendarDate) -> [RecordIssue] {
        guard let record = value.objectValue else { return [] }
        var issues: [RecordIssue] = []
        func check(_ person: JSONValue?, at path: JSONPath) {
            guard let text = person?.objectValue?["dob"]?.stringValue, let date = CalendarDate(iso: text), date > today else { return }
            issues.append(RecordIssue(.dateOfBirthInFuture, path: path.appending("dob"),
                                      problem: "is after today (\(today)): nobody in the record can be born in the future",
                                      fix: "check the year and the month against the source; for an unborn baby leave the date of birth out and give the expected date in the narrative"))
        }
        for (member, isList) in birthDatePaths {
            let path = JSONPath.root.appending(member)
            if isList {
                for (i, person) in (record[member]?.arrayValue ?? []).enumerated() { check(person, at: path.appending(i)) }
            } else {
                check(record[member], at: path)
            }
        }
        return issues
    }

    /// `futureBirthDates(in:today:)` for this record.
    public func futureBirthDates(today: CalendarDate) -> [RecordIssue] {
        SafeguardingRecord.futureBirthDates(in: jsonValue, today: today)
    }
}
