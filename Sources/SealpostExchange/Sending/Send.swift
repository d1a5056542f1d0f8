#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostRecord
import SealpostRedaction
import SealpostSharing
import SealpostSodium

/// Sending one record to one or more agencies (spec/exchange.md §Sending), in three steps the
/// command line shows between:
///
/// 1. `prepare`: every recipient is checked against the agreement first, and if any has no role
///    the send is refused before anything is sealed (and the refusal logged); then the record is
///    minimised for each recipient's role and redacted, with the practitioner's decisions, and
///    refused while a possible identity is undecided.
/// 2. `seal`: the pseudonym map is sealed to this agency (PseudonymVault), then one envelope per
///    recipient is sealed and stored in the outbox, before anything is sent.
/// 3. `deposit`: each stored envelope goes to the relay (retrying), and the relay's signed
///    receipt is checked and kept. One that cannot be deposited now stays `sealed` in the outbox
///    and any later relay command deposits it.
public enum Send {
    /// Why a send is refused before sealing.
    public enum Refusal: Error, Sendable {
        /// Recipients the agreement gives no part in this purpose, each with the reason.
        case notAllowed([(recipient: String, reason: AgreementError)])
        case invalidRecord([RecordIssue])
        /// Possible identities still to decide.
        case needsDecisions([UncertainFinding])
        /// Decisions that match no finding of this record (a stale or mistyped file).
        case unmatchedDecisions([String])
        case other(ExchangeError)
    }

    /// A record made ready for every recipient, not yet sealed.
    public struct Preparation: Sendable {
        public let record: SafeguardingRecord
        public let purpose: AgreementPurpose
        public let urgency: SafeguardingRecord.Concern.Urgency
        /// One per recipient, in the order named.
        public let outgoing: [OutgoingRecord]
        /// The record's one redaction, which every recipient's copy applies.
        public let redaction: SharedRedaction
        /// The practitioner's reasons, by finding id (recorded in the receipt log's details).
        public var reasons: [String: String] = [:]
        /// The request (opened here) this send answers: its envelope to the requester names it.
        public var answering: InboxEntry?
        /// Files sent with the record to every recipient, in order, each confirmed as checked by
        /// the practitioner (they are not redacted).
        public var attachments: [OutgoingAttachment] = []
        /// How the practitioner confirmed the attachments were checked, as the log's reason says it:
        /// the command line's flag, or the web app's checkbox.
        public var attachmentsConfirmedBy = "--attachments-checked"
        public var decisions: [PractitionerDecision] { redaction.decisions }
        public var summary: RedactionSummary { redaction.summary }
    }

