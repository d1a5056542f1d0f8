import Foundation
import SealpostJSON
import SealpostSodium

/// The public half of an identity, as JSON that parties exchange (spec/envelope.md §"Identity cards").
///
///     {"version":1,"agency_id":"…","name":"…","signing_key":"<hex>","box_key":"<hex>",
///      "signing_key_id":"<hex>","box_key_id":"<hex>","self_signature":"<hex>"}
///
/// The self-signature, by the signing key, covers the agency id, name and both public keys,
/// so a card whose box key was swapped does not verify. It proves possession, not identity:
/// compare the fingerprint with the agency by another channel before trusting a card.
public struct IdentityCard: Encodable, Equatable, Sendable {
    public let version: Int
    public let agencyID: String
    public let name: String
    public let signingKey: String
    public let boxKey: String
    public let signingKeyID: String
    public let boxKeyID: String
    public let selfSignature: String

    enum CodingKeys: String, CodingKey {
        case version, name
        case agencyID = "agency_id"
        case signingKey = "signing_key"
        case boxKey = "box_key"
        case signingKeyID = "signing_key_id"
        case boxKeyID = "box_key_id"
        case selfSignature = "self_signature"
    }

    static let selfSignatureLabel = "sealpost/v1/card"

    init(version: Int, agencyID: String, name: String, signingKey: String, boxKey: String, signingKeyID: String,
         boxKeyID: String, selfSignature: String) {
        (self.version, self.agencyID, self.name, self.signingKey) = (version, agencyID, name, signingKey)
        (self.boxKey, self.signingKeyID, self.boxKeyID) = (boxKey, signingKeyID, boxKeyID)
        self.selfSignature = selfSignature
    }

    static func make(agencyID: String, name: String, signingKey: Ed25519.SigningKey, boxKey: X25519.PublicKey) -> IdentityCard {
        let message = signedBytes(agencyID: agencyID, name: name, signingKey: signingKey.publicKey, boxKey: boxKey)
        return IdentityCard(version: 1, agencyID: agencyID, name: name,
                            signingKey: Hex.encode(signingKey.publicKey.rawRepresentation),
                            boxKey: Hex.encode(boxKey.rawRepresentation),
                            signingKeyID: KeyID(signingKey.publicKey).description,
                            boxKeyID: KeyID(boxKey).description,
                            selfSignature: Hex.encode(signingKey.signature(for: message).rawRepresentation))
    }

    /// label || 0x00 || u8 len || agency id || u16 len || name || signing key || box key
    static func signedBytes(agencyID: String, name: String, signingKey: Ed25519.PublicKey, boxKey: X25519.PublicKey) -> [UInt8] {
        var out = Array(selfSignatureLabel.utf8)
        out.append(0)
        out.append(UInt8(agencyID.utf8.count)); out += Array(agencyID.utf8)
        out.appendBigEndian(UInt16(name.utf8.count)); out += Array(name.utf8)
        out += signingKey.rawRepresentation
        out += boxKey.rawRepresentation
        return out
    }

    static func check(agencyID: String, name: String) throws(IdentityError) {
        guard AgencyID.isValid(agencyID) else {
            throw IdentityError("agency id \"\(Printable.escape(agencyID))\" is not valid",
                                hint: "use 1-64 letters, digits, '.', '_' or '-', such as school-st-marys")
        }
        guard Printable.isDisplayable(name) else {
            throw IdentityError("the agency name \(Printable.displayableRule)")
        }
    }

