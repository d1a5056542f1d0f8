import SealpostLedger
import SealpostLog
import SealpostRecord

/// What a reply that travels back to the other agency carries beside its own fields (an
/// acknowledgement, a decline): the replier's signed receipt, its log checkpoint, and the echo of
/// the latest checkpoint it holds of the other agency's log (spec/receipts.md §Receipts).
///
///     "receipt": {statement}, "signature": <hex>, "checkpoint": {text, signature}, "echo"?: {text, signature}
enum CarriedReceipt {
    static let members = ["receipt", "signature", "checkpoint", "echo"]

    static func encode(_ receipt: Receipt, checkpoint: SignedCheckpoint, echo: SignedCheckpoint?, into object: inout JSONObject) {
        object["receipt"] = .object(receipt.statement)
        object["signature"] = .string(receipt.signatureHex)
        object["checkpoint"] = HeldCheckpoint.json(checkpoint)
        if let echo { object["echo"] = HeldCheckpoint.json(echo) }
    }

    /// Reads the carried receipt, which must be of `kind`; `bad` makes the caller's error.
    static func decode(_ object: JSONObject, kind: Receipt.Kind,
                       bad: (String) -> ExchangeError) throws(ExchangeError) -> (receipt: Receipt, checkpoint: SignedCheckpoint, echo: SignedCheckpoint?) {
        guard let statement = object["receipt"]?.objectValue, let signature = object["signature"]?.stringValue,
              let receipt = Receipt(statement: statement, signatureHex: signature), receipt.kind == kind.rawValue else {
            throw bad("it carries no well-formed \(kind.rawValue) receipt")
        }
        guard let checkpoint = HeldCheckpoint.parse(object["checkpoint"]) else { throw bad("it carries no well-formed log checkpoint") }
        var echo: SignedCheckpoint?
        if let value = object["echo"] {
            guard let parsed = HeldCheckpoint.parse(value) else { throw bad("its echoed checkpoint is malformed") }
            echo = parsed
        }
        return (receipt, checkpoint, echo)
    }
}
