import Hummingbird
import NIOCore
import SealpostProtocol

/// Per-request state: where the request came from and, once the signature has been checked,
/// who sent it.
public struct RelayRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The connection, for the one answer a route writes before its final one: `100 Continue`.
    let channel: any Channel
    /// Set by `AuthenticationMiddleware` for every route but health.
    var caller: Caller?
    /// What the handler noted for the request log.
    let trace = RequestTrace()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// The remote address without its port, as rate limits key it.
    var remoteHost: String {
        switch remoteAddress {
        case .v4(let address)?: address.host
        case .v6(let address)?: address.host
        case .unixDomainSocket?: "unix"
        case nil: "unknown"
        }
    }
}

/// An agency whose request signature verified, what it signed, and the agreement edition that
/// was in force when it was checked: the request is judged by that edition to its end.
struct Caller: Sendable {
    let agency: String
    let request: SignedRequest
    let parties: PartyDirectory
}
