#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostProtocol
import SealpostRecord
import SealpostRelay
import SealpostSodium
import Testing

/// The THREATS.md rows the client answers for, each against a real relay.
@Suite(.serialized) struct ExchangeThreatTests {
    /// An envelope altered in the relay's SQLite database is refused by open, and nothing is stored:
    /// both when only its bytes change (they no longer hash to the id asked for) and when the id is
    /// rewritten to match (the cryptography refuses it).
    @Test func envelopeTamperedInTheRelayDatabaseIsRefused() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))

            // 1. Flip one byte of the stored body.
            await relay.stop()
            var bytes = try sqliteBody(relay.databasePath, folder: folder)
            bytes[bytes.count / 2] ^= 0x01
            try sqliteSetBody(relay.databasePath, bytes, folder: folder)
            try await relay.restart()
            let refused = await exchangeError { _ = try await mash.withSession(relay) { try await Receive.open(id, session: $0) } }
            #expect(refused?.code == .envelope)
            #expect(refused?.message.contains("not envelope") == true)
            #expect(try mash.context.inbox.entries().isEmpty)
            #expect(StoreFilesProbe.names(mash.home.path + "/inbox").isEmpty)

            // 2. Rewrite the id to the altered bytes' hash, as a relay that meant it would.
            await relay.stop()
            let forgedID = EnvelopeID(of: bytes)
            try sqlite(relay.databasePath, "UPDATE envelope SET id = X'\(forgedID.description)' WHERE id = X'\(id.description)';")
            try await relay.restart()
            try await mash.withSession(relay) { session in
                let listing = try await InboxListing.list(session: session)
                guard case .refused(let reason)? = listing.items.first?.status else {
                    Issue.record("the altered envelope is not listed as refused"); return
                }
                #expect(reason.message.contains("could not be authenticated"))
                let error = await exchangeError { _ = try await Receive.open(forgedID, session: session) }
                #expect(error?.code == .envelope)
                #expect(error?.message.contains("could not be authenticated") == true)
            }
            #expect(try mash.context.inbox.entries().isEmpty)
            #expect(StoreFilesProbe.names(mash.home.path + "/inbox").isEmpty)
            #expect(try mash.context.acks.entries().isEmpty)
        }
    }

    /// THREATS row 17: a signed request sent twice is refused the second time (401 replayed); a
    /// signature moved to another path is refused too. Sent with URLSession, so the client's own
    /// fresh signing cannot hide a replay.
    @Test func replayedRequestIsRefused() async throws {
        try await withRelay { relay in
            let url = URL(string: relay.url + RelayAPI.Path.mailbox)!
            let host = "127.0.0.1:\(relay.running.port)"
            let signed = SignedRequest.make(agency: Fixture.mash.agencyID, method: "GET", target: RelayAPI.Path.mailbox, host: host,
                                            timestamp: Int64(Date().timeIntervalSince1970), body: [])
            var request = URLRequest(url: url)
            for (name, value) in signed.headers(signedWith: Fixture.mash.signingKey) { request.setValue(value, forHTTPHeaderField: name) }
            let (_, first) = try await URLSession.shared.data(for: request)
            #expect((first as? HTTPURLResponse)?.statusCode == 200)
            let (body, second) = try await URLSession.shared.data(for: request)
            #expect((second as? HTTPURLResponse)?.statusCode == 401)
            #expect(RelayJSON.decode(RelayProblem.self, from: Array(body))?.error == RelayErrorCode.replayed)

            // The same signature on another path.
            var moved = URLRequest(url: URL(string: relay.url + RelayAPI.Path.deposit(String(repeating: "a", count: 64)))!)
            for (name, value) in signed.headers(signedWith: Fixture.mash.signingKey) { moved.setValue(value, forHTTPHeaderField: name) }
            let (_, third) = try await URLSession.shared.data(for: moved)
            #expect((third as? HTTPURLResponse)?.statusCode == 401)
        }
    }

    /// THREATS row 18: our clock far from the relay's: the relay refuses, and the client says
    /// clock skew and shows both times.
    @Test func clockSkewShowsTheRelaysTime() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let skewed = MovableClock()
            skewed.advance(by: 1_000)
            let mash = try AgencyHome(Fixture.mash, in: folder, clock: skewed.now)
            let error = await exchangeError { _ = try await mash.withSession(relay) { try await $0.client.mailbox() } }
            #expect(error?.code == .clockSkew)
            #expect(error?.message.contains("the relay's time is") == true)
            #expect(error?.message.contains("seconds") == true)
            #expect(error?.hint?.contains("clock") == true)
        }
    }

    /// THREATS row 27: killed between storing a record and sending its acknowledgement (the real
    /// binary, SIGKILL at the journal point): the record exists once and the acknowledgement is
    /// sent on the next run, once. Also killed after the deposit, before the delete.
    @Test(arguments: ["ack-journalled", "ack-deposited"])
    func crashBetweenStoringAndAcknowledging(point: String) async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            try mash.writeKeyFile()
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))
            _ = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }

            let arguments = ["--home", mash.home.path, "--relay", relay.url]
            let environment = ["SEALPOST_PASSPHRASE": TestRelay.passphrase]
            let killed = try runProgram(sealpostBinary, ["ack", String(id.description.prefix(12))] + arguments,
                                        environment: environment.merging(["SEALPOST_TEST_KILL_AT": point]) { $1 })
            #expect(killed.killedBySignal && killed.status == SIGKILL, "expected SIGKILL at \(point): \(killed.stderr)")
            let journalled = try #require(try mash.context.acks.entry(id.description))
            #expect(journalled.state == (point == "ack-journalled" ? .pending : .deposited))
            let ackWaiting = try await school.withSession(relay) { try await $0.client.mailbox() }.count
            #expect(ackWaiting == (point == "ack-journalled" ? 0 : 1))
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.count == 1)

            // Any relay command finishes it.
            let next = try runProgram(sealpostBinary, ["inbox"] + arguments, environment: environment)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stderr.contains("finished an earlier acknowledgement"))
            #expect(try mash.context.acks.entry(id.description)?.state == .done)
            #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
            #expect(try mash.context.inbox.entries().count == 1)

            // Exactly one acknowledgement reached the school.
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.count == 1)
            let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.acknowledged.count == 1 && report.refused.isEmpty)
            // And running again sends nothing more.
            #expect(try runProgram(sealpostBinary, ["sync"] + arguments, environment: environment).status == 0)
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.isEmpty)
        }
    }

    /// Killed after the record was written but before it was committed to the inbox: nothing is
    /// there, and the next open stores it once.
    @Test func crashWhileStoringLeavesNothingHalfWritten() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            try mash.writeKeyFile()
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let arguments = ["open", sent[0].envelopeID, "--home", mash.home.path, "--relay", relay.url]
            let killed = try runProgram(sealpostBinary, arguments,
                                        environment: ["SEALPOST_PASSPHRASE": TestRelay.passphrase, "SEALPOST_TEST_KILL_AT": "inbox-staged"])
            #expect(killed.killedBySignal)
            #expect(try mash.context.inbox.entries().isEmpty)
            let again = try runProgram(sealpostBinary, arguments, environment: ["SEALPOST_PASSPHRASE": TestRelay.passphrase])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try mash.context.inbox.entries().count == 1)
            #expect(StoreFilesProbe.names(mash.home.path + "/inbox") == [sent[0].envelopeID])
        }
    }

    /// THREATS row 26: the disk fills while a record is stored (a 4 KiB tmpfs mounted on the
    /// inbox): nothing half-committed, nothing acknowledged, the envelope still at the relay; once
    /// there is room it opens normally.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func diskFullWhileReceiving() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            #expect(sent[0].envelopeLength > 4096, "the envelope alone must not fit")
            let id = try #require(EnvelopeID(hex: sent[0].envelopeID))
            let inbox = mash.home.path + "/inbox"
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            let mount = try runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=4k", "tmpfs", inbox])
            try #require(mount.status == 0, "this test needs root to mount a small tmpfs: \(mount.stderr)")
            do {
                let error = await exchangeError { _ = try await mash.withSession(relay) { try await Receive.open(id, session: $0) } }
                #expect(error?.code == .storage)
                #expect(error?.message.contains("No space left on device") == true)
                #expect(StoreFilesProbe.names(inbox).isEmpty, "something was left in the inbox")
                #expect(try mash.context.acks.entries().isEmpty)
                #expect(try await mash.withSession(relay) { try await $0.client.mailbox() }.count == 1)
                try runProgram("/bin/umount", [inbox])
            } catch {
                _ = try? runProgram("/bin/umount", [inbox])
                throw error
            }
            let (_, outcome) = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }
            #expect(outcome == .stored)
        }
    }

    /// THREATS row 29: a self-signed certificate the client was not told to trust is refused (and
    /// accepted with --relay-ca); a server that offers only TLS 1.2 is refused.
    @Test func untrustedCertificateAndTLS12AreRefused() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let cert = folder.sub("cert.pem"), key = folder.sub("key.pem")
        let made = try runProgram("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                       "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                                                       "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        try #require(made.status == 0, "openssl: \(made.stderr)")
        let mash = try AgencyHome(Fixture.mash, in: folder)

        try await withRelay(tls: .init(certificatePath: cert, privateKeyPath: key)) { relay in
            #expect(relay.url.hasPrefix("https://"))
            let untrusted = await exchangeError { _ = try await mash.withSession(relay) { try await $0.client.mailbox() } }
            #expect(untrusted?.code == .tls)
            #expect(untrusted?.message.contains("not trusted") == true)
            relay.caFile = cert
            let trusted = try await mash.withSession(relay) { try await $0.client.mailbox() }
            #expect(trusted.isEmpty)
        }

        // openssl s_server speaking TLS 1.2 only, with the same (trusted) certificate.
        for (tls12Only, expectTLSFailure) in [(true, true), (false, false)] {
            let port = try freePort()
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"] + (tls12Only ? ["-tls1_2"] : [])
            server.standardInput = FileHandle.nullDevice
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            // s_server does not stop on SIGTERM while it waits for a connection.
            defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
            try #require(waitForListener(port: port), "openssl s_server did not start")
            let endpoint = try RelayEndpoint(parsing: "https://127.0.0.1:\(port)")
            let configuration = RelayClient.Configuration(endpoint: endpoint, caFile: cert, retry: RetryPolicy(attempts: 1))
            let error = await exchangeError {
                _ = try await RelayClient.with(configuration, identity: Fixture.mash, logger: ExchangeLog.silent) { try await $0.health() }
            }
            if expectTLSFailure {
                #expect(error?.code == .tls)
                #expect(error?.message.contains("TLS 1.3") == true)
            } else {
                // TLS 1.3 was agreed; what failed is that s_server is not a relay.
                #expect(error != nil && error?.code != .tls)
            }
        }
    }

    /// The relay must be the agreement's relay operator: a relay running under another identity
    /// is refused before anything is deposited.
    @Test func aRelayThatIsNotTheAgreementsIsRefused() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let other = Fixture.agreement(relay: Fixture.otherRelay, id: "other-dsa")
        try await withRelay(agreement: other, identity: Fixture.otherRelay) { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let error = await exchangeError { _ = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay) }
            #expect(error?.code == .relayIdentity)
            #expect(error?.message.contains("relay-elsewhere") == true)
            // Sealed and kept, never handed to the wrong relay.
            #expect(try school.context.outbox.entries().map(\.state) == [.sealed])
        }
    }

    /// An acknowledgement signed by an agency the record did not go to, or naming other content, is
    /// refused, left at the relay, and the send stays unacknowledged.
    @Test func forgedAcknowledgementsAreRefused() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let school = try AgencyHome(Fixture.school, in: folder)
            let mash = try AgencyHome(Fixture.mash, in: folder)
            let police = try AgencyHome(Fixture.police, in: folder)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let entry = sent[0]
            let id = try #require(EnvelopeID(hex: entry.envelopeID))

            func forge(by home: AgencyHome, contentHash: [UInt8], receiptHash: [UInt8]? = nil) async throws {
                let ack = forgedAcknowledgement(by: home.identity, messageID: Hex.decode(entry.messageID)!, envelopeID: id,
                                                contentHash: contentHash, sender: Fixture.school.agencyID, receivedAt: 1, acknowledgedAt: 2,
                                                receiptContentHash: receiptHash)
                let conventions = ExchangeEnvelope.acknowledgement(agreement: home.context.agreement)
                let sealed = try EnvelopeSealer(sender: home.identity).seal(ack.encoded, recipients: [Fixture.school.boxKey.publicKey],
                                                                          contentType: conventions.contentType, attributes: conventions.attributes,
                                                                          createdAt: 1).envelope
                _ = try await home.withSession(relay) { try await $0.client.deposit(sealed, to: [Fixture.school.agencyID]) }
            }
            try await forge(by: police, contentHash: Hex.decode(entry.contentHash)!)
            try await forge(by: mash, contentHash: [UInt8](repeating: 7, count: 32))
            // The right content, but the signed receipt inside is for other content.
            try await forge(by: mash, contentHash: Hex.decode(entry.contentHash)!, receiptHash: [UInt8](repeating: 8, count: 32))

            let report = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(report.acknowledged.isEmpty)
            #expect(report.refused.count == 3)
            let messages = report.refused.map(\.error.message).joined(separator: "\n")
            #expect(messages.contains("signed by police-cait"))
            #expect(messages.contains("names another message or content"))
            #expect(messages.contains("carries a receipt that is not its signed receipt"))
            #expect(try school.context.outbox.entry(entry.envelopeID)?.state == .deposited)
            #expect(try await school.withSession(relay) { try await $0.client.mailbox() }.count == 3)
            // Nothing of them reached the school's receipt log.
            #expect(try logEntries(school).map(\.kind) == ["share_decided", "sent"])
        }
    }

    /// An envelope the recipient never collected expires at the relay, and the sender's sync says so.
    @Test func syncLearnsOfExpiry() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let clock = MovableClock()
        try await withRelay(retention: 3600, clock: clock.now) { relay in
            let school = try AgencyHome(Fixture.school, in: folder, clock: clock.now)
            let sent = try await sendDisclosure(from: school, to: [Fixture.mash.agencyID], relay: relay)
            let before = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(before.expired.isEmpty)
            clock.advance(by: 7200)
            let after = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(after.expired.map(\.envelopeID) == [sent[0].envelopeID])
            #expect(try school.context.outbox.entry(sent[0].envelopeID)?.state == .expired)
            // Logged once, as a signed receipt about the same message.
            let log = try logEntries(school)
            #expect(log.map(\.kind) == ["share_decided", "sent", "expired"])
            #expect(log[2].receipt("envelope_id") == sent[0].envelopeID && log[2].receipt("recipient") == Fixture.mash.agencyID)
            _ = try await school.withSession(relay) { try await Sync.run(session: $0) }
            #expect(try logEntries(school).count == 3)
        }
    }

    /// THREATS row 13: the client refuses to build an envelope whose record is over the size a
    /// recipient opens (16 MiB; attachments aside, which recipients open into files).
    @Test func clientRefusesAnOversizeEnvelope() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let school = try AgencyHome(Fixture.school, in: folder)
        // Statements of plain, ordinary words (nothing for the redactor to decide), 17 MiB in all:
        // more than a record file may hold, so the record is built in memory.
        guard case .object(var object) = try JSONParser.parse(try Fixture.recordBytes()) else { Issue.record("not an object"); return }
        let sentence = String(repeating: "The bruise was seen again in class today. ", count: 1500)
        let statement: JSONValue = ["text": .string(sentence), "kind": "fact", "time": "current"]
        object["statements"] = .array(Array(repeating: statement, count: 290))
        let record = try SafeguardingRecord(.object(object), mode: .full)
        let preparation = try Send.prepare(record, purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                           decisions: try decisionsClearing("disclosure.json", purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context))
        let error = await exchangeError { _ = try Send.seal(preparation, context: school.context) }
        #expect(error?.code == .record)
        #expect(error?.message.contains("limit") == true)
        #expect(try school.context.outbox.entries().isEmpty)
        #expect(try logEntries(school).isEmpty, "refused before the decision is logged")
    }
}

