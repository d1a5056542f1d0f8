import SealpostCore
import SealpostRecord
import SealpostSodium

/// The sender's envelope signature as a recipient keeps it in its `received` entry
/// (`evidence.envelope_signature`): the hashes it covers and the signature, all hex, so that the
/// recipient's log holds the sender's own signature over the content hash it received.
///
///     {"content_hash", "content_length", "header_hash", "manifest_hash", "signature"}
public enum EnvelopeEvidence {
    public static func json(_ s: EnvelopeSignature) -> JSONValue {
        ["header_hash": .string(Hex.encode(s.headerHash)), "manifest_hash": .string(Hex.encode(s.manifestHash)),
         "content_hash": .string(Hex.encode(s.contentHash)), "content_length": .number(JSONNumber(Int64(clamping: s.contentLength))),
         "signature": .string(Hex.encode(s.signature.rawRepresentation))]
    }

    public static func parse(_ value: JSONValue?) -> EnvelopeSignature? {
        guard let o = value?.objectValue,
              let header = o["header_hash"]?.stringValue.flatMap({ Hex.decode($0, count: 32) }),
              let manifest = o["manifest_hash"]?.stringValue.flatMap({ Hex.decode($0, count: 32) }),
              let content = o["content_hash"]?.stringValue.flatMap({ Hex.decode($0, count: 32) }),
              let length = o["content_length"]?.numberValue?.int64Value, length >= 0,
              let raw = o["signature"]?.stringValue.flatMap({ Hex.decode($0, count: 64) }),
              let signature = try? Ed25519.Signature(rawRepresentation: raw) else { return nil }
        return EnvelopeSignature(headerHash: header, manifestHash: manifest, contentHash: content,
                                 contentLength: UInt64(length), signature: signature)
    }
}
