import Foundation
import Synchronization
import SealpostCore
import SealpostSodium
import Testing

/// Practitioners' key slots in a real home folder: add, list, sign in, remove, and every refusal.
struct PractitionerTests {
    let agencyPassphrase = SecureBytes(copying: "agency passphrase for tests".utf8)
    let annPassphrase = SecureBytes(copying: "ann's own long passphrase".utf8)

    /// A home with an identity and Ann Smith as a practitioner.
    func withHome(_ body: (Home, Identity, Practitioner) throws -> Void) throws {
        try withTemporaryDirectory { path in
            let home = Home(path: path + "/home")
            let identity = makeIdentity("school-st-annes", name: "St Anne's Primary School")
            try home.create(identity, passphrase: agencyPassphrase, cost: cheapCost)
            let ann = try Practitioners(home: home).add(name: "Ann Smith", role: "Designated Safeguarding Lead",
                                                        passphrase: annPassphrase, identity: identity, cost: cheapCost, now: 1_790_000_000)
            try body(home, identity, ann)
        }
    }

    func signInError(_ body: () throws -> Void) -> PractitionerError? {
        do { try body(); return nil } catch let error as PractitionerError { return error } catch {
            Issue.record("unexpected error \(error)"); return nil
        }
    }

    @Test func addListAndSignIn() throws {
        try withHome { home, identity, ann in
            let listed = try Practitioners(home: home).list()
            #expect(listed == [ann])
            #expect(ann.name == "Ann Smith" && ann.role == "Designated Safeguarding Lead" && ann.createdAt == 1_790_000_000)
            #expect(Practitioner.isID(ann.id) && ann.id == ann.id.lowercased())
            for who in ["Ann Smith", "ann smith", "  ANN SMITH ", ann.id, ann.id.uppercased()] {
                let unlocked = try Practitioners(home: home).unlock(who, passphrase: annPassphrase)
                #expect(unlocked.practitioner == ann)
                #expect(unlocked.identity.card == identity.card)
                #expect(unlocked.identity.signingKey.seed == identity.signingKey.seed)
            }
            // The agency passphrase still opens the key file, and is not a practitioner's.
            #expect(try home.unlock(passphrase: agencyPassphrase).card == identity.card)
            #expect(signInError { _ = try Practitioners(home: home).unlock("Ann Smith", passphrase: agencyPassphrase) } == .signInFailure)
        }
    }

    @Test func wrongPassphraseAndUnknownNameGiveTheIdenticalError() throws {
        try withHome { home, _, _ in
            let wrong = signInError { _ = try Practitioners(home: home).unlock("Ann Smith", passphrase: SecureBytes(copying: "not her passphrase".utf8)) }
            let unknown = signInError { _ = try Practitioners(home: home).unlock("Bob Jones", passphrase: annPassphrase) }
            let unknownID = signInError { _ = try Practitioners(home: home).unlock("0123456789abcdef", passphrase: annPassphrase) }
            #expect(wrong?.code == .signInFailed)
            for other in [unknown, unknownID] {
                #expect(other?.code == wrong?.code)
                #expect(other?.reason == wrong?.reason)
                #expect(other?.hint == wrong?.hint)
            }
            #expect(wrong?.reason.contains("Ann") == false)
        }
    }

