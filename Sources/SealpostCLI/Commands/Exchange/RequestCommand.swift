import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange
import SealpostRecord

struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Ask another agency for what it holds about a child, sealed through the relay.",
        discussion: """
        The agreement in force must let this agency receive information for the purpose; if it \
        does not, nothing is sealed and the refusal is logged. The request (the child's name and \
        any NHS number, date of birth and reason you give) is sealed to the holder alone and \
        logged as request_sent; the child's identifiers and the reason stay in the log's details, \
        never its chained facts. The holder answers with a record (sealpost inbox, then sealpost \
        open) or a decline with its reasons (collected by sealpost sync).
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Option(name: .long, help: ArgumentHelp("The agency asked: its id in the agreement.", valueName: "AGENCY"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("The agreement's purpose id the information is needed for.", valueName: "PURPOSE"))
    var purpose: String

    @Option(name: .long, help: ArgumentHelp("The child's name, as the holder may know it.", valueName: "CHILD_NAME"))
    var about: String

    @Option(name: .customLong("nhs-number"), help: ArgumentHelp("The child's NHS number, if known.", valueName: "N"))
    var nhsNumber: String?

    @Option(name: .long, help: ArgumentHelp("The child's date of birth, if known.", valueName: "YYYY-MM-DD"))
    var dob: String?

    @Option(name: .long, help: ArgumentHelp("Why the information is needed (sealed to the holder; kept in the log's details).", valueName: "TEXT"))
    var reason: String?

    @Option(name: .long, help: ArgumentHelp("routine (the default), urgent or emergency.", valueName: "URGENCY"))
    var urgency: String = "routine"

    func run() async throws {
        guard let urgency = SafeguardingRecord.Concern.Urgency(rawValue: urgency) else {
            throw CLIError("--urgency \(Printable.escape(self.urgency)) is not routine, urgent or emergency")
        }
        var nhs: NHSNumber?
        if let nhsNumber {
            guard let parsed = NHSNumber(nhsNumber) else {
                throw CLIError("--nhs-number is not a valid NHS number", hint: "give its ten digits, as 9434765919 or 943 476 5919")
            }
            nhs = parsed
        }
        var date: CalendarDate?
        if let dob {
            guard let parsed = CalendarDate(iso: dob) else { throw CLIError("--dob is not a date", hint: "write it as YYYY-MM-DD") }
            date = parsed
        }
        let subject: InformationRequest.Subject
        do { subject = try InformationRequest.Subject(name: about, nhsNumber: nhs, dob: date) } catch { throw CLIError(error) }
        let context = try ExchangeCommand.context(options)
        let sealed: OutboxEntry
        do { sealed = try Request.seal(to: to, purpose: purpose, urgency: urgency, subject: subject, reason: reason, context: context) } catch {
            throw CLIError(error)
        }
        let entry: OutboxEntry
        do {
            entry = try await ExchangeCommand.withSession(context, relay: relayOptions, finishPending: false) { session in
                let deposited = try await Request.deposit(sealed, session: session)
                ExchangeCommand.report(try await Pending.finish(session: session))
                return deposited
            }
        } catch let error as CLIError {
            throw CLIError("the request is sealed and kept in HOME/requests/out, but not deposited: \(error.message)",
                           hint: (error.hint.map { $0 + "; " } ?? "") + "then run sealpost sync, which deposits it")
        }
        guard let receipt = entry.receipt else { return }
        print("requested \(entry.envelopeID) from \(entry.recipient): message \(entry.messageID), purpose \(entry.purpose), urgency \(entry.urgency), deposited \(Timestamp.iso(seconds: receipt.depositedAt)), held until \(Timestamp.iso(seconds: receipt.expiresAt))")
        printError("sealpost: \(entry.recipient) answers with a record (sealpost inbox) or a decline (sealpost sync collects it)")
    }
}
