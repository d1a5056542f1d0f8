import Foundation
import HTTPTypes
import Hummingbird
import NIOHTTPTypes
import SealpostCore
import SealpostProtocol
import SealpostSodium

extension Relay {
    /// POST /v1/envelopes?to=A[&to=B...]: the body is one envelope, for each named mailbox.
    ///
    /// Everything that can be refused without the body is refused before any of it is read: the
    /// recipients (count first, so thousands are refused without looking at each), a declared
    /// Content-Length over the limit, then a recipient's mailbox already too full to take it, then
    /// a deposit the relay has no memory to receive now (`BodyBudget`). Only then is a client
    /// that sent `Expect: 100-continue` told to go on.
    ///
    /// The body streams into the store in chunks of `DepositBody.chunkBytes` (`DepositBody`), so a
    /// deposit holds at most one chunk in memory whatever its size. It is hashed as it arrives and
    /// refused the moment it passes the limit; its hash must be the one signed (and is the
    /// envelope id). Only then does one transaction store the envelope, its mailboxes and the
    /// staged body together: a body cut short, refused or not the one signed is dropped, and is
    /// never listed, fetched or acknowledged. A body that ends early or is cut off by the body
    /// timeout is the client's failure, answered 400, not the relay's.
    func deposit(_ request: Request, context: RelayRequestContext) async throws -> Response {
        guard let caller = context.caller else { throw RelayFailure.unauthenticated() }
        // Step 9, the nonce claim, was left to this route (`AuthenticationMiddleware`): it is made
        // now, before any other check, together with the first look at the quota below, in one
        // call to the store. Refusals keep their order: replayed, then the recipients.
        let named = Result { () throws(RelayFailure) in try depositRecipients(target: caller.request.target, parties: caller.parties) }
        let usage = try await claimNonce(for: caller, usageOf: (try? named.get()) ?? [], context: context)
        let recipients = try named.get()
        let limit = limits.maximumEnvelopeBytes
        var expected = 0
        if let declared = request.headers[.contentLength] {
            guard let length = Int(declared), length >= 0 else { throw RelayFailure.badRequest("the Content-Length header is not a number") }
            guard length <= limit else { throw RelayFailure.tooLarge(limit: limit) }
            expected = length
        }
        // A first look at the quota, so a full mailbox is refused before the body is read. The
        // store checks again in the deposit's own transaction, which is what rules. A retry of a
        // deposit this sender already made (the signed content hash is the envelope id) is let
        // through, so that the store can answer it as the duplicate it is.
        let smallest = Int64(max(expected, EnvelopeFormat.fixedHeaderLength))
        for (mailbox, usage) in zip(recipients, usage) {
            guard usage.count + 1 > quota.maximumCount || usage.bytes + smallest > quota.maximumBytes else { continue }
            let claimed = EnvelopeID(storedBytes: caller.request.contentHash)
            if try await repository.depositStatus(claimed, sender: caller.agency, now: clock()) != nil { break }
            throw Self.mailboxFull(mailbox)
        }

        // The memory this deposit will hold (its declared length, up to one chunk) is taken from
        // the budget before the body; a chunked body takes it as its buffer grows. Everything
        // taken is given back once the deposit is answered.
        var reserved = 0
        defer { bodyBudget.release(reserved) }
        let holding = min(expected, DepositBody.chunkBytes)
        if holding > 0 {
            guard bodyBudget.reserve(holding) else { throw Self.busy }
            reserved = holding
        }
        if request.headers[.expect]?.lowercased() == "100-continue" {
            // The head has passed every check: the client may send the body.
            try? await context.channel.writeAndFlush(HTTPResponsePart.head(HTTPResponse(status: .continue)))
        }

        let receiving = DepositReceiving(repository: repository, now: clock(), expected: expected)
        do {
            try await receiving.receive(request.body, limit: limit) { bytes throws(RelayFailure) in
                let needed = bytes - reserved
                if needed > 0 {
                    guard bodyBudget.reserve(needed) else { throw Self.busy }
                    reserved += needed
                }
            }
            let outcome = try await store(receiving, caller: caller, recipients: recipients, context: context)
            if case .stored = outcome {} else { await receiving.discard() }
            return try answer(outcome, receiving: receiving, caller: caller, recipients: recipients)
        } catch {
            await receiving.discard()
            throw error
        }
    }

