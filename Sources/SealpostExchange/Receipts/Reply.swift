import Foundation
import SealpostCore
import SealpostLedger
import SealpostRecord
import SealpostSodium

/// The steps an acknowledgement, an outcome and a decline share on their way back to the agency
/// whose record or request they answer (spec/exchange.md §Acknowledging): that agency must still
/// be a party; this agency's signed receipt is logged first; the reply, carrying that receipt, is
/// sealed to that agency alone and journalled before anything is sent; the relay's signed receipt
/// for the deposit is verified. Each reply's own file keeps its journal and its own checks.
enum Reply {
    /// The box key of `agency`, which must still be a party of the agreement to be sent `what`.
    static func boxKey(of agency: String, for what: String, otherwise hint: String,
                       context: ExchangeContext) throws(ExchangeError) -> X25519.PublicKey {
        guard let party = context.agreement.party(agency), let boxKey = try? party.card.verified().boxKey else {
            throw ExchangeError(.agreement, "\(agency) is no longer a party of agreement \(context.agreement.id), so it cannot be sent \(what)",
                                hint: hint)
        }
        return boxKey
    }

    /// What a reply about `received` (an acknowledgement, an outcome) names the record by: its
    /// envelope id, message id and content hash, decoded from the inbox entry; a storage error when
    /// the entry is damaged.
    static func names(of received: InboxEntry)
        throws(ExchangeError) -> (envelopeID: EnvelopeID, messageID: [UInt8], contentHash: [UInt8]) {
        guard let envelopeID = EnvelopeID(hex: received.envelopeID), let messageID = Hex.decode(received.messageID),
              let contentHash = Hex.decode(received.contentHash) else {
            throw ExchangeError(.storage, "the inbox entry for \(received.envelopeID) is damaged",
                                hint: "restore it from a backup")
        }
        return (envelopeID, messageID, contentHash)
    }

    /// The details a reply about `received` logs to start with: the record's subject as opened here.
    static func details(about received: InboxEntry, context: ExchangeContext) -> ReceiptDetails {
        context.inbox.content(received.envelopeID).map(ReceiptDetails.init(subjectOfJSON:)) ?? ReceiptDetails()
    }

    /// Signs `facts` as this agency and logs them with `details`, `agency` the counterpart; returns
    /// the receipt with this log's checkpoint after it and the latest checkpoint held of `agency`.
    static func log(_ facts: some ReceiptFacts, details: ReceiptDetails, counterpart agency: String,
                    context: ExchangeContext) throws(ExchangeError) -> CarriedReceipt {
        let at = context.nowMilliseconds
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        let checkpoint = try context.appendToLog([ReceiptEntry.own(receipt, counterpart: agency, details: details)], at: at)
        return CarriedReceipt(receipt: receipt, checkpoint: checkpoint, echo: context.heldCheckpoint(of: agency))
    }

    /// Seals `content` to `boxKey` alone as an envelope of `conventions`, signed by this agency.
    static func seal(_ content: [UInt8], to boxKey: X25519.PublicKey, as conventions: ExchangeEnvelope, what: String,
                     context: ExchangeContext) throws(ExchangeError) -> (id: String, sealed: String) {
        do {
            let sealed = try EnvelopeSealer(sender: context.identity).seal(content, recipients: [boxKey], contentType: conventions.contentType,
                                                                            attributes: conventions.attributes,
                                                                            createdAt: UInt64(max(0, context.now))).envelope
            return (EnvelopeID(of: sealed).description, Data(sealed).base64EncodedString())
        } catch {
            throw ExchangeError(.acknowledgement, "cannot seal \(what): \(error.description)")
        }
    }

    /// Deposits a journalled reply `sealed` (id `id`) for `agency` and verifies the relay's receipt.
    static func deposit(_ sealed: [UInt8], id: EnvelopeID, to agency: String, what: String,
                        session: RelaySession) async throws(ExchangeError) -> OutboxEntry.Receipt {
        let context = session.context
        let response = try await session.client.deposit(sealed, to: [agency])
        let receipt = try session.relay.verify(response, envelopeID: id, sender: context.identity.agencyID, mailboxes: [agency])
        context.logger.info("\(what) deposited", metadata: ["envelope": .string(id.description),
                                                            "duplicate": .stringConvertible(response.duplicate)])
        return OutboxEntry.Receipt(receipt)
    }
}
