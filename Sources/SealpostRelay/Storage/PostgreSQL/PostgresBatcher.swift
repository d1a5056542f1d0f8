import Synchronization

/// Group commit in the relay for PostgreSQL: writes that arrive while a batch of them is being
/// written are gathered and written together by the next, in one statement, one transaction and
/// one commit, so the server's per-statement and per-commit costs (and, for deposits, the WAL
/// flush) are shared by the batch (spec/relay.md §Storage). The store keeps one each for deposits
/// (`sealpost_deposit_many`), nonce claims (`PostgresStatements.ClaimMany`), deletes
/// (`sealpost_delete_many`), mailbox pages and fetches.
///
/// No timer: while nothing is being written, an item starts a batch of its own at once; while a
/// batch is in flight, those arriving queue, and the writer task takes them all (up to
/// `maximumCount` items and `maximumWeight` of their weight, always at least one) as soon as the
/// batch in flight has returned. At most one batch of each batcher is in flight at a time, like
/// the SQLite store's `GroupCommitter`.
///
/// Invariants:
/// - An item is answered only once the statement holding it has returned, which is after its
///   transaction committed: a deposit's with `synchronous_commit=on`, so an acknowledged deposit
///   is durable.
/// - Each item gets its own outcome from `write`, in order; a refusal of one is that one's alone.
/// - An item whose `key` is already in the batch being gathered is held back for the next batch,
///   so one statement never names a key twice, and the repeat is answered as it would be had it
///   come after the first (a deposit: a duplicate, a conflict, or stored when the first was
///   refused; a nonce: replayed).
/// - If the statement fails (the connection is lost, the server refuses it), every item of the
///   batch fails with that same error, and none of them is stored (the transaction rolled back).
final class PostgresBatcher<Item: Sendable, Outcome: Sendable>: Sendable {
    typealias Write = @Sendable ([Item]) async throws -> [Result<Outcome, any Error>]

    private struct Pending: Sendable {
        let item: Item
        let key: [UInt8]
        let weight: Int
        let continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var writing = false
    }

    /// At most this many items in one statement.
    let maximumCount: Int
    /// At most this much weight (bytes of deposit bodies) in one statement; an item heavier than
    /// this alone goes alone.
    let maximumWeight: Int
    private let key: @Sendable (Item) -> [UInt8]
    private let weight: @Sendable (Item) -> Int
    private let write: Write
    private let state = Mutex(State())

    init(maximumCount: Int = 128, maximumWeight: Int = .max, key: @escaping @Sendable (Item) -> [UInt8],
         weight: @escaping @Sendable (Item) -> Int = { _ in 0 }, write: @escaping Write) {
        self.maximumCount = max(1, maximumCount)
        self.maximumWeight = maximumWeight
        self.key = key
        self.weight = weight
        self.write = write
    }

    /// Writes `item` in the next batch and returns its outcome once that batch has committed.
    func submit(_ item: Item) async throws -> Outcome {
        let key = key(item)
        let weight = weight(item)
        return try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.queue.append(Pending(item: item, key: key, weight: weight, continuation: continuation))
                if state.writing { return false }
                state.writing = true
                return true
            }
            if start { Task { await self.drain() } }
        }
    }

    /// Writes batches until the queue is empty.
    private func drain() async {
        while true {
            let batch = state.withLock { state in
                let batch = Self.take(from: &state.queue, maximumCount: maximumCount, maximumWeight: maximumWeight)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                let outcomes = try await write(batch.map(\.item))
                guard outcomes.count == batch.count else {
                    throw RelayStorageError("the database answered \(outcomes.count) of a batch of \(batch.count) writes")
                }
                for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(with: outcome) }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }

    /// The next batch, in arrival order: items are taken from the front of `queue` while the
    /// bounds allow, skipping (and leaving queued, in order) any whose key is already taken.
    private static func take(from queue: inout [Pending], maximumCount: Int, maximumWeight: Int) -> [Pending] {
        var batch: [Pending] = []
        var left: [Pending] = []
        var keys = Set<[UInt8]>()
        var weight = 0
        for (index, pending) in queue.enumerated() {
            if batch.count >= maximumCount || (!batch.isEmpty && weight + pending.weight > maximumWeight) {
                left += queue[index...]
                break
            }
            guard keys.insert(pending.key).inserted else {
                left.append(pending)
                continue
            }
            weight += pending.weight
            batch.append(pending)
        }
        queue = left
        return batch
    }
}
