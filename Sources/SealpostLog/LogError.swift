import SealpostCore

/// A receipt log that cannot be opened or written, with what to do about it.
public struct LogError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public let hint: String?

    public init(_ reason: String, hint: String? = nil) { self.reason = reason; self.hint = hint }
    init(_ error: IOError, while doing: String) {
        self.init("could not \(doing): \(error)", hint: "check that the home folder is writable and the disk is not full; nothing half-written was kept")
    }
    public var description: String { reason }
}
