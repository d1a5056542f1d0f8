import SealpostCore
import SealpostJSON
import SealpostLog
import SealpostSodium

/// The receipt log as read back from disk (lines of `log.jsonl` and `details.jsonl`) and the
/// checkpoints a counterpart hands over.
enum LogTargets {
    static let all: [FuzzTarget] = [logLine, logDetails, checkpoints]

    /// Each line of the input as a chain entry, as `LogReader` and `LogVerifier` read them.
    static let logLine = FuzzTarget("log-line", "LogEntry.parse of each line, its facts and signature",
                                    seeds: { [logLineSeed()] }) { bytes in
        for line in bytes.split(separator: 0x0A) {
            guard let entry = try? LogEntry.parse(line: line) else { continue }
            _ = entry.facts
            _ = entry.factsMention("envelope")
            _ = entry.hasValidSignature(by: FixedIdentities.sender.signingKey.publicKey)
        }
    }

    /// Each line as `details.jsonl` holds it, plaintext (older homes) or sealed at rest, opened with
    /// the fixed identity's key as LogReader and LogVerifier open them.
    static let logDetails = FuzzTarget("log-details", "StoredDetails.parse of each line, opened, its JSON and commitment",
                                       seeds: { logDetailsSeeds() }) { bytes in
        let atRest = AtRest(identity: FixedIdentities.sender)
        for line in bytes.split(separator: 0x0A) {
            guard let stored = StoredDetails.parse(line: line), let details = stored.open(with: atRest) else { continue }
            _ = details.details
            _ = details.commitment
        }
    }

    /// The input both as a checkpoints file and as one checkpoint's text.
    static let checkpoints = FuzzTarget("checkpoints", "CheckpointsFile.read and Checkpoint(text:)",
                                        seeds: { checkpointSeeds() }) { bytes in
        if let held = try? CheckpointsFile.read(bytes) {
            for signed in held { _ = signed.isValid(for: FixedIdentities.sender.signingKey.publicKey) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let checkpoint = Checkpoint(text: text), checkpoint.text != text, Array(text.utf8) == bytes {
            fatalError("checkpoints: a checkpoint that reads does not write back as the same text")
        }
    }

    static let facts: JSONObject = ["envelope_id": .string(String(repeating: "ab", count: 32)), "agency": "police-cait",
                                    "receipt": ["relay": "relay-kingsbridge", "deposited_at": 1_790_000_000]]

    static func logLineSeed() -> [UInt8] {
        let body = LogEntry.body(seq: 1, at: 1_790_000_000_000, kind: "sent", prev: LogEntry.genesis(owner: FixedIdentities.sender.signingKey.publicKey),
                                 facts: facts, commitment: [UInt8](repeating: 7, count: 32))
        let signature = FixedIdentities.sender.signingKey.signature(for: LogEntry.signedMessage(body))
        return Array(Hex.encode(signature.rawRepresentation).utf8) + [0x20] + body + [0x0A]
    }

    static func logDetailsSeeds() -> [[UInt8]] {
        let details = LogDetails(seq: 1, salt: [UInt8](repeating: 3, count: LogDetails.saltLength),
                                 details: ["subject": ["name": "A Child", "nhs_number": "9434765919"], "fields": ["narrative"]])
        return [details.line, details.sealedLine(with: AtRest(identity: FixedIdentities.sender)) ?? []]
    }

    static func checkpointSeeds() -> [[UInt8]] {
        let checkpoint = Checkpoint(agency: FixedIdentities.sender.agencyID, size: 42, head: [UInt8](repeating: 5, count: 32))
        return [CheckpointsFile.bytes([checkpoint.signed(by: FixedIdentities.sender.signingKey)]), Array(checkpoint.text.utf8)]
    }
}
