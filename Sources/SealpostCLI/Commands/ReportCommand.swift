import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostRecord

/// `sealpost report --subject`: a child's history from the receipt log, fit to give to the data
/// subject or a regulator. It never shows a protected third party: the log's facts hold only
/// pseudonym tokens, and free-text reasons (which might name someone) are left out.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A child's information-sharing history from the receipt log.",
        discussion: """
        Lists every decision this agency recorded about the child: what was shared, with whom, \
        when, for what purpose and on what lawful basis, what was withheld and why, what was \
        refused, received and acknowledged. Match by name (all words, any order, any case), NHS \
        number or record id. Entries whose details were erased under a retention rule cannot be \
        matched and are counted at the end. Practitioners' free-text reasons are left out, since \
        they may name other people; third parties appear only as their tokens. The details it reads \
        are sealed at rest, so it asks for the passphrase (and refuses without one).
        """)

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("The child's name, NHS number or record id.", valueName: "NAME_OR_ID"))
    var subject: String

    func run() throws {
        let location = try LogLocation(options)
        guard SubjectQuery(subject).isUsable else { throw CLIError("--subject is empty", hint: "give the child's name, NHS number or record id") }
        // The details that match a child (and that the report prints) are sealed at rest.
        let identity = try options.unlock(toShow: "report")
        let ledger = try location.read(identity: identity)
        let agreement = try? AgreementStore(home: location.home).current()?.agreement
        let report = SubjectReport(query: subject, ledger: ledger, owner: location.agency, agreement: agreement)
        let verified = switch SubjectReport.verify(directory: location.directory, owner: location.owner, atRest: AtRest(identity: identity)) {
        case .verified(let entries): "yes (\(entries) entries)"
        case .failed(let problem): "NO: \(problem)"
        case .notChecked: "not checked"
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        print("Information-sharing record for the subject \"\(Printable.escape(subject))\"")
        print("Held by \(location.agency); generated \(Timestamp.display(milliseconds: now)) UTC from its receipt log (log verifies: \(verified)).")
        print("Other people's identities are never shown: they were replaced by tokens such as [Third party 1 (neighbour)] before anything was shared.")
        print("")
        let erased = report.erasedEntries
        guard !report.events.isEmpty else {
            print("No decisions about this subject are recorded"
                + (erased > 0 ? " (\(erased) entries have had their details erased and cannot be matched)." : "."))
            return
        }
        if let s = report.subject {
            let parts = [s.name, s.nhsNumber.map { "NHS number \($0)" }, s.dob.map { "born \($0)" }].compactMap { $0 }
            print("Subject: \(parts.joined(separator: ", "))")
            print("")
        }
        for (i, event) in report.events.enumerated() { print(Self.describe(event, number: i + 1)) }
        if erased > 0 { print("\(erased) log entries have had their details erased under the retention rule; they cannot be matched to a subject.") }
    }

    /// One decision as numbered lines.
    static func describe(_ e: HistoryEvent, number: Int) -> String {
        var lines = ["\(number). \(Timestamp.display(milliseconds: e.at)) UTC  \(e.headline)"]
        if let purpose = e.purpose { lines.append("   purpose: \(purpose)" + (e.purposeName.map { " (\($0))" } ?? "")) }
        let basis = [e.lawfulBasis.map { "lawful basis: \($0)" }, e.consent.map { "consent: \($0)" }, e.familyTold.map { "family: \($0)" }, e.urgency.map { "urgency: \($0)" }]
            .compactMap { $0 }
        if !basis.isEmpty { lines.append("   " + basis.joined(separator: "; ")) }
        if !e.shared.isEmpty { lines.append("   shared: " + e.shared.joined(separator: ", ")) }
        if !e.withheld.isEmpty { lines.append("   withheld: " + e.withheld.map { "\($0.path) (\($0.reason))" }.joined(separator: ", ")) }
        if !e.protectedTokens.isEmpty { lines.append("   other people protected: " + e.protectedTokens.joined(separator: ", ")) }
        if !e.declineReasons.isEmpty { lines.append("   reasons: " + e.declineReasons.joined(separator: ", ")) }
        if let actor = e.actor {
            // Names and roles were checked when the slot was made; text that is not fit to show is escaped.
            func shown(_ text: String) -> String { Printable.isDisplayable(text) ? text : Printable.escape(text) }
            let who = shown(actor.name) + (actor.role.map { " (\(shown($0)))" } ?? "")
            lines.append((e.isOwnDecision ? "   by: " : "   recorded by: ") + who)
        }
        if let status = e.status { lines.append("   status: " + status) }
        if e.answersRequest { lines.append("   in answer to a request for information") }
        lines.append("   log entry \(e.seq)")
        return lines.joined(separator: "\n")
    }
}
