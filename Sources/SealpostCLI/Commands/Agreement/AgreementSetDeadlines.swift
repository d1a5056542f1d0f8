import ArgumentParser
import SealpostAgreement
import SealpostRecord

/// `sealpost agreement set-deadlines FILE`: the working-day deadlines for acknowledgements and
/// outcomes, per urgency, and the bank holidays (spec/agreement.md §`response_deadlines`).
struct AgreementSetDeadlines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-deadlines", abstract: "Set the working-day deadlines for acknowledgements and outcomes; drops signatures.",
        discussion: """
        Without the member an agreement has the standard deadlines: acknowledgement within 1 \
        working day, outcome within 3, for every urgency. Working days are Monday to Friday, less \
        the bank holidays listed. Options not given keep the agreement's current values.
        """)

    @Argument(help: "The agreement file.") var file: String
    @Option(help: ArgumentHelp("Working days to acknowledge, per urgency, such as emergency=0,urgent=1,routine=1.", valueName: "DAYS"))
    var acknowledgement: String?
    @Option(help: ArgumentHelp("Working days to tell the outcome, per urgency, such as emergency=1,urgent=3,routine=3.", valueName: "DAYS"))
    var outcome: String?
    @Option(name: .customLong("bank-holiday"), help: ArgumentHelp("A day that is not a working day (repeatable; replaces the list).", valueName: "YYYY-MM-DD"))
    var bankHolidays: [String] = []

    func run() throws {
        var signed = try loadAgreement(file)
        var deadlines = signed.agreement.deadlines
        if let acknowledgement { deadlines.acknowledgement = try Self.days(acknowledgement, option: "--acknowledgement", current: deadlines.acknowledgement) }
        if let outcome { deadlines.outcome = try Self.days(outcome, option: "--outcome", current: deadlines.outcome) }
        if !bankHolidays.isEmpty {
            var dates: [CalendarDate] = []
            for text in bankHolidays {
                let day = try parseDate(text, option: "--bank-holiday")
                if !dates.contains(day) { dates.append(day) }
            }
            deadlines.bankHolidays = dates.sorted()
        }
        let dropped = signed.signatures.count
        let chosen = deadlines
        do { try signed.edit { (a: inout Agreement) throws(AgreementError) in a.responseDeadlines = chosen } } catch { throw CLIError(error) }
        try saveAgreement(signed, to: file)
        func show(_ map: [SafeguardingRecord.Concern.Urgency: Int64]) -> String {
            SafeguardingRecord.Concern.Urgency.allCases.map { "\($0.rawValue) \(map[$0] ?? 0)" }.joined(separator: ", ")
        }
        print("deadlines in working days: acknowledgement \(show(chosen.acknowledgement)); outcome \(show(chosen.outcome)); \(Display.count(chosen.bankHolidays.count, "bank holiday"))")
        if dropped > 0 { print("the document changed, so its \(Display.count(dropped, "signature")) \(dropped == 1 ? "was" : "were") removed; every party must sign again") }
    }

    /// Parses `urgency=days,...`; urgencies not named keep `current`.
    static func days(_ text: String, option: String, current: [SafeguardingRecord.Concern.Urgency: Int64])
        throws -> [SafeguardingRecord.Concern.Urgency: Int64] {
        var out = current
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let urgency = SafeguardingRecord.Concern.Urgency(rawValue: pair[0]), let n = Int64(pair[1]),
                  (0...ResponseDeadlines.maximumDays).contains(n) else {
                throw CLIError("\(option) \(text) is not URGENCY=DAYS,...",
                               hint: "for example emergency=0,urgent=1,routine=1 (0 to \(ResponseDeadlines.maximumDays) working days)")
            }
            out[urgency] = n
        }
        return out
    }
}
