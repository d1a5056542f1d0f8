import Hummingbird
import Logging

/// A built app the command line can run without naming Hummingbird's types.
public protocol ApplicationProtocolBox: Sendable {
    func run() async throws
}

public enum WebServer {
    struct Box<App: ApplicationProtocol>: ApplicationProtocolBox, @unchecked Sendable {
        let app: App
        func run() async throws { try await app.runService() }
    }

    /// Builds `sealpost web` for `configuration`; `onListening` gets the bound port.
    public static func build(_ configuration: WebConfiguration, logger: Logger,
                             onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws -> any ApplicationProtocolBox {
        Box(app: try await buildWebApplication(configuration, logger: logger, onListening: onListening))
    }
}
