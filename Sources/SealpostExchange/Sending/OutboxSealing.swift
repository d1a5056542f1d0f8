#if canImport(Glibc)
import Glibc
#endif
import SealpostCore
import SealpostSodium

/// An envelope being sealed straight into the outbox, in constant memory whatever its attachments
/// weigh (spec/exchange.md §Attachments).
///
/// The sealer writes through `writer`, which hashes every byte (the envelope id is the BLAKE2b-256
/// of the envelope) into a private temporary file (mode 0600) in the outbox folder. `finish()`
/// makes it durable and renames it `<envelope id>.sealed`; `discard()` removes it. Until then no
/// outbox entry names it, so a crash leaves at most a hidden temporary file that nothing reads.
final class OutboxSealing {
    private let outbox: Outbox
    private let file: AtomicFile
    var writer: HashingWriter<FileDescriptorWriter>

    init(outbox: Outbox) throws(ExchangeError) {
        self.outbox = outbox
        try StoreFiles.makeDirectory(outbox.directory)
        let random = Hex.encode(RandomBytes.make(count: 8))
        do { file = try AtomicFile(destination: "\(outbox.directory)/.sealing-\(random)", mode: 0o600) } catch {
            throw .storage(error, doing: "seal into the outbox")
        }
        writer = HashingWriter(file.writer)
    }

    /// Bytes written so far.
    var length: UInt64 { writer.count }

    /// Makes the envelope durable as `<id>.sealed` and returns its id.
    func finish() throws(ExchangeError) -> EnvelopeID {
        let id = EnvelopeID(bytes: writer.hasher.finalize())
        do throws(IOError) {
            try file.commit()
            guard rename(file.destination, outbox.envelopePath(id.description)) == 0 else {
                let code = errno
                unlink(file.destination)
                throw IOError(path: outbox.envelopePath(id.description), errno: code)
            }
            try AtomicFile.syncDirectory(outbox.directory)
        } catch {
            throw .storage(error, doing: "store the sealed envelope in the outbox")
        }
        return id
    }

    func discard() { file.discard() }
}

/// Passes bytes on to `inner`, hashing them (BLAKE2b-256) and counting them.
struct HashingWriter<Inner: ByteWriter>: ByteWriter {
    var inner: Inner
    let hasher = BLAKE2b.Hasher()
    private(set) var count: UInt64 = 0

    init(_ inner: Inner) { self.inner = inner }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        try inner.write(bytes)
        hasher.update(bytes)
        count += UInt64(bytes.count)
    }
}
