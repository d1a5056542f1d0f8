import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostRecord
import SealpostRelay
import SealpostSharing
import SealpostSodium
@testable import SealpostWeb
import Testing

/// A school and a MASH, each with its own home, practitioner and `sealpost web`, and a real relay
/// on 127.0.0.1 over a temporary SQLite file, for the routes that close the loop (outcomes,
/// requests, declines, Home's counts). The apps share a clock the test can move, but a relay
/// refuses requests far from its own time, so tests move it only after their last relay action.
final class WebPartnership: @unchecked Sendable {
    static let passphrase = "correct horse battery staple"
    static let schoolUser = "Ann Smith"
    static let mashUser = "Sam Patel"

    let folder: String
    let school: Identity
    let mash: Identity
    let schoolHome: Home
    let mashHome: Home
    let relay: RunningRelay
    let clock = RealClock()

    /// The real time plus an offset the test can add to.
    final class RealClock: @unchecked Sendable {
        private let lock = NSLock()
        private var offset: Int64 = 0
        var now: Int64 { lock.withLock { Int64(Date().timeIntervalSince1970) + offset } }
        func advance(_ seconds: Int64) { lock.withLock { offset += seconds } }
    }

    private init(folder: String, school: Identity, mash: Identity, relay: RunningRelay) {
        self.folder = folder
        self.school = school
        self.mash = mash
        schoolHome = Home(path: folder + "/school")
        mashHome = Home(path: folder + "/mash")
        self.relay = relay
    }

    /// Runs `body` with the partnership; everything is stopped and removed afterwards.
    static func with(_ body: (WebPartnership) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-web-loop-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let school = try Identity.generate(agencyID: "school-st-annes", name: "St Anne's Primary School")
        let mash = try Identity.generate(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH")
        let operatorIdentity = try Identity.generate(agencyID: "relay-kingsbridge", name: "Kingsbridge Relay")
        let now = Date().timeIntervalSince1970
        let fields = ["id", "author", "subject", "household", "parties", "narrative", "statements", "concern"].compactMap(FieldPath.init)
        let agreement = try Agreement(
            id: "kingsbridge-dsa", version: 1, title: "Test partnership", validFrom: .today(now: now - 86_400 * 30),
            validUntil: .today(now: now + 86_400 * 365), relay: "http://127.0.0.1:9",
            parties: [AgreementParty(card: school.card, role: .school), AgreementParty(card: mash.card, role: .mash),
                      AgreementParty(card: operatorIdentity.card, role: .relayOperator)],
            purposes: [AgreementPurpose(id: "child_protection_enquiry_s47", name: "Child protection enquiry (s47)", lawfulBases: [.publicTask],
                                        recipients: [.init(role: .mash, fields: fields)])])
        var signed = SignedAgreement(agreement: agreement)
        for identity in [school, mash, operatorIdentity] { try signed.sign(as: identity) }
        let relay = try await RunningRelay.start(RelayConfiguration(databasePath: folder + "/relay.sqlite", agreement: signed,
                                                                   identity: operatorIdentity))
        let partnership = WebPartnership(folder: folder, school: school, mash: mash, relay: relay)
        for (identity, home, user, role) in [(school, partnership.schoolHome, schoolUser, "Designated Safeguarding Lead"),
                                             (mash, partnership.mashHome, mashUser, "MASH social worker")] {
            try home.create(identity, passphrase: SecureBytes(copying: Array("the agency's own passphrase".utf8)), cost: .interactive)
            try Practitioners(home: home).add(name: user, role: role, passphrase: SecureBytes(copying: Array(passphrase.utf8)),
                                              identity: identity, cost: .interactive, now: Int64(now))
            _ = try AgreementStore(home: home).install(signed, as: identity.card)
        }
        do {
            try await body(partnership)
        } catch {
            await relay.stop()
            throw error
        }
        await relay.stop()
    }

    var access: RelayAccess { RelayAccess(override: relay.baseURL, retry: RetryPolicy(attempts: 2, baseDelay: 0.05)) }

    /// Runs `body` with a client of `sealpost web` over `home`.
    func withApp(_ home: Home, relay: RelayAccess? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = WebConfiguration(home: home)
        configuration.port = 0
        configuration.relay = relay ?? access
        let clock = self.clock
        configuration.clock = { clock.now }
        let app = try await buildWebApplication(configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try await app.test(.live) { client in try await body(client) }
    }

    /// The school sends the example disclosure to the MASH through the library (the app's own
    /// send flow is another page's), redacting every uncertain finding. Returns the envelope id.
    func schoolSendsDisclosure() async throws -> String {
        let bytes = Array(try Data(contentsOf: Self.examples.appendingPathComponent("disclosure.json")))
        let record = try SafeguardingRecord(json: bytes)
        let context = try ExchangeContext.load(home: schoolHome, identity: school, logger: ExchangeLog.silent, clock: { [clock] in clock.now })
        let decisions = try Self.decisionsClearing(record, recipient: mash.agencyID, context: context)
        let preparation = try Send.prepare(record, purpose: "child_protection_enquiry_s47", recipients: [mash.agencyID], context: context,
                                           decisions: decisions)
        let entries = try Send.seal(preparation, context: context)
        return try await RelaySession.run(context, access: access) { session in
            try await Send.deposit(entries[0], session: session).envelopeID
        }
    }

    /// A decision file that redacts every uncertain finding of the record (there may be none).
    static func decisionsClearing(_ record: SafeguardingRecord, recipient: String, context: ExchangeContext) throws -> DecisionFile {
        var file = DecisionFile()
        for _ in 0..<5 {
            do {
                _ = try Send.prepare(record, purpose: "child_protection_enquiry_s47", recipients: [recipient], context: context, decisions: file)
                return file
            } catch {
                guard let refusal = error as? Send.Refusal, case .needsDecisions(let findings) = refusal else { throw error }
                file = DecisionFile(actions: file.actions + findings.map { ($0.id, .redact) })
            }
        }
        return file
    }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/records")
}

/// A signed-in client of one app: GET and POST with its session cookie and CSRF token.
struct Browser {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    static func signIn(_ client: any TestClientProtocol, as name: String) async throws -> Browser {
        let page = try await client.execute(uri: "/sign-in", method: .get)
        let anonymous = try #require(WebAppTests.cookie(page)), token = try #require(WebAppTests.csrf(page))
        var headers = WebAppTests.formType
        headers[.cookie] = anonymous
        let answer = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                              body: form([("csrf", token), ("name", name), ("passphrase", WebPartnership.passphrase)]))
        #expect(answer.status == .seeOther)
        let cookie = try #require(WebAppTests.cookie(answer))
        let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
        return Browser(client: client, cookie: cookie, csrf: try #require(WebAppTests.csrf(home)))
    }

    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, text: String, location: String?) {
        let page = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
        return (page.status, String(buffer: page.body), page.headers[.location])
    }

    /// POSTs the form (with the CSRF token added) and returns the answer.
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> (status: HTTPResponse.Status, text: String, location: String?) {
        var headers = WebAppTests.formType
        headers[.cookie] = cookie
        let answer = try await client.execute(uri: uri, method: .post, headers: headers, body: Self.form([("csrf", csrf)] + fields))
        return (answer.status, String(buffer: answer.body), answer.headers[.location])
    }

    static func form(_ pairs: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }
}
