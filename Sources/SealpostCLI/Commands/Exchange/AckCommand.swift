import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange

struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge a record opened here: a signed acknowledgement to its sender, then delete it at the relay.",
        discussion: """
        The acknowledgement is sealed to the sender and journalled in HOME/acks before anything is \
        sent, so if this is interrupted, the next relay command (any of send, inbox, open, ack, \
        sync) finishes it, and the sender receives it once.
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Argument(help: "The envelope id, or its first 6 or more hex digits, of a record opened here.")
    var id: String

    func run() async throws {
        let context = try ExchangeCommand.context(options)
        let candidates: [String]
        do { candidates = try context.inbox.entries().map(\.envelopeID) } catch { throw CLIError(error) }
        let envelopeID: EnvelopeID
        do { envelopeID = try Receive.resolve(id, among: candidates) } catch {
            guard error.code == .notFound else { throw CLIError(error) }
            throw CLIError("no record \(id) has been opened here", hint: "open it first with: sealpost open ID (sealpost inbox lists them)")
        }
        let entry = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await Acknowledge.acknowledge(envelopeID, session: session)
        }
        print("acknowledged \(entry.envelopeID) to \(entry.sender): acknowledgement \(entry.acknowledgementID); deleted at the relay")
    }
}