    public static func prepare(_ record: SafeguardingRecord, purpose: String, recipients: [String], context: ExchangeContext,
                               decisions file: DecisionFile = DecisionFile(), answering request: InboxEntry? = nil,
                               attachments: [OutgoingAttachment] = [], attachmentsChecked: Bool = false) throws(Refusal) -> Preparation {
        let agreement = context.agreement
        if let request {
            do { try checkAnswer(request, purpose: purpose, recipients: recipients, context: context) } catch { throw .other(error) }
        }
        guard !recipients.isEmpty else { throw .other(ExchangeError(.record, "name at least one recipient", hint: "use --to AGENCY")) }
        guard Set(recipients).count == recipients.count else {
            throw .other(ExchangeError(.record, "a recipient is named twice", hint: "name each agency once"))
        }
        guard recipients.count <= ExchangeLimits.maximumRecipients else {
            throw .other(ExchangeError(.record, "at most \(ExchangeLimits.maximumRecipients) recipients in one send, not \(recipients.count)"))
        }
        do { try checkAttachments(attachments, checked: attachmentsChecked) } catch { throw .other(error) }
        do { try context.checkAgreementValid() } catch { throw .other(error) }
        let issues = record.issues(for: .full) + record.futureBirthDates(today: UKCalendar.today(atUnixTime: context.now))
        guard issues.isEmpty else { throw .invalidRecord(issues) }

        // Every recipient's right to receive, before anything else.
        var refused: [(recipient: String, reason: AgreementError)] = []
        for recipient in recipients {
            if recipient == context.identity.agencyID {
                refused.append((recipient, AgreementError("\(recipient) is this agency; a record is not sent to oneself")))
            } else if case .failure(let reason) = agreement.allowedFields(purpose: purpose, recipient: recipient) {
                refused.append((recipient, reason))
            }
        }
        if !refused.isEmpty {
            for r in refused {
                try? context.outbox.logRefusal(recipient: r.recipient, purpose: purpose, recordID: record.id, reason: r.reason.message, at: context.now)
            }
            logRefused(record, purpose: purpose, refused: refused, context: context)
            throw .notAllowed(refused)
        }

        // The practitioner's decisions, applied round by round: a name redacted by decision can
        // bring out further mentions that need deciding in turn. Redaction does not depend on the
        // recipient, so it runs once; each recipient then gets its own minimised copy of it.
        var decisions: [PractitionerDecision] = []
        var used = Set<String>()
        var redaction: SharedRedaction
        while true {
            do {
                redaction = try OutgoingRecord.redact(record, decisions: decisions)
                break
            } catch {
                switch error {
                case .needsDecisions(let findings):
                    let fresh = findings.filter { !used.contains($0.id) && file.action(for: $0) != nil }
                    guard !fresh.isEmpty else {
                        let undecided = findings.filter { file.action(for: $0) == nil }
                        throw .needsDecisions(undecided.isEmpty ? findings : undecided)
                    }
                    for finding in fresh {
                        used.insert(finding.id)
                        decisions.append(PractitionerDecision(resolving: finding, action: file.action(for: finding) == .redact ? .redact : .keep))
                    }
                case .redaction(let message):
                    throw .other(ExchangeError(.record, message))
                case .invalidRecord(let issues):
                    throw .invalidRecord(issues)
                case .notAllowed(let reason):
                    throw .other(ExchangeError(.agreement, reason.message))
                }
            }
        }
        var outgoing: [OutgoingRecord] = []
        for recipient in recipients {
            do {
                outgoing.append(try OutgoingRecord.prepare(record, purpose: purpose, recipient: recipient, under: agreement, redacted: redaction))
            } catch {
                switch error {
                case .notAllowed(let reason):
                    try? context.outbox.logRefusal(recipient: recipient, purpose: purpose, recordID: record.id, reason: reason.message, at: context.now)
                    logRefused(record, purpose: purpose, refused: [(recipient, reason)], context: context)
                    throw .notAllowed([(recipient, reason)])
                case .invalidRecord(let issues):
                    throw .invalidRecord(issues)
                case .needsDecisions(let findings):
                    throw .needsDecisions(findings)
                case .redaction(let message):
                    throw .other(ExchangeError(.record, message))
                }
            }
        }
        let unmatched = file.actions.map(\.finding).filter { !used.contains($0) }
        guard unmatched.isEmpty else { throw .unmatchedDecisions(unmatched) }
        guard let urgency = record.concern?.urgency else {
            throw .other(ExchangeError(.record, "the record has no concern.urgency", hint: "spec/record.md describes the concern"))
        }
        var preparation = Preparation(record: record, purpose: agreement.purpose(purpose)!, urgency: urgency, outgoing: outgoing,
                                      redaction: redaction, reasons: file.reasons.filter { used.contains($0.key) }, answering: request)
        preparation.attachments = attachments
        return preparation
    }

    /// Attachments are not redacted, so each must be confirmed as checked; and together they must
    /// fit in one envelope the relay takes (THREATS row 39: over the limit is refused before sealing).
    static func checkAttachments(_ attachments: [OutgoingAttachment], checked: Bool) throws(ExchangeError) {
        guard !attachments.isEmpty else { return }
        guard checked else {
            throw ExchangeError(.record, "\(attachments.count) attachment\(attachments.count == 1 ? " is" : "s are") not confirmed as checked; nothing was sealed",
                                hint: "attachments are not redacted: open each one, make sure it holds only what this purpose needs and no one's identity it should not, then send again with --attachments-checked (logged as your decision)")
        }
        let total = attachments.reduce(UInt64(0)) { $0 + $1.length }
        guard total <= UInt64(OutgoingAttachment.maximumTotalBytes) else { throw OutgoingAttachment.tooLarge(total) }
    }

