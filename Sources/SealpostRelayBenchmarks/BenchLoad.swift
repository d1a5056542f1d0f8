import Foundation
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium
import Synchronization

/// The agencies' traffic and its tally. Each agency is one thread with one keep-alive connection
/// and plain blocking sockets: the leanest client that still sends every request signed, so that as
/// much of the machine as possible is left to the relay.
///
/// Signing is the client's largest cost (an Ed25519 signature per request, and a BLAKE2b hash of
/// each envelope). With `presign` > 0 each agency signs its first `presign` cycles' requests (the
/// deposits, listings, and the fetches and deletes of what the previous agency will send it, whose
/// ids are known beforehand: envelope n of agency a is its template with n in bytes 8..<16) before
/// the timed phase, every one with its own nonce and the time of signing, and sends them as they
/// are; past its stock it signs as it goes, and the tally counts those. The relay checks every
/// request in full either way: the signatures are as valid as ever, only made earlier (within
/// seconds, far inside the 300 s the relay allows).
final class BenchLoad: Sendable {
    struct Tally {
        var deposits = 0, fetches = 0, deletes = 0, lists = 0, failures = 0
        /// Requests sent signed before the timed phase, and signed as they were sent (the whole run).
        var presigned = 0, signedLive = 0
        var latencies: [Int64] = []
    }

    typealias Headers = [(name: String, value: String)]

    let agencies: [Identity]
    let endpoint: BenchConnection.Endpoint
    let size: Int
    let collect: Bool
    let presign: Int
    let tally = Mutex(Tally())
    /// The agency threads' CPU clocks, for the bench's accounting (`CPUAccounting`).
    let clocks: ClientThreadClocks
    /// Each agency's envelopes: this template with a counter in bytes 8..<16.
    let templates: [[UInt8]]
    /// The counters of the envelopes each agency has been sent and not yet collected: the bench's
    /// stand-in for its inbox listing.
    private let inboxes: [Inbox]

    init(agencies: [Identity], endpoint: BenchConnection.Endpoint, size: Int, collect: Bool, presign: Int,
         clocks: ClientThreadClocks = ClientThreadClocks()) {
        (self.agencies, self.endpoint, self.size, self.collect, self.presign) = (agencies, endpoint, size, collect, presign)
        self.clocks = clocks
        templates = agencies.map { _ in Array("SEALPOST".utf8) + RandomBytes.make(count: size - 8) }
        inboxes = agencies.map { _ in Inbox() }
    }

