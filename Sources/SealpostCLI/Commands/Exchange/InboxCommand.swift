import ArgumentParser
import Foundation
import SealpostExchange
import SealpostRecord

struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "List the records waiting for this agency at the relay, without opening them into the store.",
        discussion: """
        Each waiting envelope is fetched and checked in full in memory (the sender's signature and \
        its trust under the agreement), so the purpose and urgency shown are the ones the sender \
        signed; nothing is stored. Once an envelope has verified, its row shows the record's id and \
        the child's name, for this agency's own screen. Envelopes carrying the same record from the \
        same sender (re-sends) are listed together, the later ones marked as re-sends. One that fails \
        the checks is listed as refused, with why. Requests for information from other agencies are \
        listed as requests. Most urgent first. Open one with: sealpost open ID (the first 12 hex \
        digits will do). --json prints the same listing as one JSON object (README, "Output for scripts").
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Flag(help: "Print the listing as one JSON object, for scripts (times in Unix seconds).")
    var json = false

    func run() async throws {
        let context = try ExchangeCommand.context(options)
        let listing = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            try await InboxListing.list(session: session)
        }
        let open = ((try? context.requestsIn.entries()) ?? []).filter { request in
            (try? context.declines.entry(request.envelopeID)) == nil && (try? Decline.answeringSend(of: request, context: context)) == nil
        }
        let rows = InboxRows(listing.items)
        if json {
            print(JSONWriter(options: [.sortedKeys]).string(rows.json(listing, agency: context.identity.agencyID, now: context.now,
                                                                     openRequests: open.count)))
            return
        }
        if listing.items.isEmpty {
            print("no records waiting for \(context.identity.agencyID)")
        } else {
            print(rows.table(now: context.now))
            let refusals = rows.rows.compactMap { row -> String? in
                guard case .refused(let error) = row.item.status else { return nil }
                return "  \(short(row.item.id)): \(error.message)"
            }
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
        if !open.isEmpty {
            print("\(open.count) request\(open.count == 1 ? "" : "s") opened here not yet answered: see sealpost status")
        }
    }
}