    /// A send answering a request goes to the agency that asked, for the purpose it asked for,
    /// and only while the request is neither declined nor already answered.
    static func checkAnswer(_ request: InboxEntry, purpose: String, recipients: [String], context: ExchangeContext) throws(ExchangeError) {
        let short = request.envelopeID.prefix(12)
        guard recipients.contains(request.sender) else {
            throw ExchangeError(.record, "request \(short) came from \(request.sender), which is not among the recipients",
                                hint: "answer it with --to \(request.sender)")
        }
        guard purpose == request.purpose else {
            throw ExchangeError(.record, "request \(short) asks for information for \(request.purpose), not \(Printable.escape(purpose))",
                                hint: "answer it with --purpose \(request.purpose)")
        }
        if try context.declines.entry(request.envelopeID) != nil {
            throw ExchangeError(.record, "request \(short) from \(request.sender) was declined here", hint: "a declined request cannot also be answered with a record; send without --in-answer-to")
        }
        if let sent = try Decline.answeringSend(of: request, context: context) {
            throw ExchangeError(.record, "request \(short) from \(request.sender) was already answered by envelope \(sent.envelopeID.prefix(12))",
                                hint: "send without --in-answer-to to share more")
        }
    }

    /// Logs the decision (`redaction_cleared` for each kept finding, then `share_decided`), seals
    /// the pseudonym map to this agency, then one envelope per recipient, each stored in the
    /// outbox (state `sealed`) and carrying the log's checkpoint. Nothing is sent.
    public static func seal(_ preparation: Preparation, context: ExchangeContext) throws(ExchangeError) -> [OutboxEntry] {
        let identity = context.identity
        let now = context.now
        let decidedAt = context.nowMilliseconds
        // A recipient opens a record into memory, up to what the strict JSON parser reads: a
        // larger one could be sealed and carried, but never opened. Refused before anything is logged.
        for outgoing in preparation.outgoing {
            var content = JSONWriter(options: [.prettyPrinted]).bytes(outgoing.record)
            defer { for i in content.indices { content[i] = 0 } }
            guard content.count < ExchangeLimits.maximumContentBytes else {
                throw ExchangeError(.record, "the record for \(outgoing.recipient.agencyID) would be \(content.count + 1) bytes, over the \(ExchangeLimits.maximumContentBytes)-byte limit of a record",
                                    hint: "send a shorter record, and long documents as attachments (--attach); nothing was logged, stored or sent")
            }
        }
        let checkpoint = try context.appendToLog(decisionDrafts(preparation, context: context, at: decidedAt), at: decidedAt)
        let recordID = preparation.record.id ?? "record"
        if !preparation.redaction.pseudonyms.entries.isEmpty {
            do {
                try PseudonymVault(home: context.home).store(preparation.redaction.pseudonyms, recordID: recordID, identity: identity, now: UInt64(max(0, now)))
            } catch let error as IOError {
                throw .storage(error, doing: "seal the pseudonym map")
            } catch {
                throw ExchangeError(.storage, "cannot seal the pseudonym map for record \(Printable.escape(recordID))", hint: "check the home folder is writable; nothing was sent")
            }
        }
        let answered = preparation.answering
        let decisions = preparation.decisions.map {
            OutboxEntry.Decision(path: $0.path, start: $0.originalRange.lowerBound, end: $0.originalRange.upperBound,
                                 action: $0.action.rawValue, category: $0.category.rawValue)
        }
        var entries: [OutboxEntry] = []
        for outgoing in preparation.outgoing {
            let party = outgoing.recipient
            // Only the envelope to the agency that asked names its request.
            let inAnswerTo = answered?.sender == party.agencyID ? answered?.messageID : nil
            let conventions = ExchangeEnvelope.record(purpose: preparation.purpose.id, urgency: preparation.urgency, agreement: context.agreement,
                                                      recordID: preparation.record.id, checkpoint: checkpoint, inAnswerTo: inAnswerTo)
            let boxKey: X25519.PublicKey
            do { boxKey = try party.card.verified().boxKey } catch {
                throw ExchangeError(.agreement, "the agreement's card for \(party.agencyID) does not verify: \(error.reason)", hint: error.hint)
            }
            var content = JSONWriter(options: [.prettyPrinted]).bytes(outgoing.record) + [0x0a]
            defer { for i in content.indices { content[i] = 0 } }  // uniquely held again once sealed
            // Sealed straight into the outbox, attachments streamed from their files: constant memory.
            let sealing = try OutboxSealing(outbox: context.outbox)
            let sealed: SealedEnvelope
            do {
                sealed = try sealEnvelope(content, attachments: preparation.attachments, to: boxKey, conventions: conventions,
                                          identity: identity, createdAt: UInt64(max(0, now)), into: &sealing.writer)
            } catch {
                sealing.discard()
                throw error
            }
            guard sealing.length <= UInt64(ExchangeLimits.maximumEnvelopeBytes) else {
                sealing.discard()
                throw ExchangeError(.record, "the envelope for \(party.agencyID) would be \(sealing.length) bytes, over the \(ExchangeLimits.maximumEnvelopeBytes)-byte limit",
                                    hint: "send a shorter record; nothing was stored or sent")
            }
            let id = try sealing.finish()
            let entry = OutboxEntry(
                envelopeID: id.description, messageID: Hex.encode(sealed.manifest.messageID), recipient: party.agencyID,
                purpose: preparation.purpose.id, urgency: preparation.urgency.rawValue, recordID: preparation.record.id,
                agreement: context.agreementLabel, contentHash: Hex.encode(sealed.contentHash),
                contentLength: sealed.contentLength, envelopeLength: sealed.envelopeLength, sealedAt: now,
                state: .sealed, shared: outgoing.shared.map(\.rawValue),
                withheld: outgoing.withheld.map { .init(path: $0.path.rawValue, reason: $0.reason.rawValue) }, decisions: decisions,
                inAnswerTo: inAnswerTo,
                familyToBeTold: preparation.record.consent?.family?.status == .willBeTold ? true : nil,
                attachments: preparation.attachments.isEmpty ? nil : preparation.attachments.map {
                    OutboxEntry.SentAttachment(hash: Hex.encode($0.attachment.hash), length: $0.length, type: $0.type)
                })
            let pending = pendingSent(preparation, outgoing: outgoing, entry: entry, context: context)
            try context.outbox.storePendingReceipt(entry.envelopeID, facts: pending.facts, details: pending.details, atRest: context.atRest)
            try context.outbox.store(entry: entry)
            context.logger.info("sealed into the outbox", metadata: [
                "envelope": .string(entry.envelopeID), "recipient": .string(entry.recipient), "bytes": .stringConvertible(entry.envelopeLength)])
            entries.append(entry)
        }
        return entries
    }

