import SealpostCore

/// A failure to report to the user: what went wrong, and what to do about it.
struct CLIError: Error {
    let message: String
    let hint: String?
    var exitCode: Int32 = 1

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    var rendered: String {
        var text = "sealpost: error: \(message)\n"
        if let hint { text += "sealpost: hint: \(hint)\n" }
        return text
    }

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
