import Foundation
import SealpostCore
import SealpostRecord
import SealpostRedaction

/// Why a decisions file cannot be read: what is wrong (naming the file, the entry and the finding id,
/// never record text) and how to fix it.
public struct DecisionFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String
    public var description: String { message }
}

/// A practitioner's answers to the redactor's uncertain findings, as a file that `sealpost send
/// --decisions FILE` reads and `--write-decisions FILE` starts (spec/exchange.md §Decisions).
///
///     {"format": "sealpost-decisions/v1",
///      "decisions": [{"finding": "narrative@412-418", "action": "redact"},
///                    {"finding": "statements[3].text@0-6", "action": "keep",
///                     "reason": "the name of the school's own building, not a person"}]}
///
/// A finding is named by its id, `<field path>@<start>-<end>` in UTF-8 bytes of the original
/// text, as the preview lists it; it never carries the text itself. The template written by
/// `--write-decisions` adds each finding's category and why it was raised, with action
/// "undecided", for the practitioner to change to "redact" or "keep". Keeping a finding needs a
/// reason: it is the decision the receipt log records (`redaction_cleared`, reason in details).
public struct DecisionFile: Sendable, Equatable {
    public static let format = "sealpost-decisions/v1"

    public enum Action: String, Sendable { case redact, keep }

    /// Finding id to action, in file order.
    public private(set) var actions: [(finding: String, action: Action)]
    /// The practitioner's reason for a decision, by finding id (required for keep in a file).
    public private(set) var reasons: [String: String]

    public init(actions: [(finding: String, action: Action)] = [], reasons: [String: String] = [:]) {
        self.actions = actions
        self.reasons = reasons
    }

    public static func == (a: DecisionFile, b: DecisionFile) -> Bool {
        a.actions.map(\.finding) == b.actions.map(\.finding) && a.actions.map(\.action) == b.actions.map(\.action) && a.reasons == b.reasons
    }

    /// Reads a decisions file strictly: every entry names a finding once, with action redact or
    /// keep, and a keep has a non-blank reason. `source` names the file in errors.
    public init(decoding bytes: [UInt8], source: String) throws(DecisionFileError) {
        func bad(_ problem: String) -> DecisionFileError {
            DecisionFileError(message: "\(source): \(problem)",
                              hint: "start one with sealpost send --write-decisions FILE, then set each action to redact or keep")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw bad(error.description) }
        guard let object = value.objectValue else { throw bad("is not a JSON object") }
        guard object["format"]?.stringValue == Self.format else { throw bad("format must be \(Self.format)") }
        guard let list = object["decisions"]?.arrayValue else { throw bad("decisions must be an array") }
        var actions: [(finding: String, action: Action)] = []
        var reasons: [String: String] = [:]
        for (i, element) in list.enumerated() {
            guard let finding = element["finding"]?.stringValue, !finding.isEmpty else { throw bad("decisions[\(i)].finding must name a finding id") }
            guard let text = element["action"]?.stringValue else { throw bad("decisions[\(i)].action must be redact or keep") }
            guard let action = Action(rawValue: text) else {
                throw bad("decisions[\(i)] (\(Printable.escape(finding))) is \(Printable.escape(text)), not redact or keep")
            }
            guard !actions.contains(where: { $0.finding == finding }) else { throw bad("decides \(Printable.escape(finding)) twice") }
            if let reasonValue = element["reason"] {
                guard let reason = reasonValue.stringValue else { throw bad("decisions[\(i)].reason must be text") }
                let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { reasons[finding] = trimmed }
            }
            if action == .keep, reasons[finding] == nil {
                throw bad("decisions[\(i)] (\(Printable.escape(finding))) keeps a possible identity without a reason: say why in \"reason\"; it is recorded in the receipt log")
            }
            actions.append((finding, action))
        }
        self.actions = actions
        self.reasons = reasons
    }

    public func action(for finding: UncertainFinding) -> Action? { actions.first { $0.finding == finding.id }?.action }

    public func reason(for findingID: String) -> String? { reasons[findingID] }

    /// The template for `findings`: each with action "undecided".
    public static func template(for findings: [UncertainFinding]) -> [UInt8] {
        let decisions: [JSONValue] = findings.map { f in
            ["finding": .string(f.id), "field": .string(f.path), "category": .string(f.category.rawValue),
             "why": .string(f.reason.explanation), "action": "undecided", "reason": ""]
        }
        let value: JSONValue = ["format": .string(format), "decisions": .array(decisions)]
        return JSONWriter(options: [.prettyPrinted]).bytes(value) + [0x0a]
    }
}
