import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostSharing
import SealpostSodium

/// Files a person or another agency hands over: identity cards, key files and practitioner slots,
/// records, signed agreements, and a practitioner's decisions file.
enum DocumentTargets {
    static let all: [FuzzTarget] = [card, keyFile, practitionerSlot, record, agreement, decisions]

    static let card = FuzzTarget("identity-card", "IdentityCard.load: strict JSON, shape, self-signature",
                                 seeds: { SeedFiles.files(in: "examples/agreement/cards", suffix: ".json") + [cardSeed()] }) { bytes in
        guard let card = try? IdentityCard.load(Data(bytes), source: "card.json") else { return }
        _ = card.jsonData()
    }

    /// Key files: everything up to the key derivation. An input whose header is well formed and is
    /// followed by exactly the sealed keys' length would run Argon2id (at least 8 MiB and one pass,
    /// milliseconds per input), which is libsodium's and would cut the rate a hundredfold, so such
    /// inputs are skipped: the same header with one byte more or less takes every parsing branch.
    static let keyFile = FuzzTarget("key-file", "KeyFile.decode up to the Argon2id derivation",
                                    seeds: { keyFileSeeds() }) { bytes in
        if reachesKeyDerivation(bytes) { return }
        _ = try? KeyFile.decode(bytes, passphrase: passphrase, source: "identity.key")
    }

    static let practitionerSlot = FuzzTarget("practitioner-slot", "PractitionerSlot.readHeader (no key derivation)",
                                             seeds: { SeedFiles.vectorPayloads(in: "spec/vectors/practitioners") }) { bytes in
        _ = try? PractitionerSlot.readHeader(bytes, source: "slot")
    }

    static let record = FuzzTarget("record", "SafeguardingRecord(json:) in every validation mode",
                                   seeds: { SeedFiles.files(in: "examples/records", suffix: ".json") }) { bytes in
        for mode in RecordValidation.Mode.allCases { _ = try? SafeguardingRecord(json: bytes, mode: mode) }
    }

    static let agreement = FuzzTarget("agreement", "SignedAgreement(parsing:) and verify()",
                                      seeds: { SeedFiles.files(in: "examples/agreement", suffix: ".json") }) { bytes in
        guard let signed = try? SignedAgreement(parsing: bytes, source: "agreement.json") else { return }
        _ = signed.verify()
    }

    static let decisions = FuzzTarget("decisions", "DecisionFile(decoding:) (send --decisions FILE)",
                                      seeds: { decisionSeeds() }) { bytes in
        guard let file = try? DecisionFile(decoding: bytes, source: "decisions.json") else { return }
        for (finding, _) in file.actions { _ = file.reason(for: finding) }
    }

    /// A decisions file as `send --write-decisions` starts it, and one filled in.
    static func decisionSeeds() -> [[UInt8]] {
        let entries = #"{"finding":"narrative@12-18","field":"narrative","category":"name","why":"possible name","#
        return [#"{"format":"sealpost-decisions/v1","decisions":[\#(entries)"action":"undecided","reason":""}]}"#,
                #"{"format":"sealpost-decisions/v1","decisions":[\#(entries)"action":"keep","reason":"a street"},"#
                    + #"{"finding":"statements[0].text@0-4","action":"redact"}]}"#].map { Array($0.utf8) }
    }

    static let passphrase = SecureBytes(copying: Array("correct horse battery staple".utf8))

    static func cardSeed() -> [UInt8] { Array(FixedIdentities.sender.card.jsonData()) }

    static func keyFileSeeds() -> [[UInt8]] {
        let cheap = KeyFile.Cost(opsLimit: 1, memLimit: 8 << 20)
        guard let valid = try? KeyFile.encode(FixedIdentities.sender, passphrase: passphrase, cost: cheap) else { return [] }
        return [valid, valid + [0], Array(valid.dropLast())]
    }

    /// Whether `bytes` is a key file header followed by exactly the sealed keys (see `keyFile`).
    static func reachesKeyDerivation(_ bytes: [UInt8]) -> Bool {
        let agencyAt = 8 + 4 + 4 + 8 + 16 + 24
        guard bytes.count > agencyAt else { return false }
        let nameAt = agencyAt + 1 + Int(bytes[agencyAt])
        guard bytes.count >= nameAt + 2 else { return false }
        let headerLength = nameAt + 2 + (Int(bytes[nameAt]) << 8 | Int(bytes[nameAt + 1]))
        return bytes.count == headerLength + 64 + XChaCha20Poly1305.tagLength
    }
}
