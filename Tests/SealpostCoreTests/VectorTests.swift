import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// Runs every published vector in spec/vectors/ through the opener and checks its outcome.
struct VectorTests {
    struct Vector: CustomStringConvertible {
        let name: String
        let fields: [(String, String)]
        let envelope: [UInt8]

        func values(_ key: String) -> [String] { fields.filter { $0.0 == key }.map(\.1) }
        func value(_ key: String) -> String? { values(key).first }
        var description: String { name }
    }

    /// Trusts the senders a vector lists, by the one sender rule, and keeps the reason it gave.
    final class ListedSenders: SenderDirectory {
        let trusted: [KnownSender]
        var reason: SenderRule.Reason?
        init(_ trusted: [KnownSender]) { self.trusted = trusted }
        func trust(for manifest: Manifest) -> SenderTrust {
            switch SenderRule.match(manifest, among: trusted) {
            case .success: return .trusted
            case .failure(let failure):
                reason = failure.reason
                return .untrusted(failure.reason.rawValue)
            }
        }
    }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("spec/vectors")

    static func load() throws -> [Vector] {
        // Folders hold the other sets (practitioners/, cards/, key-files/...), each with its own tests.
        var isDirectory: ObjCBool = false
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { name in
                !name.hasSuffix(".md")
                    && FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }.sorted()
        return try names.map { name in
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            let split = try #require(bytes.indices.dropLast().first { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a },
                                     "\(name): no blank line after the fields")
            let text = String(decoding: bytes[0..<split], as: UTF8.self)
            let fields = text.split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: ":", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }
            return Vector(name: name, fields: fields, envelope: Array(bytes[(split + 2)...]))
        }
    }

    @Test func thereAreVectorsForEveryOutcome() throws {
        let vectors = try Self.load()
        #expect(vectors.count >= 40)
        let outcomes = Set(vectors.compactMap { $0.value("expect") })
        for category in EnvelopeError.Category.allCases {
            #expect(outcomes.contains(category.rawValue), "no vector expects \(category.rawValue)")
        }
        let reasons = Set(vectors.compactMap { $0.value("reason") })
        for reason in SenderRule.Reason.allCases {
            #expect(reasons.contains(reason.rawValue), "no vector has sender_unknown reason \(reason.rawValue)")
        }
        #expect(outcomes.contains("success"))
    }

    @Test(arguments: try load())
    func vector(_ vector: Vector) throws {
        let expect = try #require(vector.value("expect"))
        let identityHex = try #require(vector.value("identity"))
        let secret = try #require(Hex.decode(identityHex))
        let identity = Identity(agencyID: "vector-opener", name: "Vector opener", signingKey: .generate(),
                                boxKey: try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: secret)))
        var trusted: [KnownSender] = []
        for line in vector.values("trusted sender") {
            let parts = line.split(separator: " ").map(String.init)
            #expect(parts.count == 3, "trusted sender is 'AGENCY SIGNING_KEY BOX_KEY'")
            guard parts.count == 3 else { continue }
            trusted.append(KnownSender(agencyID: parts[0], signingKey: Hex.decode(parts[1]) ?? [], boxKey: Hex.decode(parts[2]) ?? []))
        }
        let senders = ListedSenders(trusted)
        let opener = EnvelopeOpener(identity: identity, senders: senders)
        let outcome: String
        var content: [UInt8] = []
        var contentHash = ""
        var attachments: [String] = []
        do {
            let result = try opener.openWithAttachments(vector.envelope)
            // The content stream: the attachments in order, then the body.
            content = result.attachments.flatMap { $0 } + result.content
            contentHash = Hex.encode(result.opened.contentHash)
            attachments = zip(result.opened.manifest.attachments, result.attachments).map { a, bytes in
                "\(bytes.count) \(Hex.encode(BLAKE2b.hash(bytes))) \(a.type) \(a.name)"
            }
            outcome = "success"
        } catch {
            guard case let .envelope(failure) = error else {
                Issue.record("\(vector.name): I/O error \(error)")
                return
            }
            outcome = failure.category.rawValue
        }
        #expect(outcome == expect, "\(vector.name): expected \(expect), got \(outcome)")
        // sender_unknown vectors name the rule's reason; no other vector has one.
        #expect(senders.reason?.rawValue == (outcome == "sender_unknown" ? vector.value("reason") : nil),
                "\(vector.name): reason \(senders.reason?.rawValue ?? "none"), listed \(vector.value("reason") ?? "none")")
        #expect((vector.value("reason") != nil) == (expect == "sender_unknown"), "\(vector.name): reason goes with sender_unknown")
        if expect == "success" {
            #expect(contentHash == vector.value("content hash"))
            #expect(Hex.encode(BLAKE2b.hash(content)) == vector.value("content hash"))
            #expect(String(content.count) == vector.value("content length"))
            #expect(attachments == vector.values("attachment"), "each attachment's length, hash, type and name")
        } else {
            #expect(content.isEmpty, "a failed open must release no content")
        }
    }
}