/// Files in a folder, hidden ones included; [] when it does not exist.
enum StoreFilesProbe {
    static func names(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

@discardableResult
func sqlite(_ database: String, _ sql: String) throws -> String {
    let run = try runProgram("/usr/bin/sqlite3", [database, sql])
    guard run.status == 0 else { throw TestFailure("sqlite3: \(run.stderr)") }
    return run.stdout
}

/// The only envelope body in the relay's database (one chunk: under 1 MiB).
func sqliteBody(_ database: String, folder: TemporaryFolder) throws -> [UInt8] {
    let file = folder.sub("body.bin")
    try sqlite(database, "SELECT writefile('\(file)', bytes) FROM deposit_chunk;")
    return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
}

func sqliteSetBody(_ database: String, _ bytes: [UInt8], folder: TemporaryFolder) throws {
    let file = folder.sub("body.bin")
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    try sqlite(database, "UPDATE deposit_chunk SET bytes = readfile('\(file)');")
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A port nothing listens on just now.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard bound == 0 else { throw TestFailure("bind failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Waits (up to about 10 s) until something accepts connections on 127.0.0.1:`port`.
func waitForListener(port: Int) -> Bool {
    for _ in 0..<200 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        close(fd)
        if connected == 0 { return true }
        usleep(50_000)
    }
    return false
}
