import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLog
import SealpostRecord

/// `sealpost report --subject`: a child's history from the receipt log, fit to give to the data
/// subject or a regulator. It never shows a protected third party: the log's facts hold only
/// pseudonym tokens, and free-text reasons (which might name someone) are left out.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A child's information-sharing history from the receipt log.",
        discussion: """
        Lists every decision this agency recorded about the child: what was shared, with whom,
        when, for what purpose and on what lawful basis, what was withheld and why, what was
        refused, received and acknowledged. Match by name (all words, any order, any case), NHS
        number or record id. Entries whose details were erased under a retention rule cannot be
        matched and are counted at the end. Practitioners' free-text reasons are left out, since
        they may name other people; third parties appear only as their tokens.
        """)

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("The child's name, NHS number or record id.", valueName: "NAME_OR_ID"))
    var subject: String

    func run() throws {
        let location = try LogLocation(options)
        let contents = try location.read()
        let agreement = try? AgreementStore(home: location.home).current()?.agreement
        let query = SubjectQuery(subject)
        guard query.isUsable else { throw CLIError("--subject is empty", hint: "give the child's name, NHS number or record id") }
        let matches = contents.records.filter { query.matches($0) }
        let erased = contents.records.filter { $0.details == nil }.count
        var verified = "not checked"
        if let report = try? LogVerifier(directory: location.directory, owner: location.owner).verify() {
            verified = report.isValid ? "yes (\(report.entries) entries)" : "NO: \(report.problem?.description ?? "checkpoints contradict it")"
        }
        let out = ReportWriter(agreement: agreement, records: contents.records, owner: location.agency)
        print("Information-sharing record for the subject \"\(Printable.escape(subject))\"")
        print("Held by \(location.agency); generated \(LogTime.display(Int64(Date().timeIntervalSince1970 * 1000))) UTC from its receipt log (log verifies: \(verified)).")
        print("Other people's identities are never shown: they were replaced by tokens such as [Third party 1 (neighbour)] before anything was shared.")
        print("")
        guard !matches.isEmpty else {
            print("No decisions about this subject are recorded" + (erased > 0 ? " (\(erased) entries have had their details erased and cannot be matched)." : "."))
            return
        }
        if let identifiers = matches.lazy.compactMap({ $0.details?.details?["subject"]?.objectValue }).first {
            let parts = [identifiers["name"]?.stringValue, identifiers["nhs_number"]?.stringValue.map { "NHS number \($0)" },
                         identifiers["dob"]?.stringValue.map { "born \($0)" }].compactMap { $0 }
            print("Subject: \(parts.joined(separator: ", "))")
            print("")
        }
        for (i, record) in matches.enumerated() {
            print(out.describe(record, number: i + 1))
        }
        if erased > 0 { print("\(erased) log entries have had their details erased under the retention rule; they cannot be matched to a subject.") }
    }
}

/// How a subject is recognised in an entry's details.
struct SubjectQuery {
    let words: [String]
    let digits: String
    let raw: String

    init(_ text: String) {
        raw = text.trimmingCharacters(in: .whitespaces).lowercased()
        words = raw.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        digits = text.filter(\.isNumber)
    }

    var isUsable: Bool { !words.isEmpty }

    func matches(_ record: LogRecord) -> Bool {
        guard let details = record.details?.details else { return false }
        let subject = details["subject"]?.objectValue
        if digits.count == 10, subject?["nhs_number"]?.stringValue?.filter(\.isNumber) == digits { return true }
        if let id = details["record_id"]?.stringValue ?? record.text("record_id"), id.lowercased() == raw { return true }
        guard let name = subject?["name"]?.stringValue?.lowercased() else { return false }
        let nameWords = Set(name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        return words.allSatisfy(nameWords.contains)
    }
}

/// One entry in words.
struct ReportWriter {
    let agreement: Agreement?
    /// Acknowledgements by message id, and (as `status.answers`) how each request was answered.
    let status: LogStatus
    let owner: String

    init(agreement: Agreement?, records: [LogRecord], owner: String) {
        self.agreement = agreement
        self.owner = owner
        status = LogStatus(records)
    }

    var answers: RequestAnswers { status.answers }

