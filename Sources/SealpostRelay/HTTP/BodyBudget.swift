import Synchronization

/// Bounds the bytes of deposit bodies held in memory at once, across every connection.
///
/// A deposit streams into the store in chunks (`DepositReceiving`), holding at most one chunk
/// (1 MiB; about twice that at the peak, while a chunk is written), so without a bound the
/// connection cap times one chunk would be the relay's memory: 1024 connections is 2 GiB. A
/// deposit reserves its declared length, up to one chunk, before any of its body is read, or a
/// chunked body its buffer as it grows, and gives the bytes back when it is answered. A
/// reservation that would pass `capacity` is refused whole: the deposit is answered `503 busy`
/// with `Retry-After`, and the client tries again later.
final class BodyBudget: Sendable {
    let capacity: Int
    private let inFlight = Mutex(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Takes `bytes` from the budget; false, taking nothing, when that would pass the capacity.
    func reserve(_ bytes: Int) -> Bool {
        inFlight.withLock { used in
            guard bytes <= capacity - used else { return false }
            used += bytes
            return true
        }
    }

    func release(_ bytes: Int) {
        inFlight.withLock { $0 -= bytes }
    }

    /// Bytes reserved now.
    var used: Int { inFlight.withLock { $0 } }
}
