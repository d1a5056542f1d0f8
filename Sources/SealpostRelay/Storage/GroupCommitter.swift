import GRDB
import Synchronization

/// Group commit: writes from concurrent requests share one transaction and one fsync.
///
/// Each write is queued with a continuation. While no commit is under way, the first write to
/// arrive starts a writer task; it takes everything queued, runs each write in its own savepoint
/// (so one write's failure undoes only that write), commits once, and only then resumes every
/// waiter, each with its own result. Writes that arrive during a commit wait for the next one, which
/// the same task starts as soon as the first is durable. At most one writer task exists at a time.
///
/// A waiter is resumed only after the transaction holding its write has committed, so with
/// `synchronous=FULL` in WAL mode anything a caller reports as done survives a crash or power cut.
/// If the commit itself fails (disk full, I/O error), every write of the batch fails with it and
/// none of them is half applied.
final class GroupCommitter: Sendable {
    private struct Pending: Sendable {
        let run: @Sendable (Database) -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var queue: [Pending] = []
        var committing = false
        var closed = false
    }

    private let writer: DatabasePool
    private let state = Mutex(State())
    private let observe: @Sendable (_ batchSize: Int, _ commit: Duration) -> Void

    init(writer: DatabasePool, observe: @escaping @Sendable (_ batchSize: Int, _ commit: Duration) -> Void = { _, _ in }) {
        self.writer = writer
        self.observe = observe
    }

    /// Runs `write` in the next batch and returns its result once that batch is durable.
    func submit<T: Sendable>(_ write: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let outcome = Outcome<T>()
            let pending = Pending(
                run: { db in
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try write(db)
                            return .commit
                        }
                        outcome.result = .success(value!)
                    } catch {
                        outcome.result = .failure(error)
                    }
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else {
                        continuation.resume(with: outcome.result ?? .failure(RelayStorageError("a write was never run")))
                    }
                })
            let startWriter: Bool? = state.withLock { state in
                guard !state.closed else { return nil }
                state.queue.append(pending)
                if state.committing { return false }
                state.committing = true
                return true
            }
            switch startWriter {
            case nil: continuation.resume(throwing: RelayStorageError("the relay's store is closed"))
            case true?: Task { await self.drain() }
            case false?: break
            }
        }
    }

    /// Refuses further writes; those already queued still commit.
    func close() {
        state.withLock { $0.closed = true }
    }

    private func drain() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = state.queue
                state.queue.removeAll(keepingCapacity: true)
                if batch.isEmpty { state.committing = false }
                return batch
            }
            if batch.isEmpty { return }
            let started = ContinuousClock.now
            do {
                try await writer.write { db in
                    for pending in batch { pending.run(db) }
                }
                observe(batch.count, ContinuousClock.now - started)
                for pending in batch { pending.finish(nil) }
            } catch {
                for pending in batch { pending.finish(error) }
            }
        }
    }
}

/// One write's result, set on the database writer's queue and read after the commit that
/// follows it: the commit's completion orders the two accesses.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
