#if canImport(Glibc)
import Glibc
#endif
import SealpostCore
import SealpostJSON
import SealpostSodium

/// An agency's append-only receipt log: `chain.log` (signed, hash-chained entries) and
/// `details.jsonl` (the erasable details the entries commit to, sealed to the agency's own key:
/// LogDetails), in one folder.
///
/// Appends are crash-safe: details are written and fsynced first, then the entries in one write,
/// then fsynced; the folder is fsynced when the files are created. A crash leaves the last entry
/// whole or absent, or torn (an incomplete last line), which opening finds and reports and the
/// next append cuts away. Only one process appends at a time (an exclusive lock on `chain.log`).
public final class ReceiptLog {
    public static let chainFileName = "chain.log"
    public static let detailsFileName = "details.jsonl"

    /// What to append: the kind, the facts that go into the chain, and the erasable details.
    public struct Draft: Sendable {
        public var kind: String
        public var facts: JSONObject
        public var details: JSONObject
        public init(kind: String, facts: JSONObject, details: JSONObject = JSONObject()) {
            self.kind = kind; self.facts = facts; self.details = details
        }
    }

    public let directory: String
    public let owner: Ed25519.PublicKey
    public let agency: String
    private let signer: Ed25519.SigningKey
    /// Seals each details line to this agency (and opens them to erase or seal older ones).
    private let atRest: AtRest
    private var chainFD: Int32
    private var detailsFD: Int32
    public private(set) var size: Int64
    public private(set) var head: [UInt8]
    /// Bytes of an incomplete last entry found on opening (a torn append); cut away by the next append.
    public private(set) var tornTail: Int
    /// Whether details lines are sealed (always, but for the generator of the published vectors of
    /// the plaintext form that homes held before sealing).
    package var sealsDetails = true

    public var chainPath: String { directory + "/" + Self.chainFileName }
    public var detailsPath: String { directory + "/" + Self.detailsFileName }

