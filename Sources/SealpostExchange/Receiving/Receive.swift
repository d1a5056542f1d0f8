#if canImport(Glibc)
import Glibc
#endif
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord

/// Opening what the relay holds for this agency (spec/exchange.md §Opening).
///
/// An envelope is checked in full before anything of it is kept or shown: its bytes must hash to
/// the id asked for (the relay cannot substitute another), then EnvelopeOpener checks version,
/// recipient slot, header, the signed recipient list, the sender's trust under the agreement
/// (AgreementSenders: an active party, on a day the agreement is valid, with the agreement's
/// keys), every chunk and the signature; then the exchange conventions (kind, content type,
/// agreement id, purpose, urgency) and, for a record, that the content is strict JSON.
public enum Receive {
    /// A verified envelope, its content in memory; the envelope and its attachments in memory
    /// (`verify(_:id:context:)`) or in private files of the home (`fetchVerified`).
    public struct Verified: Sendable {
        public let id: EnvelopeID
        /// The envelope as received.
        public let source: StagedBytes
        public let envelopeLength: UInt64
        public let content: [UInt8]
        public let opened: OpenedEnvelope
        public let conventions: ExchangeEnvelope
        /// The attachments, in manifest order (`opened.manifest.attachments` describes them), each
        /// checked against its signed hash; empty for a version 1 envelope, and when they were
        /// checked and not kept (`keepAttachments: false`).
        public var attachments: [StagedBytes] = []
        /// Whether the attachments were kept (false: only checked, so the record cannot be stored).
        public var attachmentsKept = true
        /// The private files the envelope was fetched into, removed when the last copy goes.
        var files: ReceivedFiles? = nil

        /// The envelope's bytes: for the small envelopes kept whole (acknowledgements, replies, requests).
        public var envelope: [UInt8] { source.bytes }

        /// The envelope as receipts name it.
        var envelopeFacts: EnvelopeFacts {
            EnvelopeFacts(messageID: Hex.encode(opened.manifest.messageID), envelopeID: id.description,
                          contentHash: Hex.encode(opened.contentHash), contentLength: Int64(clamping: opened.contentLength))
        }
    }

    /// Verifies `envelope`, held in memory, as this agency, under the agreement in force.
    public static func verify(_ envelope: [UInt8], id: EnvelopeID, context: ExchangeContext) throws(ExchangeError) -> Verified {
        guard envelope.count <= ExchangeLimits.maximumInMemoryBytes else {
            throw ExchangeError(.envelope, "envelope \(id) is \(envelope.count) bytes, over the \(ExchangeLimits.maximumInMemoryBytes) bytes opened in memory",
                                hint: "fetch it from the relay (sealpost open), which opens it from a file")
        }
        guard EnvelopeID(of: envelope) == id else {
            throw ExchangeError(.envelope, "the relay returned bytes that are not envelope \(id)",
                                hint: "the relay or the connection altered it; nothing was stored; try again, and tell the relay operator if it repeats")
        }
        let opener = EnvelopeOpener(identity: context.identity, senders: context.senders)
        let content: [UInt8]
        let attachments: [[UInt8]]
        let opened: OpenedEnvelope
        do { (content, attachments, opened) = try opener.openWithAttachments(envelope) } catch {
            throw failure(error, id: id)
        }
        let conventions = try check(opened, id: id, hasAttachments: !attachments.isEmpty, context: context)
        return Verified(id: id, source: .bytes(envelope), envelopeLength: UInt64(envelope.count), content: content, opened: opened,
                        conventions: conventions, attachments: attachments.map(StagedBytes.bytes))
    }

    /// Fetches envelope `id` into a private file in the home (`ReceivedFiles`) and verifies it
    /// from there, in constant memory: the content (at most `ExchangeLimits.maximumContentBytes`)
    /// into memory, and each attachment into a file beside it, or, without `keepAttachments`,
    /// checked against its hash and dropped.
    public static func fetchVerified(_ id: EnvelopeID, session: RelaySession, keepAttachments: Bool = true) async throws(ExchangeError) -> Verified {
        let context = session.context
        let files = try ReceivedFiles(home: context.home.path)
        let length = try await session.client.fetch(id, into: files.envelopePath)
        let descriptor = Glibc.open(files.envelopePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .storage(IOError(path: files.envelopePath, errno: errno), doing: "open the fetched envelope") }
        defer { close(descriptor) }
        var input = FileDescriptorReader(descriptor: descriptor, name: files.envelopePath)
        var content = BoundedMemoryWriter(limit: ExchangeLimits.maximumContentBytes)
        let opener = EnvelopeOpener(identity: context.identity, senders: context.senders)
        let opened: OpenedEnvelope
        do throws(EnvelopeOpenFailure) {
            if keepAttachments {
                var staging = FileAttachments(files: files)
                opened = try opener.decrypt(from: &input, into: &content, attachments: &staging)
            } else {
                var staging = DiscardedAttachments()
                opened = try opener.decrypt(from: &input, into: &content, attachments: &staging)
            }
        } catch {
            throw failure(error, id: id)
        }
        let count = opened.manifest.attachments.count
        let conventions = try check(opened, id: id, hasAttachments: count > 0, context: context)
        var verified = Verified(id: id, source: .file(files.envelopePath), envelopeLength: UInt64(length), content: content.bytes,
                                opened: opened, conventions: conventions,
                                attachments: keepAttachments ? (0..<count).map { .file(files.attachmentPath($0)) } : [])
        verified.attachmentsKept = keepAttachments || count == 0
        verified.files = files
        return verified
    }

