import ArgumentParser
import Foundation

extension AsyncParsableCommand {
    /// Parses `arguments` as this root command's, runs the chosen command (awaiting it when it is
    /// async, so no command needs a bridge of its own to async code), and exits.
    ///
    /// Exit status: 0 on success; a `CommandLineError` prints through `ErrorPrinter` under the root
    /// command's name and exits with its `exitCode`; usage errors, `--help`, `ValidationError` and
    /// `ExitCode` go to ArgumentParser as usual (usage errors exit 64); any other error prints as
    /// `PROGRAM: error: DESCRIPTION` and exits 1.
    public static func runReportingErrors(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()))
        async -> Never {
        let printer = ErrorPrinter(program: configuration.commandName ?? String(describing: Self.self).lowercased())
        var command: any ParsableCommand
        do {
            command = try await asyncParseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let error as CommandLineError {
            printer.print(error)
            Foundation.exit(error.exitCode)
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch let error as ValidationError {
            exit(withError: error)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // `--help` and `help SUBCOMMAND` parse into ArgumentParser's own help command, whose run
            // throws its internal CommandError: ArgumentParser prints the help and exits 0.
            exit(withError: error)
        } catch {
            printer.print(error)
            Foundation.exit(1)
        }
    }
}