    /// Opens (creating if need be) the log in `directory`, owned by `identity`.
    public init(directory: String, identity: Identity) throws(LogError) {
        self.directory = directory
        owner = identity.signingKey.publicKey
        agency = identity.agencyID
        signer = identity.signingKey
        atRest = AtRest(identity: identity)
        var created = false
        if access(directory, F_OK) != 0 {
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw LogError(IOError(path: directory, errno: errno), while: "create the log folder")
            }
            let parent = directory.lastIndex(of: "/").map { $0 == directory.startIndex ? "/" : String(directory[..<$0]) } ?? "."
            do throws(IOError) { try AtomicFile.syncDirectory(parent) } catch { throw LogError(error, while: "create the log folder") }
            created = true
        }
        created = created || access(directory + "/" + Self.chainFileName, F_OK) != 0
        chainFD = open(directory + "/" + Self.chainFileName, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard chainFD >= 0 else { throw LogError(IOError(path: directory + "/" + Self.chainFileName, errno: errno), while: "open the log") }
        detailsFD = open(directory + "/" + Self.detailsFileName, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard detailsFD >= 0 else {
            let code = errno
            close(chainFD)
            throw LogError(IOError(path: directory + "/" + Self.detailsFileName, errno: code), while: "open the log")
        }
        size = 0
        head = LogEntry.genesis(owner: owner)
        tornTail = 0
        guard flock(chainFD, LOCK_EX) == 0 else {
            let code = errno
            close(chainFD); close(detailsFD)
            throw LogError(IOError(path: chainPath, errno: code), while: "lock the log")
        }
        if created {
            do throws(IOError) { try AtomicFile.syncDirectory(directory) } catch {
                close(chainFD); close(detailsFD)
                throw LogError(error, while: "create the log")
            }
        }
        do { try readHead() } catch {
            close(chainFD); close(detailsFD)
            throw error
        }
    }

    deinit {
        close(chainFD)
        close(detailsFD)
    }

    /// Finds the last whole entry without reading the whole file.
    private func readHead() throws(LogError) {
        let length = lseek(chainFD, 0, SEEK_END)
        guard length > 0 else { return }
        var window = min(Int(length), 64 * 1024)
        while true {
            var buffer = [UInt8](repeating: 0, count: window)
            let offset = Int(length) - window
            let got = buffer.withUnsafeMutableBytes { pread(chainFD, $0.baseAddress, window, off_t(offset)) }
            guard got == window else { throw LogError(IOError(path: chainPath, errno: errno), while: "read the log") }
            // The last newline ends the last whole entry; anything after it is a torn append.
            guard let lastNewline = buffer.lastIndex(of: 0x0A) else {
                if offset == 0 { tornTail = window; return }
                window = min(Int(length), window * 2); continue
            }
            tornTail = window - lastNewline - 1
            let lineStart = buffer[..<lastNewline].lastIndex(of: 0x0A).map { $0 + 1 }
            guard let lineStart else {
                if offset > 0 { window = min(Int(length), window * 2); continue }
                try adoptHead(buffer[0..<lastNewline])
                return
            }
            try adoptHead(buffer[lineStart..<lastNewline])
            return
        }
    }

    private func adoptHead(_ line: ArraySlice<UInt8>) throws(LogError) {
        let entry: LogEntry
        do { entry = try LogEntry.parse(line: line) } catch {
            throw LogError("the last entry of \(chainPath) is damaged: it \(error.problem)",
                           hint: "run sealpost log verify to see what is wrong; appends are refused until it is mended")
        }
        size = entry.seq
        head = entry.hash
    }

    /// Signs, chains and durably appends `drafts`, in order, all with time `at` (Unix ms).
    /// Either every entry is appended or, on failure, none is (and the files are as they were).
    @discardableResult
    public func append(_ drafts: [Draft], at: Int64) throws(LogError) -> [LogEntry] {
        guard !drafts.isEmpty else { return [] }
        for draft in drafts where !LogKind.isWellFormed(draft.kind) {
            throw LogError("\"\(Printable.escape(draft.kind))\" is not a log entry kind", hint: "kinds are lowercase words joined by underscores")
        }
        try cutTornTails()
        var entries: [LogEntry] = []
        var detailBytes: [UInt8] = []
        var chainBytes: [UInt8] = []
        var prev = head
        var seq = size
        for draft in drafts {
            seq += 1
            let details = LogDetails(seq: seq, salt: RandomBytes.make(count: LogDetails.saltLength), details: draft.details)
            let entry: LogEntry
            do { entry = try LogEntry.make(seq: seq, at: at, kind: draft.kind, prev: prev, facts: draft.facts,
                                           commitment: details.commitment, signer: signer) } catch {
                throw LogError("could not make entry \(seq): it \(error.problem)")
            }
            guard let line = sealsDetails ? details.sealedLine(with: atRest) : details.line else {
                throw LogError("could not seal the details of entry \(seq)")
            }
            detailBytes += line
            chainBytes += entry.line
            entries.append(entry)
            prev = entry.hash
        }
        try durablyAppend(detailBytes, to: detailsFD, path: detailsPath)
        try durablyAppend(chainBytes, to: chainFD, path: chainPath)
        size = seq
        head = prev
        return entries
    }

    public func append(_ draft: Draft, at: Int64) throws(LogError) -> LogEntry {
        try append([draft], at: at)[0]
    }

    /// A checkpoint of the log as it stands, signed by its owner.
    public func checkpoint() -> SignedCheckpoint {
        Checkpoint(agency: agency, size: size, head: head).signed(by: signer)
    }

    /// Writes `bytes` at the end and fsyncs; on failure cuts the file back to where it was.
    private func durablyAppend(_ bytes: [UInt8], to fd: Int32, path: String) throws(LogError) {
        let start = lseek(fd, 0, SEEK_END)
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                written += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if failure != 0 {
            _ = ftruncate(fd, start)
            _ = fsync(fd)
            throw LogError(IOError(path: path, errno: failure), while: "append to the log")
        }
    }

    /// Replaces `details.jsonl` with `lines` atomically (a crash leaves the old file or the new
    /// one), then points the details descriptor, which still names the old file, at the new one
    /// for appends. `what` names the rewrite in the error.
    private func replaceDetails(with lines: [UInt8], while what: String) throws(LogError) {
        do {
            let file = try AtomicFile(destination: detailsPath, mode: 0o600)
            try file.write(lines)
            try file.commit()
        } catch { throw LogError(error, while: what) }
        try reopenDetails()
    }

    /// Points the details descriptor at the file now at `detailsPath` (after an atomic rewrite).
    private func reopenDetails() throws(LogError) {
        let fd = open(detailsPath, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LogError(IOError(path: detailsPath, errno: errno), while: "reopen the log's details") }
        close(detailsFD)
        detailsFD = fd
    }

    /// Removes an incomplete last line from either file, so the next entry starts on a line of its own.
    private func cutTornTails() throws(LogError) {
        for (fd, path) in [(chainFD, chainPath), (detailsFD, detailsPath)] {
            let length = lseek(fd, 0, SEEK_END)
            guard length > 0 else { continue }
            var keep = Int(length)
            var byte: UInt8 = 0
            // Walk back to the last newline (torn tails are short: one entry at most).
            while keep > 0 {
                guard pread(fd, &byte, 1, off_t(keep - 1)) == 1 else { throw LogError(IOError(path: path, errno: errno), while: "read the log") }
                if byte == 0x0A { break }
                keep -= 1
            }
            if keep < Int(length) {
                guard ftruncate(fd, off_t(keep)) == 0, fsync(fd) == 0 else {
                    throw LogError(IOError(path: path, errno: errno), while: "cut a torn entry from the log")
                }
            }
        }
        tornTail = 0
    }
}

extension ReceiptLog {
    /// Erases the details (and salts) of every entry made before `cutoff` (Unix ms) under a
    /// retention rule, then appends an `erased` entry recording the rule and how many entries it
    /// touched. The chain is untouched, so the log still verifies; the commitments of erased
    /// entries reveal nothing, their salts being gone. `details.jsonl` is replaced atomically.
    /// Returns the number of entries whose details were erased.
    @discardableResult
    public func eraseDetails(before cutoff: Int64, rule: String, at: Int64) throws(LogError) -> Int {
        try cutTornTails()
        var keptLines: [UInt8] = []
        var erasedSeqs = Set<Int64>()
        let chain: MappedFile, details: MappedFile
        do {
            chain = try MappedFile(path: chainPath)
            details = try MappedFile(path: detailsPath)
        } catch { throw LogError(error, while: "read the log") }
        var times: [Int64: Int64] = [:]
        for range in chain.lines().lines {
            if let entry = try? LogEntry.parse(line: chain.slice(range)) { times[entry.seq] = entry.at }
        }
        for range in details.lines().lines {
            let line = details.slice(range)
            if let stored = StoredDetails.parse(line: line), let time = times[stored.seq], time < cutoff,
               stored.open(with: atRest)?.json != Array("{}".utf8) {
                erasedSeqs.insert(stored.seq)
                continue
            }
            keptLines += line
            keptLines.append(0x0A)
        }
        guard !erasedSeqs.isEmpty else { return 0 }
        try replaceDetails(with: keptLines, while: "rewrite the log's details")
        _ = try append(Draft(kind: "erased", facts: ["rule": .string(rule), "before": .number(JSONNumber(cutoff)),
                                                     "entries": .number(JSONNumber(erasedSeqs.count))]), at: at)
        return erasedSeqs.count
    }
}

extension ReceiptLog {
    /// Seals every plaintext details line (as homes held them before sealing) in place:
    /// `details.jsonl` is rewritten atomically with each plaintext line replaced by its sealed
    /// form and every other line kept as it was, so a crash leaves the old file or the new one and
    /// running it again finishes the job. The chain is untouched: the commitments are over the
    /// plaintext, which sealing keeps. Returns how many lines were sealed.
    @discardableResult
    public func sealPlaintextDetails() throws(LogError) -> Int {
        try cutTornTails()
        let details: MappedFile
        do { details = try MappedFile(path: detailsPath) } catch { throw LogError(error, while: "read the log's details") }
        var lines: [UInt8] = []
        var sealed = 0
        for range in details.lines().lines {
            let line = details.slice(range)
            if case .plain(let plain)? = StoredDetails.parse(line: line) {
                guard let sealedLine = plain.sealedLine(with: atRest) else { throw LogError("could not seal the details of entry \(plain.seq)") }
                lines += sealedLine
                sealed += 1
            } else {
                lines += line
                lines.append(0x0A)
            }
        }
        guard sealed > 0 else { return 0 }
        try replaceDetails(with: lines, while: "rewrite the log's details sealed")
        return sealed
    }
}
