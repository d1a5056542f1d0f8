import SealpostCore
import Synchronization

/// What a request's handler learnt that the edge middleware logs once the response is made: the
/// envelope (by its id's first 8 bytes) and its size. Shared by reference because the context is
/// copied on its way down the middleware chain.
final class RequestTrace: Sendable {
    private struct Notes {
        var agency: String?
        var envelope: String?
        var size: Int?
    }

    private let notes = Mutex(Notes())

    func note(envelope: EnvelopeID, size: Int?) {
        notes.withLock {
            $0.envelope = envelope.shortForm
            $0.size = size
        }
    }

    func note(agency: String) {
        notes.withLock { $0.agency = agency }
    }

    var agency: String? { notes.withLock { $0.agency } }
    var envelope: String? { notes.withLock { $0.envelope } }
    var size: Int? { notes.withLock { $0.size } }
}
