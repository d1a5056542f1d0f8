#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostSodium

/// Measures envelope sealing and opening against raw libsodium, in one run on one machine,
/// so that the ratios mean something on a noisy shared host. Each figure is the median of
/// several rounds.
public struct EnvelopeBenchmark {
    public struct Figures: Sendable {
        public var rawPushMBps = 0.0
        public var rawPullMBps = 0.0
        public var rawBlake2bMBps = 0.0
        public var sealMBps = 0.0
        public var openMBps = 0.0
        public var recordsPerSecond = 0.0
        public var primitiveRecordsPerSecond = 0.0
        public var boxSealMicroseconds = 0.0
        public var signMicroseconds = 0.0
        public var hashMicroseconds = 0.0
        public var openOneGiBMaxRSSMiB: Double? = nil
        public var sealOneGiBMaxRSSMiB: Double? = nil
    }

    public let megabytes: Int
    public let rounds: Int
    public let records: Int

    public init(megabytes: Int = 256, rounds: Int = 5, records: Int = 2000) {
        (self.megabytes, self.rounds, self.records) = (megabytes, rounds, records)
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Seals and opens `gibibytes` of generated content through real files in `directory`,
    /// and reports this process's peak resident memory after each. Run it before anything
    /// else allocates large buffers, since the peak is process-wide.
    public func measureMemory(directory: String, gibibytes: Int = 1, log: (String) -> Void) throws -> (seal: Double, open: Double) {
        let sender = Identity(agencyID: "bench-sender", name: "Bench sender", signingKey: .generate(), boxKey: .generate())
        let recipient = Identity(agencyID: "bench-recipient", name: "Bench recipient", signingKey: .generate(), boxKey: .generate())
        let envelopePath = directory + "/bench-envelope"
        let contentPath = directory + "/bench-content"
        defer { unlink(envelopePath); unlink(contentPath) }
        var source = PatternReader(length: UInt64(gibibytes) << 30)
        let file = try AtomicFile(destination: envelopePath)
        var writer = file.writer
        _ = try EnvelopeSealer(sender: sender).seal(from: &source, to: &writer, recipients: [recipient.boxKey.publicKey], createdAt: 0)
        try file.commit()
        let afterSeal = Self.maxRSSMiB()
        log("sealed \(gibibytes) GiB to \(envelopePath): peak resident \(String(format: "%.1f", afterSeal)) MiB")
        let fd = open(envelopePath, O_RDONLY)
        guard fd >= 0 else { throw IOError(path: envelopePath, errno: errno) }
        defer { close(fd) }
        var reader = FileDescriptorReader(descriptor: fd, name: envelopePath)
        let opener = EnvelopeOpener(identity: recipient, senders: CardDirectory(cards: [sender.card]))
        _ = try opener.open(from: &reader, toFile: contentPath)
        let afterOpen = Self.maxRSSMiB()
        log("opened it to \(contentPath): peak resident \(String(format: "%.1f", afterOpen)) MiB")
        return (afterSeal, afterOpen)
    }

    static func maxRSSMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
    }

