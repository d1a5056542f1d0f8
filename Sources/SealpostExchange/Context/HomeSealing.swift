#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostLog

/// Seals a home written before sealing at rest, in place (spec/exchange.md §The home at rest):
/// received records and requests (`record.json`, `request.json`), attachments and their names, and
/// the log's plaintext details lines. Run on the first unlocked command; `HOME/at-rest` marks a
/// home as done, so later commands pay one `stat`.
///
/// Crash-safe and idempotent, file by file: the sealed copy is written atomically (AtomicFile)
/// before the plaintext is removed, so a crash at any point leaves each item in plaintext, sealed,
/// or both, and running it again finishes the job:
///
/// - a record: `record.sealed` is written from `record.json`, then `record.json` removed;
/// - attachments: the plaintext folder is first renamed `.attachments-plain` (while the entry still
///   names them), `attachments/N.sealed` and `names.sealed` are written from it, `entry.json` is
///   rewritten without the names, then `.attachments-plain` is removed;
/// - the log: `details.jsonl` is rewritten atomically with every plaintext line sealed (the
///   commitments are over the plaintext, so the chain is untouched).
///
/// Plaintext left by a command that crashed (an inbox's `.incoming-…` folder, a temporary file of an
/// atomic write, `open`'s staging file for a device or pipe) is removed too. The exchange lock is
/// held throughout; when another command holds it, sealing waits for a later command.
public enum HomeSealing {
    /// What one run did.
    public struct Report: Sendable, Equatable {
        public var records = 0
        public var requests = 0
        public var attachments = 0
        public var detailsLines = 0
        /// Receipts of sends and requests not yet deposited (they hold the child's identifiers).
        public var receipts = 0
        /// Plaintext left by crashed commands, removed.
        public var leftovers = 0
        /// Another command held the home: nothing was done this time.
        public var busy = false

        public var sealedAnything: Bool { records + requests + attachments + detailsLines + receipts > 0 }

        /// One line for the person running the command, or nil when there is nothing to say.
        public var summary: String? {
            var parts: [String] = []
            if records > 0 { parts.append("\(records) received record\(records == 1 ? "" : "s")") }
            if attachments > 0 { parts.append("\(attachments) attachment\(attachments == 1 ? "" : "s")") }
            if requests > 0 { parts.append("\(requests) request\(requests == 1 ? "" : "s")") }
            if receipts > 0 { parts.append("\(receipts) receipt\(receipts == 1 ? "" : "s") of sends not yet deposited") }
            if detailsLines > 0 { parts.append("the details of \(detailsLines) log entr\(detailsLines == 1 ? "y" : "ies")") }
            var lines: [String] = []
            if !parts.isEmpty {
                lines.append("sealed this home at rest: \(parts.joined(separator: ", ")) now open only with the passphrase "
                             + "(a one-time change; the plaintext copies were removed)")
            }
            if leftovers > 0 { lines.append("removed \(leftovers) plaintext file\(leftovers == 1 ? "" : "s") left by an interrupted command") }
            return lines.isEmpty ? nil : lines.joined(separator: "\n")
        }
    }

    /// Whether `home` was sealed at rest (its marker is there).
    public static func isSealed(_ home: Home) -> Bool {
        StoreFiles.bytes(at: home.atRestMarkerPath) == Home.atRestMarker
    }

    /// Seals `home` unless its marker says it is done; always removes a crashed `open`'s staging
    /// files. Needs the unlocked identity (the log's details are sealed with it).
    @discardableResult
    public static func run(home: Home, identity: Identity) throws(ExchangeError) -> Report {
        var report = Report()
        report.leftovers += removeStaleStaging(in: home.path)
        guard !isSealed(home) else { return report }
        let lock: HomeLock
        do { lock = try HomeLock(home: home) } catch {
            report.busy = true
            return report
        }
        defer { lock.release() }
        let atRest = AtRest(identity: identity)
        try seal(Inbox(home: home, atRest: atRest), counting: &report.records, attachments: &report.attachments, leftovers: &report.leftovers)
        try seal(Inbox.requests(home: home, atRest: atRest), counting: &report.requests, attachments: &report.attachments,
                 leftovers: &report.leftovers)
        for outbox in [Outbox(home: home), Outbox.requests(home: home)] {
            report.receipts += try sealPendingReceipts(outbox, atRest: atRest)
        }
        if StoreFiles.exists(home.logDirectory + "/" + ReceiptLog.chainFileName) {
            do {
                let log = try ReceiptLog(directory: home.logDirectory, identity: identity)
                report.leftovers += removeTemporaryFiles(in: home.logDirectory)
                report.detailsLines = try log.sealPlaintextDetails()
            } catch {
                throw ExchangeError(.log, "cannot seal the receipt log's details: \(error.reason)", hint: error.hint)
            }
        }
        CrashPoint.reached("sealing-before-marker")
        do { try AtomicFile.write(Home.atRestMarker, to: home.atRestMarkerPath, mode: 0o600) } catch {
            throw .storage(error, doing: "mark the home as sealed")
        }
        return report
    }

