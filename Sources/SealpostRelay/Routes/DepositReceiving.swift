import Hummingbird
import NIOCore
import SealpostSodium

/// A deposit's body as it arrives: hashed and counted, and kept in chunks of
/// `DepositBody.chunkBytes`, so that the relay holds at most one chunk of it in memory whatever
/// the envelope's size (spec/relay.md §Storage).
///
/// A body of one chunk or less stays in memory and is stored with the envelope, in the deposit's
/// one transaction. A longer one is staged: the first full chunk opens a staged body in the store
/// (`beginBody`), and each full chunk is written there as it fills; `finish()` writes the last,
/// partial one. Nothing staged is visible to any read until the deposit's transaction claims it,
/// and whoever ends the deposit any other way calls `discard()`.
///
/// Used by one request's task only.
final class DepositReceiving {
    private let repository: any RelayRepository
    private let now: Int64
    private let hasher = BLAKE2b.Hasher()
    private var buffer: [UInt8] = []
    private var staged: Int64?
    private var parts = 0
    /// Bytes received so far.
    private(set) var size = 0
    /// The body's first bytes (up to 16), to tell an envelope by its magic.
    private(set) var head: [UInt8] = []
    /// BLAKE2b-256 of the whole body, once `receive` has returned.
    private(set) var hash: [UInt8] = []

    init(repository: any RelayRepository, now: Int64, expected: Int) {
        self.repository = repository
        self.now = now
        // Room for what was declared, up to one chunk (64 KiB to start with when nothing was):
        // memory follows bytes that actually arrive, and a 4 KiB envelope does not take 64 KiB.
        buffer.reserveCapacity(min(expected > 0 ? expected : 64 * 1024, DepositBody.chunkBytes))
    }

    /// Reads `body` to its end. Refuses it (413) the moment it passes `limit`; `reserve(n)` is
    /// told the bytes the buffer is about to hold, and throws to refuse them. A body that fails
    /// or is cut off before its end is the client's failure (400). Store errors pass through.
    func receive(_ body: RequestBody, limit: Int, reserve: (Int) throws(RelayFailure) -> Void) async throws {
        var iterator = body.makeAsyncIterator()
        while true {
            let next: ByteBuffer?
            do { next = try await iterator.next() } catch let failure as RelayFailure { throw failure } catch {
                throw RelayFailure.bodyIncomplete
            }
            guard var chunk = next else { break }
            guard size + chunk.readableBytes <= limit else { throw RelayFailure.tooLarge(limit: limit) }
            while chunk.readableBytes > 0 {
                let n = min(chunk.readableBytes, DepositBody.chunkBytes - buffer.count)
                try reserve(buffer.count + n)
                chunk.readWithUnsafeReadableBytes { raw in
                    let part = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                    hasher.update(part)
                    buffer.append(contentsOf: part)
                    if head.count < 16 { head.append(contentsOf: part.prefix(16 - head.count)) }
                    return n
                }
                size += n
                if buffer.count == DepositBody.chunkBytes { try await writeChunk() }
            }
        }
        hash = hasher.finalize()
    }

    /// The body for `NewDeposit`: whole, or staged with its last chunk written now.
    func finish() async throws -> NewBody {
        guard let staged else { return .whole(buffer) }
        if !buffer.isEmpty { try await writeChunk() }
        return .staged(staged)
    }

    /// Drops what was staged, if anything (the deposit was refused, failed, or is a duplicate).
    /// A failure here leaves it for the expiry sweep (`DepositBody.abandonedAfter`).
    func discard() async {
        buffer = []
        guard let staged else { return }
        self.staged = nil
        try? await repository.discardBody(staged)
    }

    private func writeChunk() async throws {
        let body: Int64
        if let staged { body = staged } else {
            body = try await repository.beginBody(now: now)
            staged = body
        }
        try await repository.appendBodyChunk(body: body, part: parts, bytes: buffer)
        parts += 1
        buffer.removeAll(keepingCapacity: true)
    }
}
