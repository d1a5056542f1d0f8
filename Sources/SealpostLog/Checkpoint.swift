import Foundation
import SealpostCore
import SealpostSodium

/// A signed statement of a log's size and head hash, in the layout of a C2SP tlog checkpoint
/// body, sent to counterparts inside every receipt so that a log later truncated or restored
/// from an old copy contradicts what they hold (spec/receipts.md §Checkpoints).
///
///     <agency> sealpost receipt log\n
///     <size, decimal>\n
///     <head hash, standard base64 with padding, canonical>\n
///
/// signature = Ed25519(owner, "sealpost/v1/log-checkpoint" || 0x00 || those three lines). The head
/// is the chain hash of entry `size` (the genesis hash when the log is empty), not a Merkle root.
public struct Checkpoint: Sendable, Equatable {
    public static let label = "sealpost/v1/log-checkpoint"
    public static let originSuffix = " sealpost receipt log"

    public let agency: String
    public let size: Int64
    public let head: [UInt8]

    public init(agency: String, size: Int64, head: [UInt8]) {
        (self.agency, self.size, self.head) = (agency, size, head)
    }

    public var text: String { "\(agency)\(Self.originSuffix)\n\(size)\n\(Data(head).base64EncodedString())\n" }

    public func signed(by key: Ed25519.SigningKey) -> SignedCheckpoint {
        SignedCheckpoint(checkpoint: self, signature: key.signature(for: Array(Self.label.utf8) + [0] + Array(text.utf8)))
    }

    /// Parses the three lines; nil unless they are exactly in the form above. The head must be
    /// canonical base64: Foundation's decoder also takes non-zero padding bits ("Bwd=" for "Bwc="),
    /// so several texts would read as one checkpoint while the signature covers only the canonical
    /// one (found by the checkpoints fuzz target's round-trip check).
    public init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 4, lines[3].isEmpty, lines[0].hasSuffix(Self.originSuffix),
              let size = Int64(lines[1]), size >= 0, String(size) == lines[1],
              let head = Data(base64Encoded: String(lines[2])), head.count == 32,
              head.base64EncodedString() == lines[2] else { return nil }
        let agency = String(lines[0].dropLast(Self.originSuffix.count))
        guard AgencyID.isValid(agency) else { return nil }
        self.init(agency: agency, size: size, head: Array(head))
    }
}

public struct SignedCheckpoint: Sendable, Equatable {
    public let checkpoint: Checkpoint
    public let signature: Ed25519.Signature

    public init(checkpoint: Checkpoint, signature: Ed25519.Signature) {
        self.checkpoint = checkpoint
        self.signature = signature
    }

    public func isValid(for key: Ed25519.PublicKey) -> Bool {
        key.isValidSignature(signature, for: Array(Checkpoint.label.utf8) + [0] + Array(checkpoint.text.utf8))
    }
}
