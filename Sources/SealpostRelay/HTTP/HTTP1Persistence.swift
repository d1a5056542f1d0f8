import NIOCore
import NIOHTTP1

/// Carries what HTTP/1 says about the connection's persistence into the version-free request the
/// routes see, which no longer knows its HTTP version (RFC 9112 §9.3):
///
/// - A request that does not keep the connection alive (HTTP/1.0 without `Connection: keep-alive`,
///   or any `Connection: close`) leaves with exactly `Connection: close`, so Hummingbird ends the
///   connection after it, and `EdgeMiddleware` says so in the answer.
/// - An HTTP/1.0 request loses any `Expect` header: a relay must not send `100 Continue` to an
///   HTTP/1.0 client (RFC 9110 §10.1.1).
///
/// Sits between the HTTP/1 decoder and the codec to HTTP types; `ConnectionGuard` puts it there.
final class HTTP1Persistence: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        if !head.isKeepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        if head.version.major == 1, head.version.minor == 0 { head.headers.remove(name: "expect") }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
