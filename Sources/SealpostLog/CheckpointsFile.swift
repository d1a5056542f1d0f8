import SealpostCore
import SealpostJSON
import SealpostSodium

/// The checkpoints file `sealpost log checkpoints` writes and `sealpost log verify --checkpoints`
/// reads (spec/receipts.md): a JSON array of `{"signature": HEX, "text": CHECKPOINT}`, the
/// checkpoints a counterpart holds of one agency's log.
///
/// Read with the strict parser: a duplicate or unknown member, a byte order mark or upper-case
/// hex is refused, so that the file cannot mean one thing to this reader and another to a
/// reader that keeps the first of two `signature` members.
public enum CheckpointsFile {
    /// Pretty-printed with sorted members and a final newline.
    public static func bytes(_ held: [SignedCheckpoint]) -> [UInt8] {
        let array = JSONValue.array(held.map {
            ["signature": .string(Hex.encode($0.signature.rawRepresentation)), "text": .string($0.checkpoint.text)]
        })
        return array.serialized(options: [.prettyPrinted, .sortedKeys]) + [0x0A]
    }

    /// The checkpoints in `bytes`; the error names the first offending value by its JSON path.
    public static func read(_ bytes: [UInt8]) throws(JSONShapeError) -> [SignedCheckpoint] {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw JSONShapeError(at: error.path, "(byte \(error.offset)) \(error.problem)", fix: error.fix)
        }
        guard let elements = value.arrayValue else {
            throw JSONShapeError(at: .root, "must be an array, not \(value.typeDescription)",
                                 fix: "the file holds [{\"signature\": HEX, \"text\": CHECKPOINT}, ...]")
        }
        var held: [SignedCheckpoint] = []
        for (i, element) in elements.enumerated() {
            let r = try JSONObjectReader(element, at: JSONPath.root.appending(i))
            try r.only(["signature", "text"])
            guard let checkpoint = Checkpoint(text: try r.string("text")) else {
                throw r.invalid("text", "is not a checkpoint", fix: "it must be the three checkpoint lines")
            }
            let raw = try r.hex("signature", count: Ed25519.signatureLength)
            guard let signature = try? Ed25519.Signature(rawRepresentation: raw) else {
                throw r.invalid("signature", "is not an Ed25519 signature")
            }
            held.append(SignedCheckpoint(checkpoint: checkpoint, signature: signature))
        }
        return held
    }
}
