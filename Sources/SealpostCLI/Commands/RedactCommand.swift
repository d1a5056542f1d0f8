import ArgumentParser
import Foundation
import SealpostCore
import SealpostRecord
import SealpostRedaction
import SealpostSharing

struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Preview a record with third parties' identities replaced by pseudonyms.",
        discussion: """
        Prints the redacted record on standard output and a summary on standard error: counts per \
        category, the tokens with their roles, and any possible identity the redactor is unsure of \
        (by field and position). Identities themselves are never printed. With --jsonl, reads one \
        record per line (a file or standard input) and writes one line per record: \
        {"id": ..., "record": <redacted record>, "findings": [{"path": "$.narrative", "start": N, \
        "end": M, "category": ..., "reason": ...}]}, each finding's offsets in Unicode scalars of the \
        original field text (spec/redaction.md, Outputs).
        """)

    @Flag(help: "Read one record per line and write one redacted record per line.")
    var jsonl = false

    @Flag(help: "Seal the token-to-identity map to this home's identity (HOME/pseudonyms/), for the sender only.")
    var saveMap = false

    @OptionGroup var options: HomeOptions

    @Argument(help: "The record (or, with --jsonl, the file of records; '-' or nothing for standard input).")
    var input: String?

    func validate() throws {
        if !jsonl && (input == nil || input == "-") && Terminal.isTerminal(0) {
            throw ValidationError("name a record file, or pipe one in")
        }
    }

    func run() throws {
        let data = try readInput()
        if jsonl { return try runLines(data) }
        let record = try parse(Array(data), source: input ?? "standard input")
        let (json, redaction) = try redact(record)
        FileHandle.standardOutput.write(Data(JSONWriter(options: [.prettyPrinted]).bytes(json) + [0x0a]))
        printError(summary(redaction.record))
        if saveMap {
            let identity = try options.unlock()
            let path = try PseudonymVault(home: options.resolvedHome).store(
                redaction.pseudonyms, recordID: record.id ?? "record", identity: identity, now: UInt64(Date().timeIntervalSince1970))
            printError("the pseudonym map is sealed to \(identity.agencyID) in \(path)")
        }
    }

    private func runLines(_ data: Data) throws {
        var failures = 0
        var lineNumber = 0
        for line in data.split(separator: 0x0a, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0d || $0 == 0x09 }) { continue }
            do {
                let record = try parse(Array(line), source: "line \(lineNumber)")
                let (json, redaction) = try redact(record)
                let out = JSONValue.object(JSONObject([
                    .init(key: "id", value: record.id.map(JSONValue.string) ?? .null),
                    .init(key: "record", value: json),
                    .init(key: "findings", value: findings(redaction.record, of: record)),
                ]))
                FileHandle.standardOutput.write(Data(JSONWriter().bytes(out) + [0x0a]))
            } catch let error as CLIError {
                failures += 1
                SealpostCommand.errorPrinter.print(error)
            }
        }
        if failures > 0 {
            throw CLIError("\(Display.count(failures, "record")) could not be redacted (listed above by line); the others were written",
                           hint: "fix those lines and run them again")
        }
    }

    private func readInput() throws -> Data {
        if let input, input != "-" {
            guard let handle = FileHandle(forReadingAtPath: input) else { throw CLIError("cannot read \(input)", hint: "check the path") }
            defer { try? handle.close() }
            return handle.readDataToEndOfFile()
        }
        return FileHandle.standardInput.readDataToEndOfFile()
    }

    private func parse(_ bytes: [UInt8], source: String) throws -> SafeguardingRecord {
        do { return try SafeguardingRecord(json: bytes, mode: .forRedaction) } catch {
            let issues = RecordIssueList.lines(error.issues)
            throw CLIError("\(source) is not a valid record:\n\(issues)", hint: "spec/record.md describes every field")
        }
    }

    private func redact(_ record: SafeguardingRecord) throws -> (JSONValue, Redaction) {
        let redaction: Redaction
        do { redaction = try Redactor().redact(RecordRedaction.input(for: record)) } catch {
            throw CLIError("cannot redact: \(error)")
        }
        return (RecordRedaction.apply(redaction.record, to: record.jsonValue).record, redaction)
    }

    /// The uncertain findings as `{"path", "start", "end", "category", "reason"}`, offsets in
    /// Unicode scalars of the original field text; never the text itself.
    private func findings(_ redacted: RedactedRecord, of record: SafeguardingRecord) -> JSONValue {
        let originals = Dictionary(RecordRedaction.input(for: record).texts.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        return .array(redacted.uncertain.map { finding in
            let range = finding.originalRange.scalarOffsets(in: originals[finding.path] ?? "")
            return .object(JSONObject([
                .init(key: "path", value: .string("$." + finding.path)),
                .init(key: "start", value: .number(JSONNumber(Int64(range.lowerBound)))),
                .init(key: "end", value: .number(JSONNumber(Int64(range.upperBound)))),
                .init(key: "category", value: .string(finding.category.rawValue)),
                .init(key: "reason", value: .string(finding.reason.rawValue)),
            ]))
        })
    }

    private func summary(_ record: RedactedRecord) -> String {
        var lines = ["redaction summary: \(Display.count(record.summary.total, "identifier")) replaced"]
        for category in IdentifierCategory.allCases {
            if let n = record.summary.counts[category], n > 0 { lines.append("  \(category.rawValue): \(n)") }
        }
        for token in record.summary.tokens { lines.append("  \(token.token): \(Display.count(token.occurrences, "mention"))") }
        if record.uncertain.isEmpty {
            lines.append("nothing left for you to decide")
        } else {
            lines.append("\(record.uncertain.count) possible identit\(record.uncertain.count == 1 ? "y" : "ies") to redact or clear before sending:")
            for finding in record.uncertain { lines.append("  \(finding.description)") }
        }
        return lines.joined(separator: "\n")
    }
}
