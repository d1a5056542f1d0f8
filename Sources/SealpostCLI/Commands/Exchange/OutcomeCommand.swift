import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger

/// `sealpost outcome ID --decision CODE --reason TEXT [--next-steps TEXT]`: tell a record's
/// sender what this agency decided (spec/exchange.md §Outcomes).
struct OutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Tell the sender of a record opened here what was decided about it.",
        discussion: """
        Logs a signed outcome receipt (the decision's code in its facts; your reason and next \
        steps in the log's details) and seals the outcome (receipt, reason, next steps) back to \
        the agency that sent the record. It is journalled in HOME/outcomes before anything is \
        sent, so an interrupted outcome is sent by the next relay command; running the same \
        command again does not record it twice. A record may have several outcomes (early help, \
        then a section 47 enquiry). The sender's sealpost sync collects it. Decisions: \
        no_further_action, information_and_advice, early_help, section_17_assessment, \
        section_47_enquiry, strategy_discussion, already_open, passed_to_police, \
        passed_to_other_agency, more_information_needed.
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Argument(help: "The envelope id, or its first 6 or more hex digits, of a record opened here.")
    var id: String

    @Option(name: .long, help: ArgumentHelp("What was decided (one of the codes above).", valueName: "CODE"))
    var decision: String

    @Option(name: .long, help: ArgumentHelp("Why (sent sealed to the sender; kept in the log's details).", valueName: "TEXT"))
    var reason: String

    @Option(name: .customLong("next-steps"), help: ArgumentHelp("What happens next, and who does it (optional).", valueName: "TEXT"))
    var nextSteps: String?

    func run() async throws {
        guard let code = OutcomeDecision(rawValue: decision) else {
            throw CLIError("--decision \(Printable.escape(decision)) is not a decision", hint: "use one of: \(OutcomeDecision.list)")
        }
        guard FreeText.isAcceptable(reason) else { throw CLIError("--reason \(FreeText.rule)", hint: "say why this was decided") }
        if let nextSteps, !FreeText.isAcceptable(nextSteps) {
            throw CLIError("--next-steps \(FreeText.rule)", hint: "say what happens next, or leave --next-steps out")
        }
        let context = try ExchangeCommand.context(options)
        let envelopeID: EnvelopeID
        do { envelopeID = try Receive.resolve(id, among: try context.inbox.entries().map(\.envelopeID)) } catch {
            guard error.code == .notFound else { throw CLIError(error) }
            throw CLIError("no record \(Printable.escape(id)) has been opened here", hint: "open it first with: sealpost open ID (sealpost inbox lists them)")
        }
        let (reason, nextSteps) = (self.reason, self.nextSteps)
        let recorded = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await Outcome.record(envelopeID, decision: code, reason: reason, nextSteps: nextSteps, session: session)
        }
        let entry = recorded.entry
        let what = recorded.repeated ? "this outcome was already recorded" : "outcome recorded"
        print("\(what) for \(short(entry.envelopeID)) from \(entry.sender): \(code.words); outcome \(short(entry.outcomeID)) deposited for \(entry.sender)")
    }
}
