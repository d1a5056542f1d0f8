import Foundation

/// The one way both executables report a failure on standard error, as age does:
///
///     sealpost: error: the agreement is not in force: missing signatures from test-csc
///     sealpost: hint: each listed party signs with: sealpost agreement sign
///
/// with the program's own name (`sealpost`, `sealpost-relay`) in front of every line.
public struct ErrorPrinter: Sendable {
    public let program: String

    public init(program: String) {
        self.program = program
    }

    /// The error's lines, each ending in a newline: the message, then the hint when there is one.
    public func rendered(_ error: CommandLineError) -> String {
        rendered(error.message, hint: error.hint)
    }

    public func rendered(_ message: String, hint: String?) -> String {
        var text = "\(program): error: \(message)\n"
        if let hint { text += "\(program): hint: \(hint)\n" }
        return text
    }

    /// Writes the error's lines to standard error.
    public func print(_ error: CommandLineError) {
        FileHandle.standardError.write(Data(rendered(error).utf8))
    }

    /// Writes an error that is not a CommandLineError: its description, with no hint.
    public func print(_ error: any Error) {
        FileHandle.standardError.write(Data(rendered("\(error)", hint: nil).utf8))
    }
}
