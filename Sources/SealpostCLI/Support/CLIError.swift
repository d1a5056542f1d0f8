import SealpostCommandLine
import SealpostCore

/// A failure to report to the user: what went wrong, and what to do about it. The same type as the
/// relay's, printed by the one `ErrorPrinter` as `sealpost: error:` and `sealpost: hint:` lines.
typealias CLIError = CommandLineError

extension CLIError {
    init(_ error: IdentityError) { self.init(error.reason, hint: error.hint) }

    init(_ failure: EnvelopeOpenFailure) {
        switch failure {
        case let .envelope(e): self.init(e.description, hint: e.hint)
        case let .io(e): self.init(e.description)
        }
    }

    init(_ error: SealError) {
        switch error {
        case let .invalid(reason): self.init("cannot seal: \(reason)")
        case let .io(e): self.init(e.description)
        }
    }
}
