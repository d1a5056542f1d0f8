import ArgumentParser
import Foundation

/// `sealpost-relay`: the store-and-forward relay (spec/relay.md). The work lives in SealpostRelay.
@main
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealpost-relay",
        abstract: "The Sealpost store-and-forward relay.",
        subcommands: [ServeCommand.self, BenchCommand.self])
}

/// A failure the user can act on: printed as `sealpost-relay: error:` and `sealpost-relay: hint:` lines.
struct RelayCommandError: Error {
    let message: String
    let hint: String?
    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, printing a RelayCommandError (or any other error) the Sealpost way and exiting 1.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RelayCommandError {
            printError(error.message, hint: error.hint)
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("\(error)", hint: nil)
            throw ExitCode(1)
        }
    }

    func printError(_ message: String, hint: String?) {
        var text = "sealpost-relay: error: \(message)\n"
        if let hint { text += "sealpost-relay: hint: \(hint)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