    @Test func aRemovedPractitionerCannotSignIn() throws {
        try withHome { home, identity, ann in
            let path = home.practitionerSlotPath(ann.id)
            #expect(FileManager.default.fileExists(atPath: path))
            let removed = try Practitioners(home: home).remove("ann smith")
            #expect(removed.id == ann.id && removed.practitioner == ann)
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try Practitioners(home: home).list().isEmpty)
            #expect(signInError { _ = try Practitioners(home: home).unlock("Ann Smith", passphrase: annPassphrase) } == .signInFailure)
            #expect(signInError { _ = try Practitioners(home: home).remove("Ann Smith") }?.code == .notFound)
            // The last practitioner may go: the agency passphrase remains.
            #expect(try home.unlock(passphrase: agencyPassphrase).card == identity.card)
        }
    }

    @Test func slotsAreFilesOfMode0600InAPrivateFolder() throws {
        try withHome { home, _, ann in
            let slotMode = try permissions(of: home.practitionerSlotPath(ann.id))
            let folderMode = try permissions(of: home.practitionersDirectory)
            #expect(slotMode == 0o600)
            #expect(folderMode == 0o700)
            #expect(directoryEntries(home.practitionersDirectory).filter { !$0.hasPrefix(".") } == [ann.id + ".key"])
        }
    }

    @Test func namesAreUniqueIgnoringCase() throws {
        try withHome { home, identity, _ in
            let again = signInError {
                try Practitioners(home: home).add(name: "ANN SMITH", role: "Teacher", passphrase: annPassphrase, identity: identity, cost: cheapCost)
            }
            #expect(again?.code == .duplicateName)
            let bob = try Practitioners(home: home).add(name: "Bob Jones", role: "Deputy DSL", passphrase: SecureBytes(copying: "bob's own passphrase".utf8),
                                                        identity: identity, cost: cheapCost)
            #expect(try Practitioners(home: home).list().map(\.name) == ["Ann Smith", "Bob Jones"])
            #expect(try Practitioners(home: home).unlock(bob.id, passphrase: SecureBytes(copying: "bob's own passphrase".utf8)).practitioner == bob)
            // One practitioner's passphrase does not open another's slot.
            #expect(signInError { _ = try Practitioners(home: home).unlock("Bob Jones", passphrase: annPassphrase) } == .signInFailure)
        }
    }

    /// Four processes' worth of concurrent adds of one name: the lock lets exactly one through.
    @Test func concurrentAddsOfOneNameLetOneThrough() throws {
        try withHome { home, identity, _ in
            let outcomes = Mutex<[Bool]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { i in
                let added = (try? Practitioners(home: home).add(name: "Chris Lee", role: "Teacher \(i)", passphrase: annPassphrase,
                                                                identity: identity, cost: cheapCost)) != nil
                outcomes.withLock { $0.append(added) }
            }
            #expect(outcomes.withLock { $0.filter { $0 }.count } == 1)
            let listed = try Practitioners(home: home).list()
            #expect(listed.filter { $0.name == "Chris Lee" }.count == 1)
        }
    }

    @Test(arguments: [("", "Teacher", PractitionerError.Code.invalidName), (" Ann", "Teacher", .invalidName),
                      ("Ann\u{1b}[31m", "Teacher", .invalidName), ("Ann\nSmith", "Teacher", .invalidName),
                      (String(repeating: "a", count: 201), "Teacher", .invalidName), ("0123456789abcdef", "Teacher", .invalidName),
                      ("Command Line", "Teacher", .invalidName), ("Ann", "", .invalidRole), ("Ann", "DSL\u{202e}", .invalidRole),
                      ("Ann", "Teacher ", .invalidRole)])
    func badNamesAndRolesAreRefused(name: String, role: String, code: PractitionerError.Code) throws {
        try withHome { home, identity, _ in
            let error = signInError {
                try Practitioners(home: home).add(name: name, role: role, passphrase: annPassphrase, identity: identity, cost: cheapCost)
            }
            #expect(error?.code == code)
            #expect(error?.hint?.isEmpty == false)
        }
    }

    @Test func shortOrAgencyPassphrasesAreRefused() throws {
        try withHome { home, identity, _ in
            let short = signInError {
                try Practitioners(home: home).add(name: "Bob", role: "Teacher", passphrase: SecureBytes(copying: "elevenchars".utf8),
                                                  identity: identity, cost: cheapCost)
            }
            #expect(short?.code == .weakPassphrase)
            #expect(short?.reason.contains("at least 12 characters") == true)
            // Twelve characters of which some take several bytes: counted as characters.
            #expect(throws: Never.self) { try Practitioner.checkPassphrase(SecureBytes(copying: "ééééééééééé1".utf8)) }
            #expect(throws: PractitionerError.self) { try Practitioner.checkPassphrase(SecureBytes(copying: "éééééééééé1".utf8)) }
            #expect(throws: PractitionerError.self) {
                try Practitioner.checkPassphrase(agencyPassphrase, agencyPassphrase: SecureBytes(copying: "agency passphrase for tests".utf8))
            }
        }
    }

    @Test func anotherHomesIdentityIsRefused() throws {
        try withHome { home, _, _ in
            let error = signInError {
                try Practitioners(home: home).add(name: "Bob", role: "Teacher", passphrase: annPassphrase,
                                                  identity: makeIdentity("school-st-annes", name: "St Anne's Primary School"), cost: cheapCost)
            }
            #expect(error?.code == .wrongIdentity)
        }
    }

    @Test func tamperedSlotsAreRefused() throws {
        try withHome { home, identity, ann in
            let path = home.practitionerSlotPath(ann.id)
            let original = try #require(readFile(path))
            // Relabelled: Ann's sealed keys under a header naming someone else, or another role.
            let salt = Array(original[24..<40]), nonce = Array(original[40..<64])
            let sealed = Array(original.suffix(PractitionerSlot.sealedLength))
            for (name, role) in [("Eve Smith", ann.role), (ann.name, "Head Teacher")] {
                let relabelled = PractitionerSlot.headerBytes(
                    cost: cheapCost, salt: salt, nonce: nonce, id: ann.id, createdAt: ann.createdAt, name: name, role: role,
                    agencyID: identity.agencyID, agencyName: identity.name) + sealed
                try Data(relabelled).write(to: URL(fileURLWithPath: path))
                #expect(try Practitioners(home: home).list().map(\.name) == [name])
                #expect(signInError { _ = try Practitioners(home: home).unlock(name, passphrase: annPassphrase) } == .signInFailure)
                #expect(throws: PractitionerError(.unlockFailed, "")) { try PractitionerSlot.open(relabelled, passphrase: annPassphrase, source: path) }
            }
            // Any flipped byte after the magic: refused (malformed, limits or unlock failure), never opened.
            for offset in stride(from: 8, to: original.count, by: 7) {
                var flipped = original
                flipped[offset] ^= 0x01
                #expect(throws: PractitionerError.self) { try PractitionerSlot.open(flipped, passphrase: annPassphrase, source: path) }
            }
            try Data(original).write(to: URL(fileURLWithPath: path))
            #expect(try Practitioners(home: home).unlock("Ann Smith", passphrase: annPassphrase).practitioner == ann)
        }
    }

    @Test func absurdArgon2idLimitsAreRefusedBeforeHashing() throws {
        try withHome { home, _, ann in
            let original = try #require(readFile(home.practitionerSlotPath(ann.id)))
            for (offset, bytes) in [(12, [0xff, 0xff, 0xff, 0xff]), (12, [0, 0, 0, 0]), (16, [0, 0, 0x01, 0, 0, 0, 0, 0]), (16, [0, 0, 0, 0, 0, 0x10, 0, 0])] {
                var changed = original
                changed.replaceSubrange(offset..<offset + bytes.count, with: bytes.map(UInt8.init))
                let clock = ContinuousClock()
                let elapsed = clock.measure {
                    #expect(throws: PractitionerError(.limits, "")) { try PractitionerSlot.open(changed, passphrase: annPassphrase, source: "slot") }
                }
                #expect(elapsed < .seconds(5), "refused without hashing")
            }
        }
    }

    @Test func aSlotInTheWrongFileOrCutShortIsNamedInTheList() throws {
        try withHome { home, _, ann in
            let original = try #require(readFile(home.practitionerSlotPath(ann.id)))
            try Data(original).write(to: URL(fileURLWithPath: home.practitionerSlotPath("0000000000000000")))
            let error = signInError { _ = try Practitioners(home: home).list() }
            #expect(error?.code == .malformed)
            #expect(error?.reason.contains("0000000000000000.key") == true)
            // The damaged slot can be removed by its id; then the list reads again.
            #expect(try Practitioners(home: home).remove("0000000000000000").practitioner == nil)
            try Data(original.dropLast()).write(to: URL(fileURLWithPath: home.practitionerSlotPath(ann.id)))
            #expect(signInError { _ = try Practitioners(home: home).list() }?.code == .malformed)
            #expect(signInError { _ = try Practitioners(home: home).unlock("Ann Smith", passphrase: annPassphrase) } == .signInFailure)
        }
    }
}
