import Synchronization

/// Bounds the bytes of deposit bodies being received at once, across every connection.
///
/// A deposit is held in memory while it is hashed and stored (about twice its size at the peak),
/// so without a bound the connection cap times the envelope limit would be the relay's memory:
/// 1024 connections of 16 MiB is 32 GiB. A deposit reserves its declared length before any of its
/// body is read, or a chunked body each chunk as it arrives, and gives the bytes back when it is
/// answered. A reservation that would pass `capacity` is refused whole: the deposit is answered
/// `503 busy` with `Retry-After`, and the client tries again later.
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
