import ArgumentParser
import SealpostCore
import SealpostExchange

/// `sealpost family-told RECORD_ID`: the family was told, as the record said it would be.
struct FamilyToldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "family-told", abstract: "Record that the child's family was told information was shared (local, no relay).",
        discussion: """
        A record sent with consent.family.status will_be_told is listed by sealpost status under \
        "family to be told" until this is run with the record's id. It logs a family_told receipt \
        and sends nothing.
        """)

    @OptionGroup var options: HomeOptions

    @Argument(help: "The record's id (its \"id\" member), as sealpost status lists it.")
    var recordID: String

    func run() throws {
        let context = try ExchangeCommand.context(options)
        let recorded: FamilyTold.Recorded
        do { recorded = try FamilyTold.record(recordID: recordID, context: context) } catch { throw CLIError(error) }
        let to = recorded.entries.map(\.recipient).joined(separator: ", ")
        print("recorded that the family was told about record \(Printable.escape(recordID)) (sent to \(to)): entry \(recorded.seq) of the receipt log")
    }
}
