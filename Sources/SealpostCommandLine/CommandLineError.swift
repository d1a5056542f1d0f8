/// A failure the user can act on, from either executable: what went wrong and, when there is one,
/// what to do about it. `ErrorPrinter` prints it as `PROGRAM: error: ...` then `PROGRAM: hint: ...`.
///
/// Invariant: the message and hint never carry a secret, plaintext or protected identity; they name
/// files, flags, ids and reasons only (the house rule for every error and log line).
public struct CommandLineError: Error, Sendable {
    public let message: String
    public let hint: String?
    /// The process's exit status when this error ends it.
    public var exitCode: Int32 = 1

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