    /// Throughput of raw secretstream and BLAKE2b against Sealpost seal and open on the same
    /// in-memory content, and the cost of sealing small records against their primitives.
    public func measureThroughput(log: (String) -> Void) throws -> Figures {
        var figures = Figures()
        let chunk = EnvelopeFormat.chunkSize
        let total = megabytes << 20
        let content = RandomBytes.make(count: total)
        let bytes = Double(total) / 1e6
        let sender = Identity(agencyID: "bench-sender", name: "Bench sender", signingKey: .generate(), boxKey: .generate())
        let recipient = Identity(agencyID: "bench-recipient", name: "Bench recipient", signingKey: .generate(), boxKey: .generate())
        let sealer = EnvelopeSealer(sender: sender)
        let opener = EnvelopeOpener(identity: recipient, senders: CardDirectory(cards: [sender.card]))
        let key = SecretStreamKey.random()
        let ad = [UInt8](repeating: 7, count: 32)
        var cipher = [UInt8](repeating: 0, count: total + (total / chunk + 1) * SecretStream.overhead)
        var out = [UInt8](repeating: 0, count: chunk)
        // The envelope that the open rounds read, made once, untimed.
        var made = MemoryWriter()
        made.reserveCapacity(total + total / 32)
        var madeFrom = MemoryReader(content)
        _ = try sealer.seal(from: &madeFrom, to: &made, recipients: [recipient.boxKey.publicKey], createdAt: 0)
        let envelope = made.bytes

        var push: [Double] = [], pull: [Double] = [], hash: [Double] = [], seal: [Double] = [], open: [Double] = []
        for round in 0..<rounds {
            // Raw secretstream push over 64 KiB chunks.
            let pusher = SecretStream.Pusher(key: key)
            var start = Self.now()
            content.withUnsafeBytes { c in
                ad.withUnsafeBytes { a in
                    cipher.withUnsafeMutableBytes { o in
                        for i in 0..<(total / chunk) {
                            _ = pusher.push(UnsafeRawBufferPointer(rebasing: c[i * chunk..<(i + 1) * chunk]), tag: .message, additionalData: a,
                                            into: UnsafeMutableRawBufferPointer(rebasing: o[i * (chunk + 17)..<(i + 1) * (chunk + 17)]))
                        }
                    }
                }
            }
            push.append(bytes / (Self.now() - start))

            // Raw secretstream pull of the same ciphertext.
            let puller = try SecretStream.Puller(key: key, header: pusher.header)
            start = Self.now()
            try cipher.withUnsafeBytes { c in
                try ad.withUnsafeBytes { a in
                    try out.withUnsafeMutableBytes { o in
                        for i in 0..<(total / chunk) {
                            _ = try puller.pull(UnsafeRawBufferPointer(rebasing: c[i * (chunk + 17)..<(i + 1) * (chunk + 17)]), additionalData: a, into: o)
                        }
                    }
                }
            }
            pull.append(bytes / (Self.now() - start))

            // Raw BLAKE2b over the same content.
            start = Self.now()
            let hasher = BLAKE2b.Hasher()
            content.withUnsafeBytes { hasher.update($0) }
            _ = hasher.finalize()
            hash.append(bytes / (Self.now() - start))

            // Sealpost seal: from memory, discarding the envelope (as raw push keeps none).
            var reader = MemoryReader(content)
            var discard = DiscardingWriter()
            start = Self.now()
            _ = try sealer.seal(from: &reader, to: &discard, recipients: [recipient.boxKey.publicKey], createdAt: 0)
            seal.append(bytes / (Self.now() - start))

            // Sealpost open: verify and decrypt, discarding the content.
            var envelopeReader = MemoryReader(envelope)
            var sink = DiscardingWriter()
            start = Self.now()
            _ = try opener.decrypt(from: &envelopeReader, into: &sink)
            open.append(bytes / (Self.now() - start))
            log("round \(round + 1)/\(rounds): push \(Int(push.last!)) pull \(Int(pull.last!)) blake2b \(Int(hash.last!)) seal \(Int(seal.last!)) open \(Int(open.last!)) MB/s")
        }
        figures.rawPushMBps = Self.median(push)
        figures.rawPullMBps = Self.median(pull)
        figures.rawBlake2bMBps = Self.median(hash)
        figures.sealMBps = Self.median(seal)
        figures.openMBps = Self.median(open)

        // 1 KiB records to one recipient, against the primitives each seal needs.
        let record = RandomBytes.make(count: 1024)
        let fileKey = SecureBytes.random(count: 32)
        let signedMessage = [UInt8](repeating: 1, count: 22 + 32 * 3 + 8)
        var recordRates: [Double] = [], boxTimes: [Double] = [], signTimes: [Double] = [], hashTimes: [Double] = []
        for _ in 0..<rounds {
            var start = Self.now()
            for _ in 0..<records {
                _ = try sealer.seal(record, recipients: [recipient.boxKey.publicKey], createdAt: 0)
            }
            recordRates.append(Double(records) / (Self.now() - start))
            start = Self.now()
            for _ in 0..<records { _ = try SealedBox.seal(fileKey, to: recipient.boxKey.publicKey) }
            boxTimes.append((Self.now() - start) / Double(records))
            start = Self.now()
            for _ in 0..<records { _ = sender.signingKey.signature(for: signedMessage) }
            signTimes.append((Self.now() - start) / Double(records))
            start = Self.now()
            for _ in 0..<records { _ = BLAKE2b.hash(record) }
            hashTimes.append((Self.now() - start) / Double(records))
        }
        figures.recordsPerSecond = Self.median(recordRates)
        figures.boxSealMicroseconds = Self.median(boxTimes) * 1e6
        figures.signMicroseconds = Self.median(signTimes) * 1e6
        figures.hashMicroseconds = Self.median(hashTimes) * 1e6
        figures.primitiveRecordsPerSecond = 1e6 / (figures.boxSealMicroseconds + figures.signMicroseconds + figures.hashMicroseconds)
        return figures
    }
}

/// Generates `length` bytes of a cheap repeating pattern, without holding them in memory.
struct PatternReader: ByteReader {
    let length: UInt64
    var produced: UInt64 = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let n = Int(min(UInt64(buffer.count), length - produced))
        for i in 0..<n { buffer[i] = UInt8(truncatingIfNeeded: (produced + UInt64(i)) &* 2_654_435_761 >> 13) }
        produced += UInt64(n)
        return n
    }
}
