import SealpostCore
import SealpostSodium

/// The relay's signed statement that it took an envelope for these mailboxes at this time: the
/// sender keeps it as evidence of when the record was handed over (spec/relay.md §Deposit receipts).
///
/// Signed bytes, all integers big-endian, every string ASCII with a one-byte length:
///
///     "sealpost/v1/deposit-receipt" || 0x00 ||
///     envelope id (32) || deposited_at (u64, Unix seconds) || expires_at (u64) ||
///     len || relay agency || len || sender agency || count (u8) || (len || mailbox)*, mailboxes sorted
public struct DepositReceipt: Sendable, Equatable {
    public static let label = "sealpost/v1/deposit-receipt"

    public var envelopeID: EnvelopeID
    public var relay: String
    public var sender: String
    /// Sorted, no repeats.
    public var mailboxes: [String]
    public var depositedAt: Int64
    public var expiresAt: Int64

    public init(envelopeID: EnvelopeID, relay: String, sender: String, mailboxes: [String], depositedAt: Int64, expiresAt: Int64) {
        (self.envelopeID, self.relay, self.sender) = (envelopeID, relay, sender)
        self.mailboxes = Array(Set(mailboxes)).sorted()
        self.depositedAt = depositedAt
        self.expiresAt = expiresAt
    }

    public var signedBytes: [UInt8] {
        var out = Array(Self.label.utf8)
        out.append(0)
        out += envelopeID.bytes
        for value in [UInt64(max(0, depositedAt)), UInt64(max(0, expiresAt))] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        func appendString(_ s: String) { let b = Array(s.utf8); out.append(UInt8(truncatingIfNeeded: b.count)); out += b }
        appendString(relay)
        appendString(sender)
        out.append(UInt8(truncatingIfNeeded: mailboxes.count))
        mailboxes.forEach(appendString)
        return out
    }

    public func signed(with key: Ed25519.SigningKey) -> SignedDepositReceipt {
        SignedDepositReceipt(receipt: self, signature: key.signature(for: signedBytes))
    }
}

public struct SignedDepositReceipt: Sendable, Equatable {
    public let receipt: DepositReceipt
    public let signature: Ed25519.Signature

    public init(receipt: DepositReceipt, signature: Ed25519.Signature) {
        self.receipt = receipt
        self.signature = signature
    }

    public func isValid(for relayKey: Ed25519.PublicKey) -> Bool {
        relayKey.isValidSignature(signature, for: receipt.signedBytes)
    }
}
