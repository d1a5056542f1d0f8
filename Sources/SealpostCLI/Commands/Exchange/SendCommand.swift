import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostRecord
import SealpostSharing

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: "Minimise, redact, seal and send a record to agencies through the relay.",
        discussion: """
        Every recipient must have a role in the purpose under the agreement in force; if any has \
        none, nothing is sealed. The preview on standard error says, per recipient, which fields are \
        shared and which withheld and why, and what redaction replaced (tokens and counts, never \
        identities). While the redactor is unsure of a possible identity the send is blocked: \
        --write-decisions FILE lists them, and --decisions FILE gives your answer to each (redact or \
        keep). Each recipient gets its own envelope, stored in the outbox before it is deposited; \
        one the relay cannot take now is deposited by the next relay command (sealpost sync). \
        On a terminal, send asks you to confirm after the preview; --yes sends without asking, and \
        is required when standard input is not a terminal.

        --attach FILE sends a file with the record to every recipient (repeatable: PDF, images, \
        office documents, text; its type is told from its content). Attachments are not redacted: \
        --attachments-checked confirms you checked each one, and is logged as your decision.
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Option(name: .long, help: ArgumentHelp("A recipient's agency id in the agreement (repeat for several).", valueName: "AGENCY"))
    var to: [String] = []

    @Option(name: .long, help: ArgumentHelp("The agreement's purpose id, such as child_protection_enquiry_s47.", valueName: "PURPOSE"))
    var purpose: String

    @Option(name: .long, help: ArgumentHelp("Your decisions on the possible identities the redactor was unsure of.", valueName: "FILE"))
    var decisions: String?

    @Option(name: .long, help: ArgumentHelp("If decisions are outstanding, write them here as a template to fill in.", valueName: "FILE"))
    var writeDecisions: String?

    @Option(name: .customLong("in-answer-to"),
            help: ArgumentHelp("A request opened here that this send answers (its id from sealpost inbox); the requester must be among the recipients.", valueName: "REQUEST_ID"))
    var inAnswerTo: String?

    @Option(name: .long, help: ArgumentHelp("A file to send with the record: PDF, image, office document or text (repeatable; not redacted).", valueName: "FILE"))
    var attach: [String] = []

    @Flag(name: .long, help: "Confirm you checked every attached file for what it may share (logged as your decision).")
    var attachmentsChecked = false

    @Flag(name: .long, help: "Show the preview and stop: nothing is sealed or sent.")
    var preview = false

    @Flag(name: .long, help: "Send without asking after the preview (for scripts; needed when standard input is not a terminal).")
    var yes = false

    @Argument(help: "The record (JSON, spec/record.md).")
    var record: String

    func validate() throws {
        guard !to.isEmpty else { throw ValidationError("name at least one recipient with --to AGENCY") }
        guard !attachmentsChecked || !attach.isEmpty else { throw ValidationError("--attachments-checked confirms files given with --attach; there are none") }
    }

    func run() async throws {
        if !preview { try Confirmation.requireSomeoneToAsk(yes: yes, command: "send") }
        let record = try readRecord()
        let decisionFile = try readDecisions()
        let context = try ExchangeCommand.context(options)
        let request = try inAnswerTo.map { try answering($0, context: context) }
        let attachments: [OutgoingAttachment]
        do { attachments = try OutgoingAttachment.read(attach) } catch { throw CLIError(error) }

        let preparation: Send.Preparation
        do {
            preparation = try Send.prepare(record, purpose: purpose, recipients: to, context: context, decisions: decisionFile, answering: request,
                                           attachments: attachments, attachmentsChecked: attachmentsChecked)
        } catch {
            throw try refusal(error)
        }
        printError(PreviewText.render(SendPreview(preparation)))
        for (i, a) in attachments.enumerated() {
            printError("  attachment \(i + 1): \(Printable.escape(a.name)) (\(a.type), \(a.length) bytes), to every recipient, not redacted: checked by you")
        }
        if preview {
            printError("sealpost: preview only: nothing was sealed or sent")
            return
        }
        if !yes {
            try Confirmation.ask("Send this to \(to.joined(separator: ", ")) now?", refused: "not sent: the send was not confirmed; nothing was sealed or sent")
        }

        let entries: [OutboxEntry]
        do { entries = try Send.seal(preparation, context: context) } catch { throw CLIError(error) }
        printError("sealpost: sealed \(Display.count(entries.count, "envelope")) into the outbox; depositing at the relay")

        let outcome: [(OutboxEntry, ExchangeError?)]
        do {
            outcome = try await ExchangeCommand.withSession(context, relay: relayOptions, finishPending: false) { session in
                var results: [(OutboxEntry, ExchangeError?)] = []
                for entry in entries {
                    do throws(ExchangeError) { results.append((try await Send.deposit(entry, session: session), nil)) } catch {
                        results.append((entry, error))
                    }
                }
                ExchangeCommand.report(try await Pending.finish(session: session))
                return results
            }
        } catch let error as CLIError {
            throw CLIError("sealed and kept in the outbox, but not deposited: \(error.message)",
                           hint: (error.hint.map { $0 + "; " } ?? "") + "then run sealpost sync, which deposits what the outbox holds")
        }
        var failed = 0
        for (entry, error) in outcome {
            if let error {
                failed += 1
                printError("sealpost: not yet deposited: envelope \(short(entry.envelopeID)) to \(entry.recipient): \(error.message)")
            } else if let receipt = entry.receipt {
                print("sent \(entry.envelopeID) to \(entry.recipient): message \(entry.messageID), deposited \(Timestamp.iso(seconds: receipt.depositedAt)), held until \(Timestamp.iso(seconds: receipt.expiresAt))"
                      + (entry.inAnswerTo != nil ? ", in answer to request \(short(request?.envelopeID ?? ""))" : ""))
            }
        }
        if failed > 0 {
            throw CLIError("\(failed) of \(Display.count(outcome.count, "envelope")) \(failed == 1 ? "is" : "are") kept in the outbox but not yet deposited",
                           hint: "run sealpost sync later: it deposits them with the same bytes")
        }
    }

    /// The request opened here that `text` names.
    private func answering(_ text: String, context: ExchangeContext) throws -> InboxEntry {
        do {
            let requests = try context.requestsIn.entries()
            let id = try Receive.resolve(text, among: requests.map(\.envelopeID))
            guard let request = requests.first(where: { $0.envelopeID == id.description }) else { throw ExchangeError(.notFound, "") }
            return request
        } catch let error as ExchangeError {
            guard error.code == .notFound else { throw CLIError(error) }
            throw CLIError("no request \(Printable.escape(text)) has been opened here", hint: "open it first with: sealpost open ID (sealpost inbox lists requests)")
        }
    }

    private func readRecord() throws -> SafeguardingRecord {
        guard let data = FileManager.default.contents(atPath: record) else { throw CLIError("cannot read \(record)", hint: "check the path") }
        do { return try SafeguardingRecord(json: Array(data), mode: .full) } catch {
            let issues = RecordIssueList.lines(error.issues)
            throw CLIError("\(record) is not a record ready to send:\n\(issues)", hint: "spec/record.md describes every field")
        }
    }

    private func readDecisions() throws -> DecisionFile {
        guard let decisions else { return DecisionFile() }
        guard let data = FileManager.default.contents(atPath: decisions) else { throw CLIError("cannot read \(decisions)", hint: "check the path") }
        do { return try DecisionFile(parsing: Array(data), source: decisions) } catch { throw CLIError(error) }
    }

    private func refusal(_ refusal: Send.Refusal) throws -> CLIError {
        switch refusal {
        case .notAllowed(let refused):
            let lines = refused.map { "  \($0.recipient): \($0.reason.message)" }.joined(separator: "\n")
            let hints = refused.compactMap(\.reason.hint)
            return CLIError("refusing to send under the agreement in force; nothing was sealed:\n\(lines)",
                            hint: (hints.first.map { $0 + "; " } ?? "") + "send only to agencies with a role in purpose \(purpose) (sealpost agreement show)")
        case .invalidRecord(let issues):
            let lines = RecordIssueList.lines(issues)
            return CLIError("\(record) is not a record ready to send:\n\(lines)", hint: "spec/record.md describes every field")
        case .needsDecisions(let findings):
            let lines = findings.map { "  \($0.id) (\($0.category.rawValue)): \($0.reason.explanation)" }.joined(separator: "\n")
            var hint = "write redact or keep for each in a decisions file and pass it with --decisions FILE"
            if let writeDecisions {
                try writeOutput(DecisionFile.template(for: findings), to: writeDecisions, mode: 0o600)
                hint = "a template is in \(writeDecisions): change each \"undecided\" to redact or keep, then send again with --decisions \(writeDecisions)"
            } else {
                hint += " (--write-decisions FILE writes a template)"
            }
            return CLIError("\(findings.count) possible identit\(findings.count == 1 ? "y" : "ies") in the record must be redacted or kept before it is sent; nothing was sealed:\n\(lines)",
                            hint: hint)
        case .unmatchedDecisions(let ids):
            return CLIError("the decisions file decides \(ids.joined(separator: ", ")), which this record does not raise",
                            hint: "the record changed since the file was written; write a new one with --write-decisions FILE")
        case .other(let error):
            return CLIError(error)
        }
    }
}
