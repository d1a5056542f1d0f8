import ArgumentParser
import Foundation
import Logging
import SealpostCore
import SealpostExchange
import SealpostWeb

/// `sealpost web`: the practitioners' app for one agency's home, in a browser.
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the practitioners' web app for this agency's home.",
        discussion: """
        Practitioners sign in with their own name and passphrase; the agency's keys stay in this \
        process and nothing cryptographic runs in the browser. It listens on 127.0.0.1 only unless \
        --tls-cert and --tls-key are given (TLS 1.3). A signed-in session locks after --idle-timeout \
        seconds without use (15 minutes by default) and its key is wiped. Stop it with Ctrl-C.
        """)

    @Option(name: .long, help: ArgumentHelp("The agency's home folder (default: $SEALPOST_HOME, else ~/.sealpost).", valueName: "DIR"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "ADDRESS"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0 for any free port).", valueName: "PORT"))
    var port = 8080

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain, leaf first (needs --tls-key).", valueName: "FILE"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The certificate's PEM private key.", valueName: "FILE"))
    var tlsKey: String?

    @Option(name: .customLong("public-host"),
            help: ArgumentHelp("A host name the app is reached by besides the address it listens on (repeat for several).", valueName: "NAME"))
    var publicHosts: [String] = []

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds without use before a session locks (10-86400).", valueName: "SECONDS"))
    var idleTimeout: Int64 = 900

    @OptionGroup var relayOptions: RelayOptions

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    func run() async throws {
        let home = Home.resolve(option: self.home)
        guard home.exists else { throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init") }
        do { try home.checkPrivate() } catch { throw CLIError(error) }
        var configuration = WebConfiguration(home: home)
        configuration.host = host
        configuration.port = port
        configuration.publicHosts = publicHosts
        configuration.idleTimeout = idleTimeout
        configuration.relay = RelayAccess(override: relayOptions.relayOverride, caFile: relayOptions.caFile, retry: relayOptions.retry)
        if let tlsCert, let tlsKey { configuration.tls = .init(certificatePath: tlsCert, keyPath: tlsKey) }
        if let problem = configuration.problem() { throw CLIError(problem.message, hint: problem.hint) }
        let logger = ExchangeLog.standardError(level: ProcessInfo.processInfo.environment["SEALPOST_LOG"] ?? "info")
        let scheme = tlsCert == nil ? "http" : "https"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let app: any ApplicationProtocolBox
        do {
            app = try await WebServer.build(configuration, logger: logger) { bound in
                FileHandle.standardOutput.write(Data("sealpost web: serving \(home.path) at \(scheme)://\(shownHost):\(bound)/\n".utf8))
            }
        } catch let error as WebError {
            throw CLIError(error.message, hint: error.hint)
        }
        try await app.run()
    }
}