    static func failure(_ error: EnvelopeOpenFailure, id: EnvelopeID) -> ExchangeError {
        switch error {
        case .envelope(let e): ExchangeError(.envelope, "envelope \(id): \(e.description)", hint: e.hint)
        case .io(let e): ExchangeError(.envelope, "envelope \(id): \(e.description)")
        }
    }

    /// The exchange conventions of an envelope that verified: sealed under this agreement, and
    /// attachments only with a record.
    static func check(_ opened: OpenedEnvelope, id: EnvelopeID, hasAttachments: Bool, context: ExchangeContext) throws(ExchangeError) -> ExchangeEnvelope {
        let conventions = try ExchangeEnvelope(manifest: opened.manifest)
        guard conventions.agreementID == context.agreement.id else {
            throw ExchangeError(.envelope, "envelope \(id) from \(opened.manifest.senderAgency) was sealed under agreement \(Printable.escape(conventions.agreementID)), not \(context.agreement.id)",
                                hint: "it belongs to another partnership; ask the sender")
        }
        guard !hasAttachments || conventions.kind == .record else {
            throw ExchangeError(.envelope, "envelope \(id) from \(opened.manifest.senderAgency) is a \(conventions.kind.rawValue) with attachments; only a record carries them",
                                hint: "ask the sender which program sealed it; nothing was stored")
        }
        return conventions
    }

    /// Fetches, verifies and stores a record from the relay into the inbox. A record already
    /// stored is not fetched again: the answer is `.duplicate` with the entry held.
    public static func open(_ id: EnvelopeID, session: RelaySession) async throws(ExchangeError) -> (entry: InboxEntry, outcome: Inbox.StoreOutcome) {
        let context = session.context
        if let held = try context.inbox.entry(id.description) { return (held, .duplicate) }
        return try store(try await fetchVerified(id, session: session), context: context)
    }

    /// Verifies and stores an envelope already in hand.
    public static func store(_ envelope: [UInt8], id: EnvelopeID, context: ExchangeContext) throws(ExchangeError) -> (entry: InboxEntry, outcome: Inbox.StoreOutcome) {
        try store(try verify(envelope, id: id, context: context), context: context)
    }