    /// The verified keys of this card. Throws if any field is malformed or the self-signature fails.
    public func verified() throws(IdentityError) -> (signingKey: Ed25519.PublicKey, boxKey: X25519.PublicKey) {
        guard version == 1 else { throw IdentityError("identity card version \(version) is not supported (this program reads version 1)") }
        try IdentityCard.check(agencyID: agencyID, name: name)
        guard let sk = Hex.decode(signingKey), let signing = try? Ed25519.PublicKey(rawRepresentation: sk) else {
            throw IdentityError("identity card field signing_key is not 64 lower-case hex digits")
        }
        guard let bk = Hex.decode(boxKey), let box = try? X25519.PublicKey(rawRepresentation: bk) else {
            throw IdentityError("identity card field box_key is not 64 lower-case hex digits")
        }
        guard !box.isLowOrder else {
            throw IdentityError("identity card box_key is a low-order point that nothing could be sealed to",
                                hint: "the card is damaged or hostile; ask the agency for it again")
        }
        guard signingKeyID == KeyID(signing).description, boxKeyID == KeyID(box).description else {
            throw IdentityError("identity card key ids do not match its keys")
        }
        guard let sig = Hex.decode(selfSignature, count: Ed25519.signatureLength), let signature = try? Ed25519.Signature(rawRepresentation: sig),
              signing.isValidSignature(signature, for: IdentityCard.signedBytes(agencyID: agencyID, name: name, signingKey: signing, boxKey: box)) else {
            throw IdentityError("identity card self-signature does not verify", hint: "the card was altered; ask the agency for it again")
        }
        return (signing, box)
    }

    /// A human-comparable fingerprint of both public keys: 8 groups of 5 digits.
    public var fingerprint: String {
        guard let sk = Hex.decode(signingKey), let bk = Hex.decode(boxKey) else { return "invalid" }
        return Fingerprint.digits(of: EnvelopeFormat.labelledHash(EnvelopeFormat.fingerprintLabel, sk + bk))
    }

    /// Pretty-printed JSON with sorted keys and a trailing newline.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try! encoder.encode(self)
        data.append(0x0a)
        return data
    }

    /// The members of a card, all required; a reader refuses any other.
    static let members = ["version", "agency_id", "name", "signing_key", "box_key", "signing_key_id", "box_key_id",
                          "self_signature"]

    /// Reads a card's members from parsed JSON (a card file, or a card inside an agreement) without
    /// verifying it: every member present, of its type, and no other; `version` written exactly `1`.
    /// The parser has already refused duplicate members and a byte order mark.
    public init(json value: JSONValue, at path: JSONPath = .root) throws(JSONShapeError) {
        let r = try JSONObjectReader(value, at: path)
        try r.only(IdentityCard.members)
        // One spelling per number: 1.0, 1e0 and 10e-1 are the number 1 written as other texts.
        guard let literal = try r.value("version").numberValue?.literal, let version = Int(literal),
              String(version) == literal else {
            throw r.invalid("version", "must be a whole number written in plain digits, such as 1 (not 1.0 or 1e0)",
                            fix: "this program reads version 1 cards")
        }
        self.init(version: version, agencyID: try r.string("agency_id"), name: try r.string("name"),
                  signingKey: try r.string("signing_key"), boxKey: try r.string("box_key"),
                  signingKeyID: try r.string("signing_key_id"), boxKeyID: try r.string("box_key_id"),
                  selfSignature: try r.string("self_signature"))
    }

    /// Parses and verifies a card. `source` names the file in errors.
    ///
    /// Strict (spec/envelope.md §"Identity cards"): a card that two readers could read
    /// differently is refused, so duplicate members, unknown members, a byte order mark and any
    /// spelling of `version` but `1` are errors, as are upper-case hex digits.
    public static func load(_ data: Data, source: String) throws(IdentityError) -> IdentityCard {
        guard data.count <= 16 * 1024 else { throw IdentityError("\(source): an identity card is at most 16 KiB") }
        let hint = "export the card again with: sealpost export-card"
        let value: JSONValue
        do { value = try JSONParser.parse(data) } catch {
            throw IdentityError("\(source): not an identity card (expected JSON from sealpost export-card): \(error)", hint: hint)
        }
        let card: IdentityCard
        do { card = try IdentityCard(json: value) } catch {
            throw IdentityError("\(source): identity card \(error.path): \(error.problem)", hint: error.fix ?? hint)
        }
        do { _ = try card.verified() } catch { throw IdentityError("\(source): \(error.reason)", hint: error.hint) }
        return card
    }
}

/// Digit groups for reading aloud.
enum Fingerprint {
    /// 8 groups of 5 decimal digits, each group from 4 bytes of the hash (mod 100000).
    static func digits(of hash: [UInt8]) -> String {
        (0..<8).map { g in
            let v = hash[g * 4..<g * 4 + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let s = String(v % 100_000)
            return String(repeating: "0", count: 5 - s.count) + s
        }.joined(separator: " ")
    }
}