    /// Seals every stored item of `inbox` (records or requests) that is still in plaintext.
    static func seal(_ inbox: Inbox, counting count: inout Int, attachments: inout Int, leftovers: inout Int) throws(ExchangeError) {
        guard let atRest = inbox.atRest else { return }
        for name in StoreFiles.names(in: inbox.directory) where name.hasPrefix(".incoming-") {
            try? FileManager.default.removeItem(atPath: inbox.directory + "/" + name)
            leftovers += 1
        }
        for id in StoreFiles.names(in: inbox.directory) where EnvelopeID(hex: id) != nil {
            leftovers += removeTemporaryFiles(in: inbox.folder(id))
            let plain = inbox.plaintextRecordPath(id)
            if let bytes = StoreFiles.bytes(at: plain) {
                do { try atRest.write(bytes, to: inbox.recordPath(id)) } catch { throw .storage(error, doing: "seal \(plain)") }
                CrashPoint.reached("sealing-record-written")
                guard unlink(plain) == 0 else { throw .storage(IOError(path: plain, errno: errno), doing: "remove the plaintext record") }
                count += 1
            }
            attachments += try sealAttachments(inbox, id: id, atRest: atRest)
        }
    }

    /// Seals the receipts kept for sends and requests not yet deposited (`<id>.receipt.json`).
    static func sealPendingReceipts(_ outbox: Outbox, atRest: AtRest) throws(ExchangeError) -> Int {
        var sealed = 0
        for name in StoreFiles.names(in: outbox.directory) where name.hasSuffix(".receipt.json") && !name.hasPrefix(".") {
            let id = String(name.dropLast(".receipt.json".count))
            let plain = outbox.plaintextPendingReceiptPath(id)
            guard let bytes = StoreFiles.bytes(at: plain) else { continue }
            do { try atRest.write(bytes, to: outbox.pendingReceiptPath(id)) } catch { throw .storage(error, doing: "seal \(plain)") }
            guard unlink(plain) == 0 else { throw .storage(IOError(path: plain, errno: errno), doing: "remove the plaintext receipt") }
            sealed += 1
        }
        return sealed
    }

    /// Seals one stored record's attachments if its entry still names them (the old layout).
    static func sealAttachments(_ inbox: Inbox, id: String, atRest: AtRest) throws(ExchangeError) -> Int {
        let plainFolder = inbox.folder(id) + "/.attachments-plain"
        let folder = inbox.attachmentsFolder(id)
        let entryPath = inbox.entryPath(id)
        guard let entry = try StoreFiles.read(InboxEntry.self, from: entryPath) else { return 0 }
        guard let listed = entry.attachments, listed.contains(where: { !$0.name.isEmpty }) else {
            // Sealed already; a crash may have left the plaintext folder after the entry was rewritten.
            if StoreFiles.exists(plainFolder) { try? FileManager.default.removeItem(atPath: plainFolder) }
            return 0
        }
        if !StoreFiles.exists(plainFolder) {
            guard rename(folder, plainFolder) == 0 else {
                throw .storage(IOError(path: folder, errno: errno), doing: "set the plaintext attachments aside to seal them")
            }
            CrashPoint.reached("sealing-attachments-set-aside")
        }
        try StoreFiles.makeDirectory(folder)
        var files: [[UInt8]] = []
        for attachment in listed {
            guard !attachment.stored.contains("/"), let bytes = StoreFiles.bytes(at: plainFolder + "/" + attachment.stored) else {
                throw ExchangeError(.storage, "an attachment of \(inbox.folder(id)) is missing, so it cannot be sealed",
                                    hint: "restore the folder from a backup, or move it out of \(inbox.directory) and open the envelope again")
            }
            files.append(bytes)
        }
        do {
            try Inbox.writeSealedAttachments(files.map(StagedBytes.bytes), names: listed, into: folder, atRest: atRest)
            try AtomicFile.syncDirectory(folder)
            try AtomicFile.write(StoreFiles.encode(entry.withoutNames), to: entryPath, mode: 0o600)
        } catch { throw .storage(error, doing: "seal the attachments of \(inbox.folder(id))") }
        CrashPoint.reached("sealing-attachments-sealed")
        do { try FileManager.default.removeItem(atPath: plainFolder) } catch {
            throw ExchangeError(.storage, "cannot remove the plaintext attachments in \(plainFolder)", hint: "remove that folder yourself")
        }
        return files.count
    }

    /// Removes temporary files of atomic writes (`.NAME.tmp-XXXXXX`) that a crash left in `folder`.
    static func removeTemporaryFiles(in folder: String) -> Int {
        var removed = 0
        for name in StoreFiles.names(in: folder) where name.hasPrefix(".") && name.contains(".tmp-") {
            if unlink(folder + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// Removes staging files (`.output-staging-PID-N`: `open` releasing to a device or pipe) whose
    /// process is gone: a crash mid-open left the plaintext there. A running command's are kept.
    public static func removeStaleStaging(in folder: String) -> Int {
        var removed = 0
        // The staging file itself, or the temporary file of its atomic write (`.` + its name + `.tmp-…`).
        for name in StoreFiles.names(in: folder) where name.hasPrefix(OutputFile.stagingPrefix) || name.hasPrefix("." + OutputFile.stagingPrefix) {
            let rest = name.drop { $0 == "." }.dropFirst(OutputFile.stagingPrefix.count - 1)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            if unlink(folder + "/" + name) == 0 { removed += 1 }
        }
        return removed
    }
}
