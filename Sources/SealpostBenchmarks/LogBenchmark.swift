import Foundation
import SealpostCore
import SealpostJSON
import SealpostLog
import SealpostSodium
#if canImport(Glibc)
import Glibc
#endif

/// Measures durable appends (batched and one by one) and `log verify` of a large log, each beside
/// raw libsodium and raw fsync measured in the same run. Figures are medians over rounds.
public struct LogBenchmark {
    public struct Figures: Sendable {
        /// Durable entries per second by batch size (one fsync pair per batch).
        public var appendsPerSecond: [(batch: Int, perSecond: Double)] = []
        /// Raw Ed25519 signatures per second over an entry-sized message.
        public var rawSignaturesPerSecond: Double = 0
        /// Raw write+fsync pairs per second of a batch-sized buffer (two per batch, as appends do).
        public var rawFsyncPairsPerSecond: [(batch: Int, perSecond: Double)] = []
        public var verifyEntries = 0
        public var verifyBytes = 0
        public var verifySeconds: Double = 0
        public var verifyFullSeconds: Double = 0
        /// Raw BLAKE2b over the chain file's bytes, and raw Ed25519 verifications per second.
        public var rawHashSeconds: Double = 0
        public var rawVerificationsPerSecond: Double = 0
    }

    public var directory: String
    public var seconds: Double
    public var verifyEntries: Int
    public var rounds: Int