    /// Signs each agency's stock (on its own thread), then calls `started` with the instants the
    /// warm-up ends and the run ends, and drives the load until then. Returns when every agency is done.
    func run(warmUp: Duration, measured: Duration,
             started: @escaping @Sendable (_ measureFrom: ContinuousClock.Instant, _ until: ContinuousClock.Instant) -> Void) async {
        let ready = Mutex((waiting: agencies.count, times: (ContinuousClock.now, ContinuousClock.now)))
        let go = DispatchSemaphore(value: 0)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let remaining = Mutex(agencies.count)
            for index in agencies.indices {
                Thread.detachNewThread {
                    let clock = self.clocks.enter()
                    defer { self.clocks.leave(clock) }
                    var stock = self.sign(index)
                    let last = ready.withLock { state -> Bool in
                        state.waiting -= 1
                        guard state.waiting == 0 else { return false }
                        let from = ContinuousClock.now + warmUp
                        state.times = (from, from + measured)
                        return true
                    }
                    if last {
                        let (from, until) = ready.withLock { $0.times }
                        started(from, until)
                        for _ in 1..<self.agencies.count { go.signal() }
                    } else {
                        go.wait()
                    }
                    let (from, until) = ready.withLock { $0.times }
                    self.agency(index, stock: &stock, measureFrom: from, until: until)
                    if remaining.withLock({ count -> Bool in count -= 1; return count == 0 }) { continuation.resume() }
                }
            }
        }
    }

    /// One agency's requests signed before the timed phase, used in order.
    private struct Stock {
        var deposits: [Headers] = []
        var lists: [Headers] = []
        /// By the counter of the previous agency's envelope they fetch and delete.
        var fetches: [Headers] = []
        var deletes: [Headers] = []
        var nextList = 0
    }

    private func envelope(of agency: Int, _ counter: UInt64) -> [UInt8] {
        var body = templates[agency]
        withUnsafeBytes(of: counter.bigEndian) { body.replaceSubrange(8..<16, with: $0) }
        return body
    }

    private func headers(_ identity: Identity, _ method: String, _ target: String, body: [UInt8]) -> Headers {
        let signed = SignedRequest.make(agency: identity.agencyID, method: method, target: target, host: endpoint.host,
                                        timestamp: RelayConfiguration.systemClock(), body: body)
        var headers = signed.headers(signedWith: identity.signingKey)
        if !body.isEmpty { headers.append(("Content-Type", RelayAPI.envelopeMediaType)) }
        return headers
    }

    private var depositTargets: [String] {
        agencies.indices.map { RelayAPI.Path.envelopes + "?to=" + agencies[($0 + 1) % agencies.count].agencyID }
    }

    private static let listTarget = RelayAPI.Path.mailbox + "?limit=10"

    private func sign(_ index: Int) -> Stock {
        var stock = Stock()
        guard presign > 0 else { return stock }
        let me = agencies[index]
        let previous = (index + agencies.count - 1) % agencies.count
        let target = RelayAPI.Path.envelopes + "?to=" + agencies[(index + 1) % agencies.count].agencyID
        for counter in 1...UInt64(presign) {
            stock.deposits.append(headers(me, "POST", target, body: envelope(of: index, counter)))
            guard collect else { continue }
            stock.lists.append(headers(me, "GET", Self.listTarget, body: []))
            let id = EnvelopeID(of: envelope(of: previous, counter)).description
            stock.fetches.append(headers(me, "GET", RelayAPI.Path.mailboxEntry(id), body: []))
            stock.deletes.append(headers(me, "DELETE", RelayAPI.Path.mailboxEntry(id), body: []))
        }
        return stock
    }

    private func agency(_ index: Int, stock: inout Stock, measureFrom: ContinuousClock.Instant, until: ContinuousClock.Instant) {
        let me = agencies[index]
        let next = (index + 1) % agencies.count
        let connection = BenchConnection(endpoint)
        defer { connection.close() }
        var local = Tally()
        var counter: UInt64 = 0
        let depositTarget = depositTargets[index]
        /// The stocked headers at `position` (from 1) of `list`, or headers signed now.
        func signed(_ list: [Headers], _ position: Int, _ method: String, _ target: String, body: [UInt8]) -> Headers {
            if position >= 1, position <= list.count {
                local.presigned += 1
                return list[position - 1]
            }
            local.signedLive += 1
            return headers(me, method, target, body: body)
        }
        while true {
            let now = ContinuousClock.now
            if now >= until { break }
            let measuring = now >= measureFrom
            counter += 1
            let body = envelope(of: index, counter)
            let depositHeaders = signed(stock.deposits, Int(counter), "POST", depositTarget, body: body)
            let started = ContinuousClock.now
            if connection.exchange(method: "POST", target: depositTarget, headers: depositHeaders, body: body) == 201 {
                let elapsed = ContinuousClock.now - started
                // The envelope id is the signed content hash: no second hash of the body.
                if collect, let id = depositHeaders.first(where: { $0.name == RelayAPI.Header.contentHash })?.value {
                    inboxes[next].received.withLock { $0.append((counter, id)) }
                }
                if measuring {
                    local.deposits += 1
                    local.latencies.append(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                }
            } else if measuring {
                local.failures += 1
            }
            guard collect else { continue }
            // A full cycle: list the mailbox, fetch and delete what came in.
            stock.nextList += 1
            let listHeaders = signed(stock.lists, stock.nextList, "GET", Self.listTarget, body: [])
            let listed = connection.exchange(method: "GET", target: Self.listTarget, headers: listHeaders, body: [])
            if measuring { if listed == 200 { local.lists += 1 } else { local.failures += 1 } }
            if let received = inboxes[index].received.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                let target = RelayAPI.Path.mailboxEntry(received.id)
                let fetchHeaders = signed(stock.fetches, Int(received.counter), "GET", target, body: [])
                let fetched = connection.exchange(method: "GET", target: target, headers: fetchHeaders, body: [])
                let deleteHeaders = signed(stock.deletes, Int(received.counter), "DELETE", target, body: [])
                let deleted = connection.exchange(method: "DELETE", target: target, headers: deleteHeaders, body: [])
                if measuring {
                    if fetched == 200 { local.fetches += 1 } else { local.failures += 1 }
                    if deleted == 204 { local.deletes += 1 } else { local.failures += 1 }
                }
            }
        }
        let finished = local
        tally.withLock { tally in
            tally.deposits += finished.deposits
            tally.fetches += finished.fetches
            tally.deletes += finished.deletes
            tally.lists += finished.lists
            tally.failures += finished.failures
            tally.presigned += finished.presigned
            tally.signedLive += finished.signedLive
            tally.latencies += finished.latencies
        }
    }
}

private final class Inbox: Sendable {
    let received = Mutex([(counter: UInt64, id: String)]())
}
