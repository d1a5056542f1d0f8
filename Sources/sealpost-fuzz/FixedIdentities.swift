import SealpostCore
import SealpostSodium

/// Identities made from constant seeds, so every fuzzing run (and every replay of a crash) sees
/// the same keys. Nothing here is secret: these keys exist only to let inputs get past the
/// cryptographic gates (the slot, the header tag, the signatures) to the code behind them.
enum FixedIdentities {
    /// The recipient the envelope targets open as. Its box key is the one the published vectors
    /// in spec/vectors/ are addressed to, so those vectors are seeds that reach past the slots.
    static let recipient = Identity(
        agencyID: "vector-opener", name: "Vector opener", signingKey: signingKey(0x01),
        boxKey: boxKey(hex: "f565ec3a6a2c15c87fd187ea53f79cf8b9381d5110549b3edebe5cbd317c3c45"))

    /// The sender of the structure-aware envelope target, and the signer of cards, agreements,
    /// requests, receipts, log entries and checkpoints.
    static let sender = Identity(agencyID: "school-st-annes", name: "St Anne's Primary School",
                                 signingKey: signingKey(0x02), boxKey: boxKey(seedByte: 0x03))

    /// The relay that signs deposit receipts.
    static let relay = Identity(agencyID: "relay-kingsbridge", name: "Kingsbridge relay",
                                signingKey: signingKey(0x04), boxKey: boxKey(seedByte: 0x05))

    /// The signing key of the published vectors' trusted sender (school-st-annes).
    static let vectorSender: [UInt8] = Hex.decode("84c8e654cf016dc6205db9073df74687634ade68c3b20d62dcbf98afe44d109e")!

    static func signingKey(_ byte: UInt8) -> Ed25519.SigningKey {
        try! Ed25519.SigningKey(seed: SecureBytes(copying: [UInt8](repeating: byte, count: 32)))
    }

    static func boxKey(seedByte byte: UInt8) -> X25519.PrivateKey {
        try! X25519.PrivateKey(rawRepresentation: SecureBytes(copying: [UInt8](repeating: byte, count: 32)))
    }

    static func boxKey(hex: String) -> X25519.PrivateKey {
        try! X25519.PrivateKey(rawRepresentation: SecureBytes(copying: Hex.decode(hex)!))
    }
}

/// Trusts the fixed sender and the vectors' sender by agency and signing key, as the vector
/// tests do, so that opening reaches the content and the signature.
struct FixedSenders: SenderDirectory {
    func trust(for manifest: Manifest) -> SenderTrust {
        let key = manifest.senderSigningKey.rawRepresentation
        if manifest.senderAgency == FixedIdentities.sender.agencyID,
           key == FixedIdentities.sender.signingKey.publicKey.rawRepresentation || key == FixedIdentities.vectorSender {
            return .trusted
        }
        return .untrusted("not a fixed sender")
    }
}