    /// Stores a verified record (logging `received` first).
    static func store(_ verified: Verified, context: ExchangeContext) throws(ExchangeError) -> (entry: InboxEntry, outcome: Inbox.StoreOutcome) {
        let id = verified.id
        let content = verified.content
        let m = verified.opened.manifest
        precondition(verified.attachmentsKept, "a record is stored only with its attachments")
        guard verified.conventions.kind == .record else {
            let hint = verified.conventions.kind == .request ? "open a request with: sealpost open \(id.description.prefix(12))" : "sealpost sync collects it"
            throw ExchangeError(.envelope, "envelope \(id) is a\([.acknowledgement, .outcome].contains(verified.conventions.kind) ? "n" : "") \(verified.conventions.kind.rawValue) from \(m.senderAgency), not a record", hint: hint)
        }
        do { _ = try JSONParser.parse(content) } catch {
            throw ExchangeError(.envelope, "the record in envelope \(id) from \(m.senderAgency) is not valid JSON (\(error.description))",
                                hint: "it was signed by the sender, so ask them which program sealed it; nothing was stored")
        }
        // Logged before it is stored: a crash in between logs it again on the next open, never not at all.
        if try context.inbox.entry(id.description) == nil {
            try logReceived(verified, context: context)
        }
        let entry = InboxEntry(
            envelopeID: id.description, messageID: Hex.encode(m.messageID), sender: m.senderAgency,
            purpose: verified.conventions.purpose ?? "", urgency: verified.conventions.urgency?.rawValue ?? "",
            recordID: verified.conventions.recordID,
            agreement: "\(verified.conventions.agreementID)@\(verified.conventions.agreementVersion)",
            contentHash: Hex.encode(verified.opened.contentHash), contentLength: verified.opened.contentLength,
            envelopeLength: verified.envelopeLength, sentAt: Int64(clamping: m.createdAt), receivedAt: context.now)
        // Each attachment beside the record under a safe name (THREATS row 39); the sender's name
        // is kept in the entry as text only.
        var taken = Set<String>()
        var files: [(name: String, bytes: StagedBytes)] = []
        var stored: [InboxEntry.ReceivedAttachment] = []
        for (i, (attachment, bytes)) in zip(m.attachments, verified.attachments).enumerated() {
            let name = AttachmentName.safe(attachment.name, type: attachment.type, index: i, taken: &taken)
            files.append((name, bytes))
            stored.append(.init(name: attachment.name, stored: name, type: attachment.type, length: attachment.length, hash: Hex.encode(attachment.hash)))
        }
        var entryWithAttachments = entry
        entryWithAttachments.attachments = stored.isEmpty ? nil : stored
        let outcome = try context.inbox.store(content: content, envelope: verified.source, entry: entryWithAttachments, attachments: files)
        context.logger.info("record stored", metadata: ["envelope": .string(entry.envelopeID), "duplicate": .stringConvertible(outcome == .duplicate)])
        try markAnswered(verified, context: context)
        return (outcome == .duplicate ? (try context.inbox.entry(id.description)) ?? entryWithAttachments : entryWithAttachments, outcome)
    }

    /// A record whose signed manifest names a request this agency sent to its sender answers it.
    static func markAnswered(_ verified: Verified, context: ExchangeContext) throws(ExchangeError) {
        guard let answered = verified.conventions.inAnswerTo,
              var request = try Request.sent(messageID: answered, to: verified.opened.manifest.senderAgency, context: context),
              request.answer == nil else { return }
        request.answer = .init(kind: .answered, envelopeID: verified.id.description, at: context.now)
        try context.requestsOut.update(request)
    }

    /// An envelope id from 64 hex digits or a unique prefix of at least 6, among `candidates`.
    public static func resolve(_ text: String, among candidates: [String]) throws(ExchangeError) -> EnvelopeID {
        let prefix = text.lowercased()
        if let full = EnvelopeID(hex: prefix) { return full }
        guard prefix.count >= 6, prefix.count < 64, prefix.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw ExchangeError(.invalidID, "\"\(Printable.escape(text))\" is not an envelope id nor its first 6 or more hex digits", hint: "give the id (or its first 6 or more hex digits) as sealpost inbox lists it")
        }
        let matches = Set(candidates.filter { $0.hasPrefix(prefix) })
        guard matches.count <= 1 else {
            throw ExchangeError(.ambiguous, "\(prefix) matches \(matches.count) envelopes", hint: "give more of the id")
        }
        guard let only = matches.first, let id = EnvelopeID(hex: only) else {
            throw ExchangeError(.notFound, "no envelope \(prefix)… waits for this agency", hint: "list what is waiting with: sealpost inbox")
        }
        return id
    }
}

extension Receive {
    /// Logs the `received` receipt: over the content hash the sender signed, with the sender's
    /// log checkpoint from the envelope as evidence (kept as the latest held from the sender).
    static func logReceived(_ verified: Verified, context: ExchangeContext) throws(ExchangeError) {
        let m = verified.opened.manifest
        let c = verified.conventions
        let delivery = DeliveryBasis(sender: m.senderAgency, recipient: context.identity.agencyID, purpose: c.purpose ?? "",
                                     urgency: c.urgency?.rawValue ?? "", agreement: "\(c.agreementID)@\(c.agreementVersion)",
                                     recordID: c.recordID, envelope: verified.envelopeFacts)
        let facts = ReceivedFacts(delivery, sentAt: Int64(clamping: m.createdAt), receivedAt: context.now, inAnswerTo: c.inAnswerTo)
        let at = context.nowMilliseconds
        let receipt = Receipt.sign(facts, at: at, by: context.identity)
        var draft = try holding(ReceiptEntry.own(receipt, counterpart: m.senderAgency, details: ReceiptDetails(subjectOfJSON: verified.content),
                                                 counterpartCheckpoint: c.checkpoint), checkpoint: c.checkpoint, context: context)
        // The sender's own signature over the content this receipt names, kept as evidence.
        ReceiptEntry.addEvidence("envelope_signature", EnvelopeEvidence.json(verified.opened.signature), agency: m.senderAgency, to: &draft)
        try context.appendToLog([draft], at: at)
    }
}
