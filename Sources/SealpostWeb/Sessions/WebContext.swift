import Hummingbird
import NIOCore

/// Per-request state: where the request came from, and the session once the session middleware
/// has found it.
public struct WebContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The visitor's session (signed in or not), when the request carried a live session cookie.
    var session: WebSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The remote address without its port, as sign-in throttling keys it.
    var remoteHost: String {
        switch remoteAddress {
        case .v4(let address)?: address.host
        case .v6(let address)?: address.host
        case .unixDomainSocket?: "unix"
        case nil: "unknown"
        }
    }
}