    /// Checks the received body against the signed hash and stores the envelope.
    private func store(_ receiving: DepositReceiving, caller: Caller, recipients: [String],
                       context: RelayRequestContext) async throws -> DepositOutcome {
        let hash = receiving.hash
        guard hash == caller.request.contentHash else {
            throw RelayFailure(.unauthorized, RelayErrorCode.contentHashMismatch, "the body is not the one the request signature covers",
                               hint: "sign the request over the exact bytes sent")
        }
        guard receiving.size >= EnvelopeFormat.fixedHeaderLength, receiving.head.starts(with: EnvelopeFormat.magic) else {
            throw RelayFailure.badRequest("the body is not a Sealpost envelope", hint: "deposit the bytes `sealpost seal` produced")
        }
        // The envelope id is BLAKE2b-256 of the envelope, which is the content hash just checked.
        let id = EnvelopeID(storedBytes: hash)
        let now = clock()
        let receipt = DepositReceipt(envelopeID: id, relay: identity.agencyID, sender: caller.agency, mailboxes: recipients,
                                     depositedAt: now, expiresAt: now + retention)
            .signed(with: identity.signingKey)
        context.trace.note(envelope: id, size: receiving.size)
        return try await repository.deposit(NewDeposit(receipt: receipt, body: try await receiving.finish(), size: Int64(receiving.size),
                                                       forgetAt: now + tombstoneLifetime, quota: quota))
    }

    private func answer(_ outcome: DepositOutcome, receiving: DepositReceiving, caller: Caller, recipients: [String]) throws -> Response {
        let id = EnvelopeID(storedBytes: receiving.hash)
        switch outcome {
        case .stored(let stored):
            metrics.deposited(bytes: receiving.size, recipients: recipients.count)
            logger.info("deposit stored", metadata: ["envelope": "\(id.shortForm)", "sender": "\(caller.agency)",
                                                     "mailboxes": "\(recipients.count)", "size": "\(receiving.size)"])
            return jsonResponse(bytes: ResponseJSON.encode(DepositResponse(stored, duplicate: false)), status: .created)
        case .duplicate(let original):
            metrics.duplicate()
            logger.info("deposit duplicate", metadata: ["envelope": "\(id.shortForm)", "sender": "\(caller.agency)"])
            return jsonResponse(bytes: ResponseJSON.encode(DepositResponse(original, duplicate: true)), status: .ok)
        case .conflict:
            throw RelayFailure(.conflict, RelayErrorCode.conflict,
                               "envelope \(id) was already deposited by another agency or for other mailboxes",
                               hint: "a re-deposit must name the same mailboxes; to reach others, seal a new envelope")
        case .mailboxFull(let mailbox):
            throw Self.mailboxFull(mailbox)
        }
    }

    static func mailboxFull(_ mailbox: String) -> RelayFailure {
        RelayFailure(insufficientStorage, RelayErrorCode.mailboxFull,
                     "the mailbox of \(mailbox) is full", hint: "try again later, once \(mailbox) has collected its envelopes")
    }

    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    /// The relay is receiving as many deposit bytes as it will hold at once (`BodyBudget`).
    static let busy = RelayFailure(.serviceUnavailable, RelayErrorCode.busy, "the relay is receiving too many deposits at once",
                                   hint: "try again after the Retry-After seconds", retryAfter: 2)

    /// The `to` values: at least one, at most the limit (counted before any is examined), each
    /// an active party with a mailbox under the edition the request started with. Repeats name one mailbox.
    private func depositRecipients(target: String, parties: PartyDirectory) throws(RelayFailure) -> [String] {
        let query = try Query(target: target, allowed: ["to"])
        let named = query.all("to")
        guard !named.isEmpty else {
            throw RelayFailure.badRequest("the deposit names no recipient", hint: "add ?to=AGENCY for each recipient mailbox")
        }
        guard named.count <= limits.maximumRecipients else {
            throw RelayFailure(.badRequest, RelayErrorCode.tooManyRecipients,
                               "the deposit names \(named.count) recipients; this relay takes at most \(limits.maximumRecipients)",
                               hint: "seal separate envelopes for smaller groups of recipients")
        }
        var mailboxes = Set<String>()
        for agency in named {
            guard parties.mailboxes.contains(agency) else {
                throw RelayFailure(.badRequest, RelayErrorCode.unknownRecipient,
                                   "\(Query.shown(agency[...])) is not an active party with a mailbox under \(parties.agreementName)",
                                   hint: "send only to the agreement's active parties (the relay operator has no mailbox)")
            }
            mailboxes.insert(agency)
        }
        return mailboxes.sorted()
    }
}

extension EnvelopeID {
    /// The first 8 bytes in hex: enough to find an envelope in the logs, no more.
    var shortForm: String { String(description.prefix(16)) }
}
