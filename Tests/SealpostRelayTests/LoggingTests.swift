import Foundation
import Logging
import Synchronization
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium

/// Keeps every log line, message and metadata, as text.
final class CapturedLog: Sendable {
    private let lines = Mutex([String]())

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
    var count: Int { lines.withLock { $0.count } }

    var logger: Logger {
        var logger = Logger(label: "sealpost-relay-test") { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.append("\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) \(event.source) \(event.file):\(event.line)")
        }
    }
}

@Suite("THREATS 30: process logs")
struct LoggingTests {
    @Test("the relay's log says what happened, with ids and sizes, and never envelope bytes or keys", arguments: TestStore.all)
    func noSecrets(store: TestStore) async throws {
        let log = CapturedLog()
        let marker = Array("Tafadzwa Moyo, 14 Orchard Close, disclosed on 3 March".utf8)
        let body = Array("SEALPOST".utf8) + [UInt8](repeating: 1, count: 40) + marker + RandomBytes.make(count: 2000)
        let id = idOf(body)
        let signedHeaders = Locked([(String, String)]())
        try await withRelay(store: store, logger: log.logger) { (relay: RunningRelay, _: TemporaryFolder) async throws in
            let school = SignedClient(relay, as: Party.school)
            let mash = SignedClient(relay, as: Party.mash)
            #expect(try await school.deposit(body, to: [Party.mash]).status == 201)
            #expect(try await school.deposit(body, to: [Party.mash]).status == 200)
            #expect(try await mash.fetch(id).body == body)
            #expect(try await school.status(id).status == 200)
            #expect(try await mash.delete(id).status == 204)
            // Failures too: a tampered body, a replay, a stranger, a skewed clock.
            var changed = body
            changed[60] ^= 1
            let target = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
            #expect(try await school.send(.POST, target, body: changed, headers: school.signatureHeaders(method: "POST", target: target, body: body)).status == 401)
            #expect(try await SignedClient(relay, as: Party.outsider).list().status == 401)
            signedHeaders.update { $0 = mash.signatureHeaders(method: "GET", target: RelayAPI.Path.mailbox, body: []) }
            #expect(try await mash.send(.GET, RelayAPI.Path.mailbox, headers: signedHeaders.value).status == 200)
            #expect(try await SignedClient(relay, as: Party.mash, clock: { RelayConfiguration.systemClock() + 900 }).list().status == 401)
        }
        let text = log.text
        #expect(log.count > 5)
        #expect(text.contains("deposit stored"))
        #expect(text.contains(String(id.prefix(16))), "envelope ids appear by prefix")
        #expect(text.contains("size=\(body.count)"))
        #expect(!text.contains(id), "never the whole id")

        let forbidden: [(String, String)] = [
            ("the record text", String(decoding: marker, as: UTF8.self)),
            ("part of the record text", "Orchard Close"),
            ("envelope bytes in hex", Hex.encode(Array(body[48..<80]))),
            ("envelope bytes in base64", Data(body[48..<96]).base64EncodedString()),
        ] + Party.members.flatMap { identity in
            [("\(identity.agencyID)'s signing seed", Hex.encode(identity.signingKey.seed.withUnsafeBytes { Array($0) })),
             ("\(identity.agencyID)'s box key", Hex.encode(identity.boxKey.rawRepresentation.withUnsafeBytes { Array($0) }))]
        }
        for (name, value) in signedHeaders.value where name != RelayAPI.Header.agency && name != RelayAPI.Header.timestamp {
            #expect(!text.contains(value), "the log holds the \(name) header")
        }
        #expect(!signedHeaders.value.isEmpty)
        for (what, secret) in forbidden {
            #expect(!text.contains(secret), "the log holds \(what)")
            #expect(!text.lowercased().contains(secret.lowercased()), "the log holds \(what)")
        }
    }
}
