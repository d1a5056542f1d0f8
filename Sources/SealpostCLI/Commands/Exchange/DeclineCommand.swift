import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange
import SealpostRecord

struct DeclineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline", abstract: "Record a decision not to share: in answer to a request, or on your own judgement.",
        discussion: """
        With a request's id (as sealpost inbox lists it, once opened with sealpost open): logs a \
        signed declined receipt, with the reasons' categories in its facts and your reason in the \
        log's details, and seals the decline (receipt and reason) back to the agency that asked; \
        it is journalled first, so an interrupted decline is sent by the next relay command. \
        Without a request, with --purpose and --about RECORD.json: logs the decision and sends \
        nothing. Reason categories (--reason-code, repeatable): not_held, not_identified, \
        no_lawful_basis, not_necessary, risk_to_child, risk_to_others, \
        prejudice_to_investigation, third_party_information, other (the default).
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Argument(help: "The request's envelope id, or its first 6 or more hex digits (omit with --purpose and --about).")
    var id: String?

    @Option(name: .long, help: ArgumentHelp("Why the information is not shared (sent sealed to the requester; kept in the log's details).", valueName: "TEXT"))
    var reason: String

    @Option(name: .customLong("reason-code"), help: ArgumentHelp("A category of the reason (repeat for several).", valueName: "CODE"))
    var reasonCodes: [String] = []

    @Option(name: .long, help: ArgumentHelp("Without a request: the purpose sharing was considered for.", valueName: "PURPOSE"))
    var purpose: String?

    @Option(name: .long, help: ArgumentHelp("Without a request: the record not shared.", valueName: "RECORD.json"))
    var about: String?

    func validate() throws {
        if id != nil {
            guard purpose == nil, about == nil else {
                throw ValidationError("--purpose and --about are for a decline without a request; a request already names both")
            }
        } else {
            guard purpose != nil, about != nil else {
                throw ValidationError("name the request to decline (its id from sealpost inbox), or give --purpose and --about RECORD.json for a decision of your own")
            }
        }
    }

    func run() async throws {
        var codes: [Decline.Reason] = []
        for code in reasonCodes {
            guard let parsed = Decline.Reason(rawValue: code) else {
                throw CLIError("--reason-code \(Printable.escape(code)) is not a reason category", hint: "use one of: \(Decline.Reason.list)")
            }
            codes.append(parsed)
        }
        guard FreeText.isAcceptable(reason) else { throw CLIError("--reason \(FreeText.rule)", hint: "say why the information is not shared") }
        if let id { try await answer(id, codes: codes) } else { try ownJudgement(codes: codes) }
    }

    private func answer(_ text: String, codes: [Decline.Reason]) async throws {
        let context = try ExchangeCommand.context(options)
        let requestID: EnvelopeID
        do { requestID = try Receive.resolve(text, among: try context.requestsIn.entries().map(\.envelopeID)) } catch {
            guard error.code == .notFound else { throw CLIError(error) }
            throw CLIError("no request \(Printable.escape(text)) has been opened here", hint: "open it first with: sealpost open ID (sealpost inbox lists requests)")
        }
        let reason = self.reason
        let entry = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await Decline.decline(requestID, reason: reason, reasons: codes, session: session)
        }
        print("declined request \(entry.requestID) from \(entry.requester) (\(entry.purpose); reasons: \(entry.reasons.joined(separator: ", "))): decline \(entry.declineID) deposited for \(entry.requester)")
    }

    private func ownJudgement(codes: [Decline.Reason]) throws {
        guard let about, let purpose else { return }
        guard let data = FileManager.default.contents(atPath: about) else { throw CLIError("cannot read \(about)", hint: "check the path") }
        let record: SafeguardingRecord
        do { record = try SafeguardingRecord(json: Array(data), mode: .forRedaction) } catch {
            let issues = RecordIssueList.lines(error.issues)
            throw CLIError("\(about) is not a record:\n\(issues)", hint: "spec/record.md describes every field")
        }
        let context = try ExchangeCommand.context(options)
        let seq: Int64
        do { seq = try Decline.onOwnJudgement(record, purpose: purpose, reason: reason, reasons: codes, context: context) } catch { throw CLIError(error) }
        print("declined to share record \(record.id ?? "(no id)") for \(purpose): logged as entry \(seq) of the receipt log; nothing was sent")
    }
}
