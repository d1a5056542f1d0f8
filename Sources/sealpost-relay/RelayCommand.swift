import ArgumentParser
import SealpostCommandLine

/// `sealpost-relay`: the store-and-forward relay (spec/relay.md). The work lives in SealpostRelay.
/// Failures print as `sealpost-relay: error:` and `sealpost-relay: hint:` lines and exit 1.
@main
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealpost-relay",
        abstract: "The Sealpost store-and-forward relay.",
        subcommands: [ServeCommand.self, ReloadCommand.self, BackupCommand.self, BenchCommand.self])

    static func main() async {
        await runReportingErrors()
    }
}
