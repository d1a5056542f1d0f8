import ArgumentParser
import Foundation
import SealpostExchange

struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "List the records waiting for this agency at the relay, without opening them into the store.",
        discussion: """
        Each waiting envelope is fetched and checked in full in memory (the sender's signature and \
        its trust under the agreement), so the purpose and urgency shown are the ones the sender \
        signed; nothing is stored. One that fails the checks is listed as refused, with why. \
        Requests for information from other agencies are listed as requests. Most urgent first. \
        Open one with: sealpost open ID (the first 12 hex digits will do).
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    func run() async throws {
        let context = try ExchangeCommand.context(options)
        let listing = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await InboxListing.list(session: session)
        }
        let now = context.now
        if listing.items.isEmpty {
            print("no records waiting for \(context.identity.agencyID)")
        } else {
            var rows = [["ENVELOPE", "FROM", "PURPOSE", "URGENCY", "SIZE", "WAITING", "STATE"]]
            var refusals: [String] = []
            for item in listing.items {
                let common = [Display.size(item.mailbox.size), Display.age(now - item.mailbox.depositedAt)]
                switch item.status {
                case .waiting(let sender, let purpose, let urgency):
                    rows.append([short(item.id), sender, purpose, urgency] + common + ["new"])
                case .opened(let entry, let ack):
                    rows.append([short(item.id), entry.sender, entry.purpose, entry.urgency] + common +
                                [ack == nil ? "opened, not acknowledged" : "acknowledgement under way"])
                case .request(let sender, let purpose, let urgency):
                    rows.append([short(item.id), sender, purpose, urgency] + common + ["request for information: sealpost open \(short(item.id))"])
                case .openedRequest(let entry):
                    rows.append([short(item.id), entry.sender, entry.purpose, entry.urgency] + common + ["request opened here (sync removes it from the relay)"])
                case .refused(let error):
                    rows.append([short(item.id), item.mailbox.sender + "?", "-", "-"] + common + ["refused (see below)"])
                    refusals.append("  \(short(item.id)): \(error.message)")
                }
            }
            print(Display.table(rows))
            if !refusals.isEmpty {
                print("refused (the sender shown is only the relay's word; these cannot be opened):")
                refusals.forEach { print($0) }
            }
        }
        if listing.acknowledgements > 0 {
            print("\(listing.acknowledgements) acknowledgement\(listing.acknowledgements == 1 ? "" : "s") waiting: run sealpost sync")
        }
        if listing.outcomes > 0 {
            print("\(listing.outcomes) outcome\(listing.outcomes == 1 ? "" : "s") of this agency's sends waiting: run sealpost sync")
        }
        if listing.declines > 0 {
            print("\(listing.declines) decline\(listing.declines == 1 ? "" : "s") of this agency's requests waiting: run sealpost sync")
        }
        let open = ((try? context.requestsIn.entries()) ?? []).filter { request in
            (try? context.declines.entry(request.envelopeID)) == nil && (try? Decline.answeringSend(of: request, context: context)) == nil
        }
        if !open.isEmpty {
            print("\(open.count) request\(open.count == 1 ? "" : "s") opened here not yet answered: see sealpost status")
        }
    }
}
