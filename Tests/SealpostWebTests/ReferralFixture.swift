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
import SealpostSodium
@testable import SealpostWeb
import Testing

/// A school's home with a practitioner and an agreement in force (the school, a MASH, the police
/// and a relay operator; an s47 purpose the MASH and police may receive, early help only the MASH)
/// whose relay address has nothing listening, so a send is sealed and kept in the outbox. Drives
/// the app over a live server on 127.0.0.1 as a signed-in practitioner.
struct ReferralFixture {
    static let s47 = "child_protection_enquiry_s47"
    static let earlyHelp = "early_help"

    let client: any TestClientProtocol
    let cookie: String
    let csrf: String
    let home: Home
    let identity: Identity

    static func withApp(_ body: @Sendable (ReferralFixture) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-referral-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let home = Home(path: directory)
        let school = try Identity.generate(agencyID: "school-st-annes", name: "St Anne's Primary School")
        try home.create(school, passphrase: SecureBytes(copying: Array("the agency's own passphrase".utf8)), cost: .interactive)
        try Practitioners(home: home).add(name: "Ann Smith", role: "Designated Safeguarding Lead",
                                          passphrase: SecureBytes(copying: Array(WebAppTests.passphrase.utf8)), identity: school,
                                          cost: .interactive, now: 1_795_000_000)
        let mash = try Identity.generate(agencyID: "kingsbridge-mash", name: "Kingsbridge MASH")
        let police = try Identity.generate(agencyID: "police-cait", name: "Police Child Abuse Investigation Team")
        let relay = try Identity.generate(agencyID: "relay-kingsbridge", name: "Kingsbridge Relay")
        let now = Date().timeIntervalSince1970
        func fields(_ names: String...) -> [FieldPath] { names.map { FieldPath($0)! } }
        let agreement = try Agreement(
            id: "kingsbridge-dsa", version: 1, title: "Kingsbridge data-sharing agreement",
            validFrom: CalendarDate.today(now: now - 86_400), validUntil: CalendarDate.today(now: now + 365 * 86_400),
            relay: "http://127.0.0.1:9",
            parties: [AgreementParty(card: school.card, role: .school), AgreementParty(card: mash.card, role: .mash),
                      AgreementParty(card: police.card, role: .police), AgreementParty(card: relay.card, role: .relayOperator)],
            purposes: [
                AgreementPurpose(id: s47, name: "Child protection enquiry (s47)", lawfulBases: [.publicTask], recipients: [
                    .init(role: .mash, fields: fields("id", "author", "subject", "household", "parties", "narrative", "statements", "concern")),
                    .init(role: .police, fields: fields("id", "subject.name", "concern")),
                ]),
                AgreementPurpose(id: earlyHelp, name: "Early help", lawfulBases: [.publicTask], recipients: [
                    .init(role: .mash, fields: fields("id", "subject", "concern")),
                ]),
            ])
        var signed = SignedAgreement(agreement: agreement)
        for identity in [school, mash, police, relay] { try signed.sign(as: identity) }
        _ = try AgreementStore(home: home).install(signed, as: school.card)

        var configuration = WebConfiguration(home: home)
        configuration.port = 0
        configuration.relay = RelayAccess(retry: RetryPolicy(attempts: 1, baseDelay: 0.01))
        let app = try await buildWebApplication(configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try await app.test(.live) { client in
            let session = try #require(try await WebAppTests.signIn(client))
            try await body(ReferralFixture(client: client, cookie: session.cookie, csrf: session.csrf, home: home, identity: school))
        }
    }

    func get(_ path: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
    }

    /// POSTs a form (names may repeat), with the session's CSRF token unless `csrf` is false.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers[.cookie] = cookie
        let pairs = (csrf ? [("csrf", self.csrf)] : []) + fields
        let body = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Starts a draft and returns its id.
    func newDraft() async throws -> String {
        let answer = try await post("/referrals/new")
        let location = try #require(answer.headers[.location])
        #expect(answer.status == .seeOther && location.hasPrefix("/referrals/"))
        return String(location.dropFirst("/referrals/".count))
    }

    static let narrative = "Jayden told his class teacher that Mr Hollins next door shouted at him through the fence and threw a bottle. "
        + "He said a man from Tanner Street saw it too."

    /// Answers every section validly (a protected neighbour named in the narrative), recipients the MASH.
    func completeDraft(_ id: String, purpose: String = s47) async throws {
        let base = "/referrals/\(id)"
        for (path, fields) in Self.steps(purpose: purpose) {
            let answer = try await post(base + "/" + path, fields)
            #expect(answer.status == .seeOther, "\(path): \(String(buffer: answer.body).prefix(2000))")
        }
    }

    /// The forms that complete a referral (paths under `/referrals/ID/`), in order.
    static func steps(purpose: String = s47) -> [(String, [(String, String)])] {
        [
            ("section/consent", [("consent-status", "not_sought"), ("consent-reason", "increased_risk_of_harm")]),
            ("section/child", [("subject-name", "Jayden Okafor"), ("subject-dob-day", "14"), ("subject-dob-month", "03"),
                               ("subject-dob-year", "2017"), ("subject-nhs_number", "943 476 5919"), ("subject-school", "St Anne's Primary School")]),
            ("list/household/0", [("relationship", "mother"), ("name", "Grace Okafor")]),
            ("list/household/done", []),
            ("list/parties/0", [("role", "neighbour"), ("relationship", "next-door neighbour"), ("name", "Mr Derek Hollins"),
                                ("phone", "07700 900123"), ("protect", "yes")]),
            ("list/parties/done", []),
            ("section/author", [("author-name", "Ann Smith"), ("author-job_title", "Designated Safeguarding Lead"),
                                ("author-organisation", "St Anne's Primary School"), ("author-phone", "01632 960001")]),
            ("section/narrative", [("narrative", Self.narrative)]),
            ("list/statements/0", [("text", "Jayden was upset and shaking in class."), ("kind", "fact"), ("time", "current"),
                                   ("source", "class teacher")]),
            ("section/concern", [("concern-categories", "emotional"), ("concern-urgency", "urgent")]),
            ("section/purpose", [("purpose", purpose), ("lawful_basis-article_6", "public_task"),
                                 ("lawful_basis-article_9", "safeguarding_of_children_and_individuals_at_risk")]),
            ("recipients", [("recipients", "kingsbridge-mash")]),
        ]
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