    /// Seals one recipient's envelope into `output`; attachments are streamed from their files,
    /// which must still hold what was measured.
    static func sealEnvelope(_ content: [UInt8], attachments: [OutgoingAttachment], to boxKey: X25519.PublicKey,
                             conventions: ExchangeEnvelope, identity: Identity, createdAt: UInt64,
                             into output: inout some ByteWriter) throws(ExchangeError) -> SealedEnvelope {
        var descriptors: [Int32] = []
        defer { for fd in descriptors { close(fd) } }
        var sources: [AttachmentSource] = []
        for (i, a) in attachments.enumerated() {
            if let held = a.held {  // in memory (OutgoingAttachment.inMemory): nothing to open
                sources.append(AttachmentSource(attachment: a.attachment, reader: MemoryReader(held)))
                continue
            }
            let fd = open(a.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw ExchangeError(.record, "attachment \(i + 1) (\(Printable.escape(a.path))) can no longer be read: \(String(cString: strerror(errno)))",
                                    hint: "nothing was sent; send again once the file is back")
            }
            descriptors.append(fd)
            sources.append(AttachmentSource(attachment: a.attachment, reader: FileDescriptorReader(descriptor: fd, name: a.path)))
        }
        var input = MemoryReader(content)
        do {
            return try EnvelopeSealer(sender: identity).seal(from: &input, to: &output, recipients: [boxKey],
                                                             contentType: conventions.contentType, attributes: conventions.attributes,
                                                             attachments: sources, createdAt: createdAt)
        } catch {
            throw ExchangeError(.record, error.description, hint: attachments.isEmpty ? nil : "nothing was sent; if a file changed, check it again and send again")
        }
    }

    /// Deposits one stored envelope and keeps the relay's checked receipt, logging `sent`
    /// (Outbox.deposit). On failure the entry stays `sealed` for a later relay command.
    public static func deposit(_ entry: OutboxEntry, session: RelaySession) async throws(ExchangeError) -> OutboxEntry {
        try await session.context.outbox.deposit(entry, session: session, logging: SentFacts.self,
                                                 fallbackFacts: sentFacts(from: entry, context: session.context), what: "outbox envelope", remedy: "send the record again")
    }
}
