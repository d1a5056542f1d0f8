import Foundation
import SealpostCore
import SealpostRedaction
import SealpostSodium

/// Where a sender keeps the token-to-identity mappings of the records it redacted:
/// `HOME/pseudonyms/RECORD-ID.sealed`, each an envelope sealed to the sender's own identity, so
/// the identities are encrypted at rest and only this identity can read them back.
public struct PseudonymVault: Sendable {
    public let home: Home
    public static let contentType = "application/vnd.sealpost.pseudonyms+json"

    public init(home: Home) { self.home = home }

    public var directory: String { home.pseudonymsDirectory }

    func path(for recordID: String) -> String {
        let safe = String(recordID.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let ok = (0x30...0x39).contains(v) || (0x41...0x5a).contains(v) || (0x61...0x7a).contains(v) || v == 0x2d || v == 0x5f
            return ok ? Character(scalar) : "_"
        })
        return directory + "/" + (safe.isEmpty ? "record" : safe) + ".sealed"
    }

    /// Seals `map` to `identity` and stores it under `recordID`, replacing an older map.
    @discardableResult
    public func store(_ map: PseudonymMap, recordID: String, identity: Identity, now: UInt64) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let (envelope, _) = try EnvelopeSealer(sender: identity).seal(
            Array(try map.encoded()), recipients: [identity.boxKey.publicKey], contentType: Self.contentType,
            attributes: ["record_id": String(recordID.prefix(200))], createdAt: now)
        let destination = path(for: recordID)
        try AtomicFile.write(envelope, to: destination, mode: 0o600)
        return destination
    }

    /// Opens the stored map for `recordID`.
    public func load(recordID: String, identity: Identity) throws -> PseudonymMap {
        let source = path(for: recordID)
        guard let data = FileManager.default.contents(atPath: source) else {
            throw IdentityError("no pseudonym map for record \(recordID) in \(directory)")
        }
        let opener = EnvelopeOpener(identity: identity, senders: CardDirectory(cards: [identity.card]))
        let (content, _) = try opener.open(Array(data))
        return try PseudonymMap.decoded(from: Data(content))
    }
}
