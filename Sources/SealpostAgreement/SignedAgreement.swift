import Foundation
import SealpostCore
import SealpostJSON
import SealpostSodium

/// An agreement with the parties' signatures over its canonical bytes: the file that parties
/// pass round, sign, verify and install.
///
///     {"agreement": {…document…}, "signatures": [{"agency_id": …, "signing_key_id": …, "signature": <hex>}]}
public struct SignedAgreement: Sendable, Equatable {
    public struct Signature: Sendable, Equatable {
        public let agencyID: String
        public let signingKeyID: String
        public let signature: [UInt8]
    }

    public private(set) var agreement: Agreement
    public private(set) var signatures: [Signature]

    static let signatureLabel = "sealpost/v1/agreement"

    public init(agreement: Agreement) {
        self.agreement = agreement
        signatures = []
    }

    /// Replaces the document; every signature is dropped, since it covered the old bytes.
    public mutating func edit(_ change: (inout Agreement) throws(AgreementError) -> Void) throws(AgreementError) {
        var edited = agreement
        try change(&edited)
        do { try edited.check(at: .root) } catch { throw AgreementError(error) }
        agreement = edited
        signatures = []
    }

    static func signedMessage(_ agreement: Agreement) -> [UInt8] {
        Array(signatureLabel.utf8) + [0] + agreement.canonicalBytes
    }

    /// Adds (or replaces) `identity`'s signature. The identity must be an active party whose card
    /// holds this very signing key.
    public mutating func sign(as identity: Identity) throws(AgreementError) {
        guard let party = agreement.party(identity.agencyID) else {
            throw AgreementError("\(identity.agencyID) is not a party to agreement \(agreement.id)",
                                 hint: "only parties sign; ask whoever drafts it to add your card with: sealpost agreement add-party")
        }
        guard party.card.signingKey == Hex.encode(identity.signingKey.publicKey.rawRepresentation) else {
            throw AgreementError("the agreement lists a different signing key for \(identity.agencyID)",
                                 hint: "your card in the agreement is out of date; ask for it to be replaced with your current card")
        }
        guard party.status == .active else { throw AgreementError("\(identity.agencyID) is revoked in this agreement and cannot sign it") }
        let signature = identity.signingKey.signature(for: Self.signedMessage(agreement))
        signatures.removeAll { $0.agencyID == identity.agencyID }
        signatures.append(Signature(agencyID: identity.agencyID, signingKeyID: identity.signingKeyID.description,
                                    signature: signature.rawRepresentation))
        signatures.sort { $0.agencyID < $1.agencyID }
    }

    /// Who has signed, who has not, and whose signature is wrong.
    public struct Verification: Sendable, Equatable {
        public var signed: [String] = []
        public var missing: [String] = []
        /// Signatures that do not verify, or by agencies that are not active parties.
        public var invalid: [String] = []
        /// Fully signed by every active party, and no bad signature. A document with no active
        /// party is never complete: nobody vouches for it.
        public var isComplete: Bool { missing.isEmpty && invalid.isEmpty && !signed.isEmpty }
    }

    public func verify() -> Verification {
        var result = Verification()
        let message = Self.signedMessage(agreement)
        for signature in signatures {
            guard let party = agreement.party(signature.agencyID), party.status == .active,
                  signature.signingKeyID == party.card.signingKeyID,
                  let key = try? party.card.verified().signingKey,
                  let sig = try? Ed25519.Signature(rawRepresentation: signature.signature),
                  key.isValidSignature(sig, for: message) else {
                result.invalid.append(signature.agencyID)
                continue
            }
            result.signed.append(signature.agencyID)
        }
        result.missing = agreement.requiredSigners.map(\.agencyID).filter { !result.signed.contains($0) && !result.invalid.contains($0) }
        return result
    }

    /// Parses a signed agreement file. Signatures are read (agency ids, lower-case hex of the right
    /// lengths), not judged: call `verify()`.
    public init(parsing bytes: [UInt8], source: String) throws(AgreementError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw AgreementError("\(source): \(error.description)", hint: "the file is not a valid agreement; get a fresh copy")
        }
        do { try self.init(value) } catch { throw AgreementError(error) }
    }

    /// Reads the document's members; see `init(parsing:source:)`.
    private init(_ value: JSONValue) throws(JSONShapeError) {
        let r = try JSONObjectReader(value, at: .root)
        try r.only(["agreement", "signatures"])
        agreement = try Agreement(try r.value("agreement"), at: JSONPath.root.appending("agreement"))
        var signatures: [Signature] = []
        for (i, element) in try r.array("signatures").enumerated() {
            let at = JSONPath.root.appending("signatures").appending(i)
            let s = try JSONObjectReader(element, at: at)
            try s.only(["agency_id", "signing_key_id", "signature"])
            let agency = try s.string("agency_id")
            guard AgencyID.isValid(agency) else {
                throw JSONShapeError(at: at.appending("agency_id"), "is not an agency id", fix: "an agency id is 1-64 of A-Z a-z 0-9 . _ -")
            }
            let keyID = try s.string("signing_key_id")
            guard Hex.decode(keyID, count: 16) != nil else {
                throw JSONShapeError(at: at.appending("signing_key_id"), "must be 32 lower-case hex digits")
            }
            let text = try s.string("signature")
            guard let sig = Hex.decode(text, count: Ed25519.signatureLength) else {
                throw JSONShapeError(at: at.appending("signature"), "must be 128 lower-case hex digits")
            }
            guard !signatures.contains(where: { $0.agencyID == agency }) else {
                throw JSONShapeError(at: at, "is a second signature by the same agency")
            }
            signatures.append(Signature(agencyID: agency, signingKeyID: keyID, signature: sig))
        }
        self.signatures = signatures
    }

    /// The file's bytes: pretty-printed, with a final newline.
    public var fileBytes: [UInt8] {
        let value = JSONValue.object(JSONObject([
            .init(key: "agreement", value: agreement.json),
            .init(key: "signatures", value: .array(signatures.map { s in
                .object(JSONObject([
                    .init(key: "agency_id", value: .string(s.agencyID)),
                    .init(key: "signing_key_id", value: .string(s.signingKeyID)),
                    .init(key: "signature", value: .string(Hex.encode(s.signature))),
                ]))
            })),
        ]))
        return JSONWriter(options: [.prettyPrinted]).bytes(value) + [0x0a]
    }

    public static func load(path: String) throws(AgreementError) -> SignedAgreement {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgreementError("cannot read the agreement \(path)", hint: "check the path")
        }
        return try SignedAgreement(parsing: Array(data), source: path)
    }
}