    func describe(_ record: LogRecord, number: Int) -> String {
        let e = record.entry
        // The other agency: a send's recipient; otherwise the entry's counterpart.
        let who = (["sent", "refused", "expired"].contains(e.kind) ? record.text("recipient") : nil) ?? record.counterpart ?? "-"
        let role = agreement?.party(who).map { " (\($0.role.rawValue))" } ?? ""
        var head: String
        switch e.kind {
        case "sent": head = "Shared with \(who)\(role)"
        case "share_decided": head = "Decided to share"
        case "refused": head = "Not shared with \(who)\(role): the agreement gives it no role for this purpose"
        case "redaction_cleared": head = "A detail the redactor flagged was kept after review (\(record.text("category") ?? "identifier"))"
        case "received": head = "Received from \(record.text("sender") ?? who)"
        case "acknowledged":
            head = record.text("by") == owner ? "Acknowledged receipt to \(who)" : "Receipt acknowledged by \(record.text("by") ?? who)"
        case "expired":
            head = record.text("envelope_kind") == "request" ? "Request to \(who) not opened; it expired at the relay" : "Not collected by \(who); it expired at the relay"
        case "request_sent": head = "Asked \(who)\(role) for information"
        case "request_received": head = "Asked for information by \(who)\(role)"
        case "request_refused": head = "Did not ask \(who)\(role) for information: the agreement gives this agency no role for this purpose"
        case "declined":
            if let requester = record.text("requester") {
                head = record.text("by") == owner
                    ? "Declined to share with \(requester)\(agreement?.party(requester).map { " (\($0.role.rawValue))" } ?? "") in answer to its request; nothing was shared"
                    : "\(record.text("by") ?? who) declined this agency's request; nothing was shared"
            } else {
                head = "Decided not to share (the practitioner's own judgement, no request); nothing was sent"
            }
        default: head = e.kind
        }
        var lines = ["\(number). \(LogTime.display(e.at)) UTC  \(head)"]
        if let purpose = record.text("purpose") {
            let name = agreement?.purpose(purpose).map { " (\($0.name))" } ?? ""
            lines.append("   purpose: \(purpose)\(name)")
        }
        var basis: [String] = []
        if let b = record.fact("lawful_basis") { basis.append("lawful basis: \(Self.flat(b))") }
        if let c = record.text("consent") { basis.append("consent: \(c)") }
        if let u = record.text("urgency") { basis.append("urgency: \(u)") }
        if !basis.isEmpty { lines.append("   " + basis.joined(separator: "; ")) }
        if let shared = record.fact("shared")?.arrayValue, !shared.isEmpty {
            lines.append("   shared: " + shared.compactMap(\.stringValue).joined(separator: ", "))
        }
        if let withheld = record.fact("withheld")?.arrayValue, !withheld.isEmpty {
            lines.append("   withheld: " + withheld.compactMap { w in
                w["path"]?.stringValue.map { "\($0) (\((w["reason"]?.stringValue ?? "").replacingOccurrences(of: "_", with: " ")))" }
            }.joined(separator: ", "))
        }
        if let tokens = record.fact("redaction")?["tokens"]?.arrayValue, !tokens.isEmpty {
            lines.append("   other people protected: " + tokens.compactMap { $0["token"]?.stringValue }.joined(separator: ", "))
        }
        if let reasons = record.fact("reasons")?.arrayValue, e.kind == "declined" {
            lines.append("   reasons: " + reasons.compactMap(\.stringValue).map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "))
        }
        if e.kind == "sent", let message = record.text("message_id") {
            lines.append("   status: " + (status.acknowledgedAt[message].map { "acknowledged \(LogTime.display($0)) UTC" } ?? "not yet acknowledged"))
        }
        if ["sent", "share_decided", "received"].contains(e.kind), record.text("in_answer_to") != nil {
            lines.append("   in answer to a request for information")
        }
        if ["request_sent", "request_received"].contains(e.kind), let message = record.text("message_id") {
            lines.append("   status: " + answers.describe(message))
        }
        lines.append("   log entry \(e.seq)")
        return lines.joined(separator: "\n")
    }

    static func flat(_ value: JSONValue) -> String {
        if let s = value.stringValue { return s }
        if let a = value.arrayValue { return a.map(flat).joined(separator: ", ") }
        if let o = value.objectValue { return o.members.map { "\($0.key) \(flat($0.value))" }.joined(separator: ", ") }
        return String(decoding: value.serialized(), as: UTF8.self)
    }
}

/// How each request (by its message id) was answered, from later entries: a `declined` entry or
/// a `sent`/`received` entry naming it in `in_answer_to`.
struct RequestAnswers {
    private var answers: [String: (what: String, at: Int64)] = [:]

    init(_ records: [LogRecord]) {
        for record in records {
            guard let request = record.text("in_answer_to") else { continue }
            switch record.entry.kind {
            case "declined": answers[request] = ("declined", record.entry.at)
            case "sent", "received": if answers[request] == nil { answers[request] = ("answered with a record", record.entry.at) }
            default: break
            }
        }
    }

    /// `declined`, `answered` or nil.
    func state(_ message: String) -> String? {
        answers[message].map { $0.what == "declined" ? "declined" : "answered" }
    }

    func describe(_ message: String) -> String {
        answers[message].map { "\($0.what) \(LogTime.display($0.at)) UTC" } ?? "not yet answered"
    }
}
