import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSodium

/// The benchmark's partnership: a relay operator and N agencies whose keys derive from fixed labels,
/// so a relay prepared with `write(to:)` and a bench run with `--url` agree on every key.
/// Benchmark keys only: they are public knowledge by construction.
struct BenchPartnership: Sendable {
    let relay: Identity
    let agencies: [Identity]
    let agreement: SignedAgreement
    static let passphrase = "sealpost bench"

    init(agencies count: Int) throws {
        relay = Self.identity("bench-relay", name: "Benchmark relay")
        agencies = (0..<count).map { Self.identity(String(format: "bench-agency-%03d", $0), name: "Benchmark agency \($0)") }
        let purpose = AgreementPurpose(id: "bench", name: "Benchmark traffic", lawfulBases: [.publicTask],
                                       recipients: [.init(role: .voluntarySector, fields: [FieldPath("subject")!])])
        let parties = [AgreementParty(card: relay.card, role: .relayOperator)]
            + agencies.map { AgreementParty(card: $0.card, role: .voluntarySector) }
        let document = try Agreement(id: "sealpost-bench", version: 1, title: "Sealpost relay benchmark",
                                     validFrom: CalendarDate(iso: "2020-01-01")!, validUntil: CalendarDate(iso: "2100-12-31")!,
                                     parties: parties, purposes: [purpose])
        var signed = SignedAgreement(agreement: document)
        for identity in [relay] + agencies { try signed.sign(as: identity) }
        agreement = signed
    }

    private static func identity(_ agency: String, name: String) -> Identity {
        let signingSeed = BLAKE2b.hash(Array("sealpost-bench/signing/\(agency)".utf8))
        let boxSeed = BLAKE2b.hash(Array("sealpost-bench/box/\(agency)".utf8))
        return Identity(agencyID: agency, name: name,
                        signingKey: try! Ed25519.SigningKey(seed: SecureBytes(copying: signingSeed)),
                        boxKey: try! X25519.PrivateKey(rawRepresentation: SecureBytes(copying: boxSeed)))
    }

    /// Writes a relay home (identity under `passphrase`, cheap key derivation) holding the agreement,
    /// for `sealpost-relay serve --home DIR` to run the relay the bench then drives with `--url`.
    func write(to path: String) throws {
        let home = Home(path: path)
        try home.create(relay, passphrase: SecureBytes(copying: Self.passphrase.utf8), cost: .interactive)
        try Data(agreement.fileBytes).write(to: URL(fileURLWithPath: path + "/agreement.json"))
    }
}
