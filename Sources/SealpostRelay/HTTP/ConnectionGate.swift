import Synchronization

/// Holds the relay to at most `capacity` connections being served at once.
///
/// Hummingbird stops accepting once its own count reaches the cap, but one accept round can take
/// several sockets at once; the gate makes the cap exact. A connection that arrives when the gate
/// is full is admitted, first come first served, when another closes; until then nothing is read
/// from it, so it costs a socket and no more.
final class ConnectionGate: Sendable {
    private struct State {
        var open = 0
        var nextTicket = 0
        var waiting: [(ticket: Int, admit: @Sendable () -> Void)] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    enum Entry {
        case admitted
        /// Queued; `admit` will be called when there is room. `ticket` withdraws it.
        case waiting(ticket: Int)
    }

    func enter(whenAdmitted admit: @escaping @Sendable () -> Void) -> Entry {
        state.withLock { state in
            if state.open < capacity {
                state.open += 1
                return .admitted
            }
            state.nextTicket += 1
            state.waiting.append((state.nextTicket, admit))
            return .waiting(ticket: state.nextTicket)
        }
    }

    /// A connection that was waiting has gone.
    func withdraw(_ ticket: Int) {
        state.withLock { $0.waiting.removeAll { $0.ticket == ticket } }
    }

    /// An admitted connection has closed: the first waiting one takes its place.
    func leave() {
        let next: (@Sendable () -> Void)? = state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.open -= 1
                return nil
            }
            return state.waiting.removeFirst().admit
        }
        next?()
    }
}
