import SealpostCore
import SealpostSodium
import SealpostLedger
import SealpostLog
import SealpostRecord

/// What a reply that travels back to the other agency carries beside its own fields (an
/// acknowledgement, an outcome, a decline): the replier's signed receipt, its log checkpoint
/// after logging it, and the echo of the latest checkpoint it holds of the other agency's log
/// (spec/receipts.md §Receipts).
///
///     "receipt": {statement}, "signature": <hex>, "checkpoint": {text, signature}, "echo"?: {text, signature}
public struct CarriedReceipt: Sendable, Equatable {
    static let members = ["receipt", "signature", "checkpoint", "echo"]

    /// The replier's signed receipt.
    public var receipt: Receipt
    /// The replier's log checkpoint after logging it.
    public var checkpoint: SignedCheckpoint
    /// The latest checkpoint of the other agency's log the replier holds.
    public var echo: SignedCheckpoint?

    public init(receipt: Receipt, checkpoint: SignedCheckpoint, echo: SignedCheckpoint?) {
        (self.receipt, self.checkpoint, self.echo) = (receipt, checkpoint, echo)
    }

    func encode(into object: inout JSONObject) {
        object["receipt"] = .object(receipt.statement)
        object["signature"] = .string(receipt.signatureHex)
        object["checkpoint"] = HeldCheckpoint.json(checkpoint)
        if let echo { object["echo"] = HeldCheckpoint.json(echo) }
    }

    /// The reply as bytes: its own `fields`, the format and the carried receipt, compact JSON with
    /// members sorted.
    func encoded(format: String, fields: JSONObject) -> [UInt8] {
        var object = fields
        object["format"] = .string(format)
        encode(into: &object)
        return JSONWriter(options: [.sortedKeys]).bytes(.object(object))
    }

    /// Reads a reply of `format` carrying a receipt of `kind`: at most `maximumBytes`, no member but
    /// `fields`' names, the format and the carried receipt's. `read` takes the reply's own fields and
    /// returns how to make the reply from the carried receipt; `bad` makes the caller's error.
    static func decode<Reply>(_ bytes: [UInt8], format: String, kind: Receipt.Kind, maximumBytes: Int, fields: [String],
                              bad: (String) -> ExchangeError,
                              read: (JSONObjectReader) throws(JSONShapeError) -> (CarriedReceipt) -> Reply) throws(ExchangeError) -> Reply {
        guard bytes.count <= maximumBytes else { throw bad("it is longer than \(maximumBytes) bytes") }
        let r: JSONObjectReader
        let make: (CarriedReceipt) -> Reply
        do throws(JSONShapeError) {
            r = try JSONObjectReader(parsing: bytes)
            try r.only(["format"] + fields + members)
            guard try r.string("format") == format else { throw r.invalid("format", "is not \(format)") }
            make = try read(r)
        } catch { throw bad(error.description) }
        let object = r.object
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
        return make(CarriedReceipt(receipt: receipt, checkpoint: checkpoint, echo: echo))
    }

    /// Checks, on collecting a reply signed by `signer` with `key`, that the carried checkpoint is
    /// `signer`'s; returns what is wrong with this agency's log when the echo contradicts it.
    /// `about` names the reply in the error ("the acknowledgement of envelope …").
    func checkCheckpoint(signer: String, key: Ed25519.PublicKey, about: String,
                         context: ExchangeContext) throws(ExchangeError) -> String? {
        guard checkpoint.checkpoint.agency == signer, checkpoint.isValid(for: key) else {
            throw ExchangeError(.acknowledgement, "\(signer)'s \(about) carries a log checkpoint not signed by \(signer)",
                                hint: "it was left at the relay and not recorded; tell \(signer)")
        }
        guard let echo else { return nil }
        return try context.contradiction(of: echo)
    }

    /// Logs the replier's receipt, with its checkpoint and echo as evidence, in this agency's log.
    func log(details: ReceiptDetails = ReceiptDetails(), context: ExchangeContext) throws(ExchangeError) {
        try context.appendToLog([ReceiptEntry.counterparts(receipt, checkpoint: checkpoint, echo: echo, details: details)],
                                at: context.nowMilliseconds)
    }
}
