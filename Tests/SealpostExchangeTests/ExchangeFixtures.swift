import Foundation
import Logging
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostRecord
import SealpostRelay
import SealpostSharing
import SealpostSodium
import Testing

// A small partnership (a school, a MASH, the police, and the relay operator), homes for its
// agencies in temporary folders, and a real relay on 127.0.0.1 with a temporary SQLite file.

/// An identity whose keys come from `seed`.
func fixedIdentity(_ agency: String, _ name: String, seed: UInt8) -> Identity {
    let signing = try! Ed25519.SigningKey(seed: SecureBytes(copying: [UInt8](repeating: seed, count: 32)))
    let box = try! X25519.PrivateKey(rawRepresentation: SecureBytes(copying: [UInt8](repeating: seed &+ 0x40, count: 32)))
    return Identity(agencyID: agency, name: name, signingKey: signing, boxKey: box)
}

enum Fixture {
    static let school = fixedIdentity("school-st-annes", "St Anne's Primary School", seed: 21)
    static let mash = fixedIdentity("kingsbridge-mash", "Kingsbridge MASH", seed: 22)
    static let police = fixedIdentity("police-cait", "Police Child Abuse Investigation Team", seed: 23)
    static let relay = fixedIdentity("relay-kingsbridge", "Kingsbridge Relay Operator", seed: 24)
    /// Runs a relay under another agreement: not the partnership's relay.
    static let otherRelay = fixedIdentity("relay-elsewhere", "Another Relay", seed: 25)

    static let s47 = "child_protection_enquiry_s47"
    static let earlyHelp = "early_help"
    static let mashScreening = "mash_screening"

    static func fields(_ names: String...) -> [FieldPath] { names.map { FieldPath($0)! } }

    /// Valid from a year ago to a year ahead of the real clock, so tests do not age.
    static func agreement(relay: Identity = relay, id: String = "kingsbridge-dsa") -> SignedAgreement {
        let now = Date().timeIntervalSince1970
        let from = CalendarDate.today(now: now - 365 * 86_400), until = CalendarDate.today(now: now + 365 * 86_400)
        let parties = [AgreementParty(card: school.card, role: .school), AgreementParty(card: mash.card, role: .mash),
                       AgreementParty(card: police.card, role: .police), AgreementParty(card: relay.card, role: .relayOperator)]
        let purposes = [
            AgreementPurpose(id: s47, name: "Child protection enquiry (s47)", lawfulBases: [.publicTask, .legalObligation], recipients: [
                .init(role: .mash, fields: fields("id", "subject", "household", "parties", "narrative", "statements", "concern")),
                .init(role: .police, fields: fields("id", "subject.name", "subject.dob", "concern")),
            ]),
            AgreementPurpose(id: earlyHelp, name: "Early help", lawfulBases: [.publicTask], recipients: [
                .init(role: .mash, fields: fields("id", "subject", "concern")),
            ]),
            AgreementPurpose(id: mashScreening, name: "MASH screening", lawfulBases: [.publicTask], recipients: [
                .init(role: .mash, fields: fields("id", "subject", "household", "parties", "narrative", "statements", "concern")),
            ]),
        ]
        let agreement = try! Agreement(id: id, version: 1, title: "Test partnership", validFrom: from, validUntil: until,
                                       relay: "https://relay.kingsbridge.example:8443", parties: parties, purposes: purposes)
        var signed = SignedAgreement(agreement: agreement)
        for identity in [school, mash, police, relay] { try! signed.sign(as: identity) }  // `relay` is the parameter
        return signed
    }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/records")

    static func recordBytes(_ name: String = "disclosure.json") throws -> [UInt8] {
        Array(try Data(contentsOf: examples.appendingPathComponent(name)))
    }

    static func record(_ name: String = "disclosure.json") throws -> SafeguardingRecord {
        try SafeguardingRecord(json: try recordBytes(name))
    }

    /// The protected third parties' names and contact details in an example record.
    static func protectedValues(_ name: String = "disclosure.json") throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(try recordBytes(name))) as! [String: Any]
        let parties = json["parties"] as? [[String: Any]] ?? []
        return parties.filter { ($0["protect"] as? Bool) != false }
            .flatMap { p in ["name", "phone", "email", "address"].compactMap { p[$0] as? String } }
            + parties.filter { ($0["protect"] as? Bool) != false }.flatMap { ($0["aka"] as? [String]) ?? [] }
    }
}

/// A temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String
    init(_ label: String = "exchange") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
    func sub(_ name: String) -> String { path + "/" + name }
}

/// One agency's home with the agreement installed, and its exchange context.
struct AgencyHome {
    let identity: Identity
    let home: Home
    let context: ExchangeContext

