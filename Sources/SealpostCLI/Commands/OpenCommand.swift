#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange

struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open an envelope sealed to this identity and check who sealed it.",
        discussion: """
        With a file (or '-' or nothing for standard input): the sender must be trusted, its card \
        imported with `sealpost import-card` or named with --from. Nothing is written to the output \
        until the sender's signature over the whole content has verified; on any failure no output \
        file is left behind. Attachments are stored in --attachments DIR (default: the output \
        file's name with .attachments), under safe names, also only once everything verified.

        With an envelope id from `sealpost inbox` (or its first 6 or more hex digits): fetches it \
        from the relay, checks it in full (the sender must be an active party of the agreement in \
        force), and stores the record once in HOME/inbox/<envelope id>/record.sealed, sealed to this \
        agency's key at rest, whose path is printed (its attachments beside it, in attachments/, each \
        checked against its signed hash). --output FILE writes the record out in plaintext (and its \
        attachments into --attachments DIR, by default FILE.attachments); again for an envelope \
        already stored. Opening the same envelope again stores nothing new. Then: sealpost ack ID. \
        A request for information is stored in HOME/requests/in/<envelope id>/request.sealed and \
        deleted at the relay; answer it with sealpost send --in-answer-to ID or sealpost decline ID.
        """)

    @OptionGroup var options: HomeOptions
    @OptionGroup var relayOptions: RelayOptions

    @Option(name: .long, help: ArgumentHelp("Also trust this sender's identity card for this open (repeatable).", valueName: "CARD_FILE"))
    var from: [String] = []

    @Option(name: .shortAndLong, help: "Write the content here (default: standard output).")
    var output: String?

    @Option(name: .long, help: ArgumentHelp("With a file: store its attachments here (default: OUTPUT.attachments; required with standard output).", valueName: "DIR"))
    var attachments: String?

    @Argument(help: "The envelope file ('-' or nothing for standard input), or an envelope id waiting at the relay.")
    var input: String?

    func run() async throws {
        if let input, input != "-", !FileManager.default.fileExists(atPath: input) {
            guard input.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }) else {
                throw CLIError("cannot read \(input): no such file", hint: "check the path, or give an envelope id as sealpost inbox lists it")
            }
            return try await openFromRelay(input)
        }
        let target = try resolveOutput(output)
        let extraCards = try loadCards(from)
        let identity = try options.unlock()
        let home = try options.privateHome()
        var cards: [IdentityCard]
        do { cards = try home.contacts() } catch { throw CLIError(error) }
        cards += extraCards
        cards.append(identity.card)
        let opener = EnvelopeOpener(identity: identity, senders: CardDirectory(cards: cards))

        let source = try InputFile(path: input)
        defer { source.close() }
        var reader = source.reader
        let progress = ProgressBar(label: "opening", total: source.size)
        defer { progress.finish() }

        // Nothing reaches the output until the signature has verified: a regular file is renamed
        // into place only then; standard output, a device or a FIFO is written from a private
        // staging file in the home (mode 0700) only then (OutputFile.releasing).
        // Attachments go to --attachments, else beside a regular output file; with standard
        // output or a device there is nowhere, and an envelope that carries some is refused.
        var attachmentsFolder = attachments
        if attachmentsFolder == nil, case .file(let path) = target { attachmentsFolder = path + ".attachments" }
        let opened: OpenedEnvelope
        let stored: [String]
        do {
            (opened, stored) = try OutputFile.releasing(to: target, stagingDirectory: home.path) { destination in
                do throws(EnvelopeOpenFailure) {
                    return try opener.openStoringAttachments(from: &reader, toFile: destination, attachmentsDirectory: attachmentsFolder,
                                                             progress: progress.update)
                } catch {
                    if case .io(let e) = error, attachmentsFolder == nil, e.reason.contains("carries attachments") {
                        throw CLIError("the envelope carries attachments; nothing was written",
                                       hint: "give a folder for them with --attachments DIR, or write the record to a file with --output FILE")
                    }
                    throw CLIError(error)
                }
            }
        } catch let error as IOError {
            throw CLIError("cannot write \(error.path): \(error.reason)")
        }
        progress.finish()
        let m = opened.manifest
        printError("sealpost: opened: from \(m.senderAgency), sent \(Timestamp.iso(seconds: Int64(clamping: m.createdAt))), \(opened.contentLength) bytes, content hash \(Hex.encode(opened.contentHash))")
        for (a, path) in zip(m.attachments, stored) {
            printError("sealpost: attachment: \(Printable.escape(a.name)) (\(Printable.escape(a.type)), \(a.length) bytes, hash checked): \(path)")
        }
    }

    /// Fetches, verifies and stores a record waiting at the relay.
    private func openFromRelay(_ text: String) async throws {
        guard from.isEmpty else {
            throw CLIError("--from applies to envelope files only", hint: "a record from the relay is trusted by the agreement in force")
        }
        let context = try ExchangeCommand.context(options)
        let opened = try await ExchangeCommand.withSession(context, relay: relayOptions) { session in
            let waiting = try await session.client.mailbox().map(\.envelopeID)
            let held = try context.inbox.entries().map(\.envelopeID) + context.requestsIn.entries().map(\.envelopeID)
            let id = try Receive.resolve(text, among: waiting + held)
            return try await Receive.openAny(id, session: session)
        }
        switch opened {
        case .record(let entry, let outcome): try showRecord(entry, outcome: outcome, context: context)
        case .request(let entry, let outcome): try showRequest(entry, outcome: outcome, context: context)
        }
    }

    private func showRecord(_ entry: InboxEntry, outcome: Inbox.StoreOutcome, context: ExchangeContext) throws {
        let path = context.inbox.recordPath(entry.envelopeID)
        let acknowledged = (try? context.acks.entry(entry.envelopeID)) != nil
        if outcome == .duplicate {
            printError("sealpost: already received: envelope \(short(entry.envelopeID)) from \(entry.sender) is stored once; nothing new was written")
        } else {
            printError("sealpost: opened: envelope \(short(entry.envelopeID)) from \(entry.sender), purpose \(entry.purpose), urgency \(entry.urgency), sent \(Timestamp.iso(seconds: entry.sentAt)), \(entry.contentLength) bytes; verified and stored")
        }
        try copyOut(entry.envelopeID, from: context.inbox)
        print(path)
        let written = try writeAttachments(entry, from: context.inbox)
        for (i, a) in (entry.attachments ?? []).enumerated() {
            let place = written.map { "\($0)/\(a.stored)" } ?? "sealed in \(context.inbox.attachmentPath(entry.envelopeID, index: i))"
            printError("sealpost: attachment: \(Printable.escape(a.name)) (\(Printable.escape(a.type)), \(a.length) bytes, hash checked): \(place)")
        }
        if output == nil {
            printError("sealpost: the record is kept sealed to this agency's key; write it out with: sealpost open \(short(entry.envelopeID)) --output FILE")
        }
        if let answered = try? context.requestsOut.entries().first(where: { $0.answer?.envelopeID == entry.envelopeID }) {
            printError("sealpost: it answers this agency's request \(short(answered.envelopeID)) to \(answered.recipient)")
        }
        if !acknowledged {
            printError("sealpost: next: acknowledge it to \(entry.sender) with: sealpost ack \(short(entry.envelopeID))")
        }
    }

    private func showRequest(_ entry: InboxEntry, outcome: Inbox.StoreOutcome, context: ExchangeContext) throws {
        let path = context.requestsIn.recordPath(entry.envelopeID)
        let id = short(entry.envelopeID)
        if outcome == .duplicate {
            printError("sealpost: already received: request \(id) from \(entry.sender) is stored once; nothing new was written")
        } else {
            printError("sealpost: opened: request \(id) from \(entry.sender) for information for \(entry.purpose), urgency \(entry.urgency), sent \(Timestamp.iso(seconds: entry.sentAt)); verified and stored (the child it is about is in the file below)")
        }
        try copyOut(entry.envelopeID, from: context.requestsIn)
        print(path)
        printError("sealpost: next: answer it with a record: sealpost send --to \(entry.sender) --purpose \(entry.purpose) --in-answer-to \(id) RECORD.json")
        printError("sealpost:   or decline it, with your reason: sealpost decline \(id) --reason TEXT [--reason-code CODE]")
    }

    /// Writes the stored content out to --output, opened (it is sealed at rest).
    private func copyOut(_ id: String, from inbox: Inbox) throws {
        guard let output else { return }
        let bytes: [UInt8]?
        do { bytes = try inbox.readContent(id) } catch { throw CLIError(error) }
        guard let bytes else { throw CLIError("cannot read back the stored content of \(short(id))") }
        try writeOutput(bytes, to: output, mode: 0o600)
    }

    /// Writes a stored record's attachments out, opened and checked, into --attachments (else
    /// beside a regular --output file); returns the folder, or nil when there is nowhere to write.
    private func writeAttachments(_ entry: InboxEntry, from inbox: Inbox) throws -> String? {
        guard let listed = entry.attachments, !listed.isEmpty else { return nil }
        var folder = attachments
        if folder == nil, let output, case .file(let path) = try resolveOutput(output) { folder = path + ".attachments" }
        guard let folder else { return nil }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw CLIError("cannot create \(folder): \(error.localizedDescription)", hint: "check the path and permissions")
        }
        for (i, a) in listed.enumerated() {
            guard !a.stored.isEmpty, !a.stored.contains("/") else { throw CLIError("the stored name of attachment \(i + 1) cannot be read") }
            // A chunk at a time into a temporary file, committed only once the whole matched the
            // signed hash: constant memory, and nothing half-written or unchecked left behind.
            let path = folder + "/" + a.stored
            let file: AtomicFile
            do { file = try AtomicFile(destination: path, mode: 0o600) } catch { throw CLIError("cannot write \(error.path): \(error.reason)") }
            do {
                var reading = try inbox.reading(entry.envelopeID, attachment: i)
                while let chunk = try reading.next() { try file.write(chunk) }
                try file.commit()
            } catch let error as ExchangeError {
                file.discard()
                throw CLIError(error)
            } catch let error as IOError {
                file.discard()
                throw CLIError("cannot write \(error.path): \(error.reason)")
            }
        }
        return folder
    }
}