    public init(directory: String, seconds: Double = 2, verifyEntries: Int = 1_000_000, rounds: Int = 3) {
        self.directory = directory; self.seconds = seconds; self.verifyEntries = verifyEntries; self.rounds = rounds
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// Facts and details the size of a real `sent` receipt's (ids, hashes, a checkpoint, reasons).
    public static func draft(_ i: Int) -> ReceiptLog.Draft {
        let hex = Hex.encode(BLAKE2b.hash(Array(String(i).utf8)))
        return ReceiptLog.Draft(kind: "sent", facts: [
            "message_id": .string(String(hex.prefix(32))), "envelope_id": .string(hex), "counterpart": "kingsbridge-mash",
            "purpose": "s47-enquiry", "urgency": "within_24_hours", "content_hash": .string(hex),
        ], details: [
            "subject": ["nhs_number": "9434765919", "name": "Child Name"],
            "withheld": [["path": "child.address", "reason": "not_allowed_for_purpose_or_role"]],
            "reason": "Disclosure in class; consent not sought as it would place the child at risk.",
        ])
    }

    public func run(log: (String) -> Void) throws -> Figures {
        var figures = Figures()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let identity = try Identity.generate(agencyID: "bench-agency", name: "Benchmark")
        let sample = Self.draft(0)
        let body = LogEntry.body(seq: 1, at: 0, kind: sample.kind, prev: [UInt8](repeating: 0, count: 32), facts: sample.facts,
                                 commitment: [UInt8](repeating: 0, count: 32))
        // Raw signing: the bound on appends, since every entry is signed.
        do {
            let message = LogEntry.signedMessage(body)
            var rates: [Double] = []
            for _ in 0..<rounds {
                let n = 5000, t0 = Self.now()
                for _ in 0..<n { _ = identity.signingKey.signature(for: message) }
                rates.append(Double(n) / (Self.now() - t0))
            }
            figures.rawSignaturesPerSecond = Self.median(rates)
        }
        for batch in [1, 10, 100, 1000] {
            var rates: [Double] = [], raw: [Double] = []
            for round in 0..<rounds {
                let dir = directory + "/append-\(batch)-\(round)"
                let receiptLog = try ReceiptLog(directory: dir, identity: identity)
                var appended = 0
                let drafts = (0..<batch).map { Self.draft($0) }
                let t0 = Self.now()
                while Self.now() - t0 < seconds / Double(rounds) || appended == 0 {
                    try receiptLog.append(drafts, at: Int64(appended))
                    appended += batch
                }
                rates.append(Double(appended) / (Self.now() - t0))
                raw.append(try Self.rawFsyncPairs(directory: dir, bytes: batch * (body.count + 130), seconds: seconds / Double(rounds) / 2))
                try? FileManager.default.removeItem(atPath: dir)
            }
            figures.appendsPerSecond.append((batch, Self.median(rates)))
            figures.rawFsyncPairsPerSecond.append((batch, Self.median(raw)))
            log(String(format: "appends, batches of %4d: %8.0f entries/s", batch, Self.median(rates)))
        }
        guard verifyEntries > 0 else { return figures }
        let dir = directory + "/verify"
        try? FileManager.default.removeItem(atPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let receiptLog = try ReceiptLog(directory: dir, identity: identity)
            var written = 0
            let t0 = Self.now()
            while written < verifyEntries {
                let n = min(10_000, verifyEntries - written)
                try receiptLog.append((0..<n).map { Self.draft(written + $0) }, at: Int64(written))
                written += n
                if written % 100_000 == 0 { log("  wrote \(written) entries (\(Int(Self.now() - t0)) s)") }
            }
        }
        let chainPath = dir + "/" + ReceiptLog.chainFileName
        let chainBytes = try Data(contentsOf: URL(fileURLWithPath: chainPath))
        figures.verifyEntries = verifyEntries
        figures.verifyBytes = chainBytes.count
        var fast: [Double] = [], full: [Double] = [], hash: [Double] = []
        for _ in 0..<rounds {
            var verifier = LogVerifier(directory: dir, owner: identity.signingKey.publicKey)
            // The details are sealed at rest: opened and checked, as `log verify --details` does.
            verifier.atRest = AtRest(identity: identity)
            var t0 = Self.now()
            let report = try verifier.verify()
            fast.append(Self.now() - t0)
            guard report.isValid, report.entries == Int64(verifyEntries) else {
                throw LogError("the benchmark's own log did not verify: \(report.problem?.description ?? "checkpoints")")
            }
            log(String(format: "  verify %d entries: %.2f s", verifyEntries, fast.last!))
            t0 = Self.now()
            _ = chainBytes.withUnsafeBytes { BLAKE2b.hash($0) }
            hash.append(Self.now() - t0)
            if verifyEntries <= 200_000 || full.isEmpty {
                verifier.everySignature = true
                t0 = Self.now()
                _ = try verifier.verify()
                full.append(Self.now() - t0)
                log(String(format: "  verify %d entries, every signature: %.2f s", verifyEntries, full.last!))
            }
        }
        figures.verifySeconds = Self.median(fast)
        figures.verifyFullSeconds = Self.median(full)
        figures.rawHashSeconds = Self.median(hash)
        do {
            let message = LogEntry.signedMessage(body)
            let signature = identity.signingKey.signature(for: message)
            let n = 3000, t0 = Self.now()
            for _ in 0..<n { _ = identity.signingKey.publicKey.isValidSignature(signature, for: message) }
            figures.rawVerificationsPerSecond = Double(n) / (Self.now() - t0)
        }
        return figures
    }

    /// Raw write + fsync of `bytes` to two files, as one append does, per second.
    static func rawFsyncPairs(directory: String, bytes: Int, seconds: Double) throws -> Double {
        let buffer = [UInt8](repeating: 0x61, count: bytes)
        let a = open(directory + "/raw-a", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let b = open(directory + "/raw-b", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { close(a); close(b) }
        var pairs = 0
        let t0 = now()
        while now() - t0 < seconds || pairs == 0 {
            for fd in [a, b] {
                _ = buffer.withUnsafeBytes { write(fd, $0.baseAddress, bytes) }
                fsync(fd)
            }
            pairs += 1
        }
        return Double(pairs) / (now() - t0)
    }
}

extension LogBenchmark.Figures: CustomStringConvertible {
    public var description: String {
        var lines: [String] = []
        lines.append(String(format: "  raw Ed25519 sign            %8.0f /s (the bound on appends: every entry is signed)", rawSignaturesPerSecond))
        for (i, a) in appendsPerSecond.enumerated() {
            let raw = rawFsyncPairsPerSecond[i].perSecond * Double(a.batch)
            let bound = 1 / (1 / rawSignaturesPerSecond + 1 / raw)
            lines.append(String(format: "  durable appends, batch %4d  %8.0f entries/s   raw sign+fsync bound %8.0f /s, ratio %.2f",
                                a.batch, a.perSecond, bound, a.perSecond / bound))
        }
        if verifyEntries > 0 {
            lines.append(String(format: "  log verify, %d entries (%.0f MB)   %.2f s   (raw BLAKE2b of the file %.2f s; one Ed25519 verify %.0f us)",
                                verifyEntries, Double(verifyBytes) / 1e6, verifySeconds, rawHashSeconds, 1e6 / rawVerificationsPerSecond))
            lines.append(String(format: "  log verify --every-signature  %.2f s   (raw: %d verifications at %.0f /s = %.2f s on one core)",
                                verifyFullSeconds, verifyEntries, rawVerificationsPerSecond, Double(verifyEntries) / rawVerificationsPerSecond))
        }
        return lines.joined(separator: "\n")
    }
}