    init(_ identity: Identity, in folder: TemporaryFolder, agreement: SignedAgreement = Fixture.agreement(),
         clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws {
        self.identity = identity
        home = Home(path: folder.sub(identity.agencyID))
        // Private, as `sealpost init` makes a home: the binary refuses one that others can read.
        try FileManager.default.createDirectory(atPath: home.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try AgreementStore(home: home).install(agreement, as: identity.card)
        context = try ExchangeContext.load(home: home, identity: identity, logger: ExchangeLog.silent, clock: clock)
    }

    /// Writes the identity's key file (passphrase `TestRelay.passphrase`) so the `sealpost` binary can use this home.
    func writeKeyFile() throws {
        try AtomicFile.write(Array(identity.card.jsonData()), to: home.cardPath, mode: 0o644)
        try AtomicFile.write(try KeyFile.encode(identity, passphrase: SecureBytes(copying: Array(TestRelay.passphrase.utf8)), cost: .interactive),
                             to: home.keyFilePath, mode: 0o600)
    }

    /// Runs `body` with a checked session to `relay`.
    func withSession<T: Sendable>(_ relay: TestRelay, retry: RetryPolicy = RetryPolicy(attempts: 2, baseDelay: 0.05),
                                  _ body: (RelaySession) async throws -> T) async throws -> T {
        let configuration = RelayClient.Configuration(endpoint: try RelayEndpoint(parsing: relay.url), caFile: relay.caFile, retry: retry)
        return try await RelayClient.with(configuration, identity: identity, logger: ExchangeLog.silent, clock: context.clock) { client in
            try await body(try await RelaySession.connect(context, client: client))
        }
    }
}

/// A real relay on 127.0.0.1 over a temporary SQLite file.
final class TestRelay: @unchecked Sendable {
    static let passphrase = "exchange test passphrase"

    let folder: TemporaryFolder
    let configuration: RelayConfiguration
    private(set) var running: RunningRelay
    var caFile: String?

    var url: String { running.baseURL }
    var databasePath: String { configuration.databasePath }

    init(agreement: SignedAgreement = Fixture.agreement(), identity: Identity = Fixture.relay,
         tls: RelayConfiguration.TLSFiles? = nil, caFile: String? = nil, retention: Int64 = 30 * 86_400,
         limits: RelayLimits = RelayLimits(),
         clock: @escaping @Sendable () -> Int64 = RelayConfiguration.systemClock) async throws {
        folder = try TemporaryFolder("relay")
        configuration = RelayConfiguration(databasePath: folder.sub("relay.sqlite"), agreement: agreement, identity: identity,
                                           limits: limits, tls: tls, retention: retention, clock: clock)
        running = try await RunningRelay.start(configuration)
        self.caFile = caFile
    }

    /// Stops the relay and starts it again on the same port and database.
    func restart() async throws {
        await running.stop()
        running = try await RunningRelay.start(configuration, port: running.port)
    }

    func stop() async { await running.stop() }

    func shutdown() async {
        await running.stop()
        folder.remove()
    }
}

/// Whatever `body` throws, as an ExchangeError (nil if it succeeded; an issue if it threw something else).
func exchangeError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> ExchangeError? {
    do {
        try await body()
        return nil
    } catch let error as ExchangeError {
        return error
    } catch {
        Issue.record("expected an ExchangeError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Sends the disclosure from `school` to `recipients` and returns the outbox entries.
func sendDisclosure(from school: AgencyHome, to recipients: [String], relay: TestRelay,
                    purpose: String = Fixture.s47, record: String = "disclosure.json") async throws -> [OutboxEntry] {
    let preparation = try Send.prepare(try Fixture.record(record), purpose: purpose, recipients: recipients, context: school.context,
                                       decisions: try decisionsClearing(record, purpose: purpose, recipients: recipients, context: school.context))
    let entries = try Send.seal(preparation, context: school.context)
    return try await school.withSession(relay) { session in
        var deposited: [OutboxEntry] = []
        for entry in entries { deposited.append(try await Send.deposit(entry, session: session)) }
        return deposited
    }
}

/// A decision file that redacts every uncertain finding of the example record (there may be none).
func decisionsClearing(_ record: String, purpose: String, recipients: [String], context: ExchangeContext) throws -> DecisionFile {
    var file = DecisionFile()
    for _ in 0..<5 {
        do {
            _ = try Send.prepare(try Fixture.record(record), purpose: purpose, recipients: recipients, context: context, decisions: file)
            return file
        } catch let Send.Refusal.needsDecisions(findings) {
            file = DecisionFile(actions: file.actions + findings.map { ($0.id, .redact) })
        }
    }
    return file
}

/// Runs `body` with a fresh relay, stopped and removed afterwards whatever happens.
func withRelay<T: Sendable>(agreement: SignedAgreement = Fixture.agreement(), identity: Identity = Fixture.relay,
                            tls: RelayConfiguration.TLSFiles? = nil, caFile: String? = nil, retention: Int64 = 30 * 86_400,
                            limits: RelayLimits = RelayLimits(),
                            clock: @escaping @Sendable () -> Int64 = RelayConfiguration.systemClock,
                            _ body: (TestRelay) async throws -> T) async throws -> T {
    let relay = try await TestRelay(agreement: agreement, identity: identity, tls: tls, caFile: caFile, retention: retention,
                                    limits: limits, clock: clock)
    do {
        let result = try await body(relay)
        await relay.shutdown()
        return result
    } catch {
        await relay.shutdown()
        throw error
    }
}

/// A clock tests can move: Unix seconds now plus an offset.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: Int64 = 0
    func advance(by seconds: Int64) { lock.lock(); offset += seconds; lock.unlock() }
    var now: @Sendable () -> Int64 {
        { [self] in lock.lock(); defer { lock.unlock() }; return Int64(Date().timeIntervalSince1970) + offset }
    }
}

/// Runs a program to completion, capturing its output.
struct ProgramRun {
    let status: Int32
    let killedBySignal: Bool
    let stdout: String
    let stderr: String
}

@discardableResult
func runProgram(_ path: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> ProgramRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SEALPOST_HOME"] = nil
    for (k, v) in extra { environment[k] = v }
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // The semaphore orders the reader's write of errData before the read below (as CLIHarness).
    nonisolated(unsafe) var errData = Data()
    let errRead = DispatchSemaphore(value: 0)
    let reader = Thread {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        errRead.signal()
    }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errRead.wait()
    return ProgramRun(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// The built `sealpost` binary: the test bundle sits beside the products.
let sealpostBinary: String = {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("sealpost").path), url.path != "/" {
        url.deleteLastPathComponent()
    }
    return url.appendingPathComponent("sealpost").path
}()
