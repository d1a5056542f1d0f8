import SealpostVectorFiles
import Foundation
import SealpostCore
import SealpostSodium
import Testing

/// Runs the identity card, key file and primitive vectors (spec/vectors/cards, key-files,
/// primitives) through the reference reader and primitives.
struct IdentityVectorTests {
    @Test func thereAreVectorsOfEachKind() throws {
        let cards = try FieldVectorFile.load("cards")
        #expect(cards.filter { $0.value("expect") == "valid" }.count >= 5)
        #expect(cards.filter { $0.value("expect") == "invalid" }.count >= 25)
        let files = try FieldVectorFile.load("key-files")
        #expect(files.contains { $0.value("expect") == "success" } && files.contains { $0.value("expect") == "refused" })
        #expect(try FieldVectorFile.load("primitives").count >= 5)
    }

    @Test(arguments: try FieldVectorFile.load("cards"))
    func card(_ vector: FieldVectorFile) throws {
        let expect = try vector.require("expect")
        let card: IdentityCard
        do {
            card = try IdentityCard.load(Data(vector.body), source: vector.name)
        } catch {
            #expect(expect == "invalid", "\(vector): refused: \(error.reason)")
            return
        }
        try #require(expect == "valid", "\(vector): accepted an invalid card")
        // Keys derive from the listed private keys; ids and fingerprint are the card's.
        let seed = try #require(Hex.decode(try vector.require("signing seed")))
        let signing = try Ed25519.SigningKey(seed: SecureBytes(copying: seed))
        let box = try X25519.PrivateKey(rawRepresentation: SecureBytes(copying: try #require(Hex.decode(try vector.require("box private key")))))
        #expect(Hex.encode(signing.publicKey.rawRepresentation) == (try vector.require("signing key")))
        #expect(Hex.encode(box.publicKey.rawRepresentation) == (try vector.require("box key")))
        let listedSigning = try vector.require("signing key"), listedBox = try vector.require("box key")
        #expect(card.signingKey == listedSigning && card.boxKey == listedBox)
        #expect(KeyID(signing.publicKey).description == (try vector.require("signing key id")))
        #expect(KeyID(box.publicKey).description == (try vector.require("box key id")))
        #expect(card.fingerprint == (try vector.require("fingerprint")))
        let groups = try vector.require("fingerprint").split(separator: " ")
        #expect(groups.count == 8 && groups.allSatisfy { $0.count == 5 && $0.allSatisfy(\.isNumber) })
    }

    @Test(arguments: try FieldVectorFile.load("key-files"))
    func keyFile(_ vector: FieldVectorFile) throws {
        let expect = try vector.require("expect")
        let passphrase = SecureBytes(copying: try #require(Hex.decode(try vector.require("passphrase"))))
        let identity: Identity
        do {
            identity = try KeyFile.decode(vector.body, passphrase: passphrase, source: vector.name)
        } catch {
            #expect(expect == "refused", "\(vector): \(error.reason)")
            return
        }
        try #require(expect == "success", "\(vector): opened a key file that must be refused")
        let agency = try vector.require("agency"), name = try vector.require("name")
        #expect(identity.agencyID == agency && identity.name == name)
        #expect(Hex.encode(identity.signingKey.seed.unprotectedCopy()) == (try vector.require("signing seed")))
        #expect(Hex.encode(identity.boxKey.rawRepresentation.unprotectedCopy()) == (try vector.require("box private key")))
        #expect(Hex.encode(identity.signingKey.publicKey.rawRepresentation) == (try vector.require("signing key")))
        #expect(Hex.encode(identity.boxKey.publicKey.rawRepresentation) == (try vector.require("box key")))
    }

    /// Cost bounds are checked before any hashing: refused in far less time than one Argon2id run.
    @Test func costBoundsAreRefusedBeforeHashing() throws {
        for name in ["refused_opslimit_0", "refused_opslimit_17", "refused_memlimit_below", "refused_memlimit_above",
                     "refused_memlimit_huge", "refused_memlimit_not_kib"] {
            let vector = try #require(try FieldVectorFile.load("key-files").first { $0.name == name })
            do {
                _ = try KeyFile.decode(vector.body, passphrase: SecureBytes(copying: Array("x".utf8)), source: name)
                Issue.record("\(name) opened")
            } catch {
                #expect(error.reason.contains("outside the accepted range"), "\(name): \(error.reason)")
            }
        }
    }

    @Test(arguments: try FieldVectorFile.load("primitives"))
    func primitive(_ vector: FieldVectorFile) throws {
        func hex(_ key: String) throws -> [UInt8] { try #require(Hex.decode(try vector.require(key)), "\(vector): \(key)") }
        if vector.name.hasPrefix("argon2id") {
            let key = try Argon2id.deriveKey(length: 32, passphrase: SecureBytes(copying: try hex("passphrase")), salt: try hex("salt"),
                                             opsLimit: try #require(UInt64(try vector.require("opslimit"))),
                                             memLimit: try #require(UInt64(try vector.require("memlimit"))))
            #expect(key.unprotectedCopy() == (try hex("key")))
        } else if vector.name.hasPrefix("kdf") {
            let master = try KDFMasterKey(SecureBytes(copying: try hex("file key")))
            #expect(KDF.deriveKey(length: 32, id: 1, context: "SPENV-v1", from: master).unprotectedCopy() == (try hex("header key")))
            #expect(KDF.deriveKey(length: 32, id: 2, context: "SPENV-v1", from: master).unprotectedCopy() == (try hex("payload key")))
        } else if vector.name.hasPrefix("secretstream") {
            let puller = try SecretStream.Puller(key: try SecretStreamKey(SecureBytes(copying: try hex("key"))), header: try hex("header"))
            let ad = try hex("additional data")
            let messages = vector.values("message")
            #expect(messages.count >= 8)
            for line in messages {
                let parts = line.split(separator: " ").map(String.init)
                try #require(parts.count == 3)
                let (plaintext, tag) = try puller.pull(try #require(Hex.decode(parts[2])), additionalData: ad)
                #expect(String(tag.rawValue) == parts[0])
                #expect((plaintext.isEmpty ? "-" : Hex.encode(plaintext)) == parts[1])
            }
        } else {
            Issue.record("\(vector): no test for this primitive")
        }
    }
}
