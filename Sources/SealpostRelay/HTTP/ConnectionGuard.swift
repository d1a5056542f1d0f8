import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// One per connection, after the HTTP decoder: bounds how long a request may take to arrive.
///
/// - From the connection's start, a complete request head must arrive within `headerTimeout`;
///   after each response, the next within `idleTimeout`. Bytes that never finish a head do not
///   reset either clock, so a client sending one byte at a time is cut off all the same.
/// - From a request's head, its whole body must arrive within `bodyTimeout` (the read timeout).
/// - A response marked `Connection: close` closes the connection once written, so a refused
///   upload is not read to its end.
/// - Once the outgoing buffer is full (the client is not reading its answers), it must drain within
///   `writeTimeout`, whether or not a request is being answered.
/// - At most `maximumPipelined` requests may wait for their answers; past that nothing more is read
///   until one is written, so a client that pipelines and never reads holds a bounded amount of memory.
/// - Nothing is read from the connection until the `ConnectionGate` admits it, and no deadline
///   runs until then.
/// When a deadline passes the connection is closed. A request being answered is timed only by the
/// write timeout. Its handler also puts an `HTTP1Persistence` before the HTTP types codec.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let writeTimeout: TimeAmount
    private let maximumPipelined: Int
    private let metrics: RelayMetrics
    private let gate: ConnectionGate
    private var deadline: Scheduled<Void>?
    /// Runs while the outgoing buffer is over its high-water mark.
    private var writeDeadline: Scheduled<Void>?
    private enum Admission { case notYet, waiting(ticket: Int), admitted, left }
    private var admission = Admission.notYet
    /// A read asked for before admission, or while too many answers were owed, to pass on later.
    private var readPending = false
    /// Requests whose head has arrived and whose response is not yet written.
    private var pending = 0
    private var closeAfterResponse = false

    init(limits: RelayLimits, metrics: RelayMetrics, gate: ConnectionGate) {
        headerTimeout = TimeAmount(limits.headerTimeout)
        idleTimeout = TimeAmount(limits.idleTimeout)
        bodyTimeout = TimeAmount(limits.bodyTimeout)
        writeTimeout = TimeAmount(limits.writeTimeout)
        maximumPipelined = limits.maximumPipelinedRequests
        self.metrics = metrics
        self.gate = gate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        if let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? pipeline.addHandler(HTTP1Persistence(), position: .after(decoder))
        }
        if context.channel.isActive { started(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        started(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        ended()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        ended()
    }

    func read(context: ChannelHandlerContext) {
        guard case .admitted = admission, pending < maximumPipelined else {
            readPending = true
            return
        }
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            writeDeadline?.cancel()
            writeDeadline = nil
        } else if writeDeadline == nil {
            writeDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: writeTimeout) {
                context.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            pending += 1
            arm(context, bodyTimeout)
        case .body:
            break
        case .end:
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            pending = max(0, pending - 1)
            if closeAfterResponse {
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
                return
            }
            if pending == 0 { arm(context, idleTimeout) }
            context.write(data, promise: promise)
            if readPending, case .admitted = admission, pending < maximumPipelined {
                readPending = false
                context.read()
            }
        }
    }

    private func started(_ context: ChannelHandlerContext) {
        guard case .notYet = admission else { return }
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        switch gate.enter(whenAdmitted: {
            eventLoop.execute {
                let (handler, context) = loopBound.value
                if case .waiting = handler.admission { handler.admitted(context) } else { handler.gate.leave() }
            }
        }) {
        case .admitted: admitted(context)
        case .waiting(let ticket): admission = .waiting(ticket: ticket)
        }
    }

    private func admitted(_ context: ChannelHandlerContext) {
        admission = .admitted
        metrics.connectionOpened()
        arm(context, headerTimeout)
        if readPending {
            readPending = false
            context.read()
        }
    }

    private func ended() {
        disarm()
        writeDeadline?.cancel()
        writeDeadline = nil
        switch admission {
        case .admitted:
            metrics.connectionClosed()
            gate.leave()
        case .waiting(let ticket):
            gate.withdraw(ticket)
        case .notYet, .left:
            break
        }
        admission = .left
    }

    private func arm(_ context: ChannelHandlerContext, _ amount: TimeAmount) {
        disarm()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: amount) {
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(duration.nanoseconds)
    }
}
