import SealpostAgreement
import SealpostCore
import SealpostRecord
import Synchronization

/// The agreement edition in force in this relay, replaced without a restart when a newer edition
/// passes every check it would have to pass at start (spec/relay.md §Agreement editions).
///
/// Invariants: the edition in force always passed `RelayConfiguration.checkAgreement` when it was
/// taken; its version never goes down; it changes only to another edition of the same agreement id
/// (an equal version only with identical bytes, which changes nothing). A request reads `current`
/// once, at authentication, and is judged by that snapshot to its end, so a reload never changes the
/// rules under a request in flight.
final class AgreementEditions: Sendable {
    /// One edition as the relay uses it.
    struct Edition: Sendable {
        let signed: SignedAgreement
        let parties: PartyDirectory
        var id: String { signed.agreement.id }
        var version: Int64 { signed.agreement.version }

        init(_ signed: SignedAgreement) {
            self.signed = signed
            parties = PartyDirectory(signed)
        }
    }

    /// What became of an offered edition.
    enum Outcome: Sendable, Equatable {
        /// It is now in force, replacing `previous`.
        case adopted(previous: Int64, now: Int64)
        /// It is the edition already in force.
        case unchanged
    }

    private let state: Mutex<Edition>
    private let identity: Identity
    private let clock: @Sendable () -> Int64

    /// `initial` must already have passed `RelayConfiguration.validate()`.
    init(initial: SignedAgreement, identity: Identity, clock: @escaping @Sendable () -> Int64) {
        state = Mutex(Edition(initial))
        self.identity = identity
        self.clock = clock
    }

    /// The edition in force now.
    var current: Edition { state.withLock { $0 } }

    /// Puts `candidate` in force if it passes the checks of a start and is newer than the edition in
    /// force; otherwise throws saying why, and the edition in force stays.
    @discardableResult
    func offer(_ candidate: SignedAgreement) throws(RelayConfigurationError) -> Outcome {
        let today = CalendarDate.today(now: Double(clock()))
        try RelayConfiguration.checkAgreement(candidate, identity: identity, today: today)
        let offered = Edition(candidate)
        let result: Result<Outcome, RelayConfigurationError> = state.withLock { held in
            guard offered.id == held.id else {
                return .failure(RelayConfigurationError(
                    "agreement \(held.id) is in force; the offered file is agreement \(offered.id)",
                    hint: "a relay serves one partnership; run another relay for another agreement"))
            }
            if offered.version == held.version {
                guard offered.signed.agreement.canonicalBytes == held.signed.agreement.canonicalBytes else {
                    return .failure(RelayConfigurationError(
                        "a different agreement \(held.id) version \(held.version) is already in force",
                        hint: "a changed agreement needs a higher version; version \(held.version) stays in force"))
                }
                return .success(.unchanged)
            }
            guard offered.version > held.version else {
                return .failure(RelayConfigurationError(
                    "refusing to roll agreement \(held.id) back from version \(held.version) to \(offered.version)",
                    hint: "version \(held.version) stays in force"))
            }
            let previous = held.version
            held = offered
            return .success(.adopted(previous: previous, now: offered.version))
        }
        return try result.get()
    }
}
