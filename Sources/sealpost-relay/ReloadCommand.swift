import ArgumentParser
import SealpostCommandLine
import SealpostRelay

/// `sealpost-relay reload`: tells a running relay to read its agreement and TLS files again.
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Make a running relay take a new agreement edition and TLS certificate, without a restart.",
        discussion: """
            Sends SIGHUP to the relay whose process id is in --pid-file (written by serve --pid-file). The relay \
            reads its agreement file and checks the edition exactly as at start: an edition that is forged, \
            incomplete, not in force today, older than the one in force (a rollback), or that drops the relay \
            operator is refused in its log, and the edition in force stays. An adopted edition is recorded in \
            the database, where every other instance over it takes it within seconds. Requests already in \
            flight finish under the edition they started with. Under systemd: systemctl reload sealpost-relay.
            """)

    @Option(name: .long, help: ArgumentHelp("The pid file the relay was started with (serve --pid-file).", valueName: "FILE"))
    var pidFile: String

    func run() async throws {
        do {
            let pid = try RelayProcessControl.signalReload(pidFile: pidFile)
            print("sent SIGHUP to sealpost-relay process \(pid): its log says 'agreement edition adopted' or why the edition was refused")
        } catch {
            throw CommandLineError(error.message, hint: error.hint)
        }
    }
}
