import Foundation
import Logging
import Testing
import SealpostAgreement
import SealpostCore
import SealpostRecord
import SealpostRelay
import SealpostSodium

// Shared fixtures: a partnership of fixed identities with a relay operator, its signed agreement,
// temporary folders, and envelopes (the relay reads only an envelope's magic, so random bytes
// behind a valid prefix stand in for sealed records).

/// An identity whose keys come from `seed`, so cards and signatures are the same on every run.
func fixedIdentity(_ agency: String, _ name: String, seed: UInt8) -> Identity {
    let signing = try! Ed25519.SigningKey(seed: SecureBytes(copying: [UInt8](repeating: seed, count: 32)))
    let box = try! X25519.PrivateKey(rawRepresentation: SecureBytes(copying: [UInt8](repeating: seed &+ 0x40, count: 32)))
    return Identity(agencyID: agency, name: name, signingKey: signing, boxKey: box)
}

enum Party {
    static let school = fixedIdentity("school-st-annes", "St Anne's Primary School", seed: 1)
    static let csc = fixedIdentity("kingsbridge-csc", "Kingsbridge Children's Social Care", seed: 2)
    static let mash = fixedIdentity("kingsbridge-mash", "Kingsbridge MASH", seed: 3)
    static let police = fixedIdentity("police-cait", "Police Child Abuse Investigation Team", seed: 4)
    /// Revoked in the default agreement.
    static let health = fixedIdentity("health-0-19", "Kingsbridge 0-19 Health Service", seed: 5)
    static let relay = fixedIdentity("relay-kingsbridge", "Kingsbridge Relay Operator", seed: 6)
    /// Not a party at all.
    static let outsider = fixedIdentity("outsider", "An Outsider", seed: 9)

    static let roles: [String: SafeguardingRole] = [
        school.agencyID: .school, csc.agencyID: .childrensSocialCare, mash.agencyID: .mash,
        police.agencyID: .police, health.agencyID: .health, relay.agencyID: .relayOperator,
    ]
    static let members = [school, csc, mash, police, health, relay]

    static let purpose = AgreementPurpose(
        id: "mash_screening", name: "MASH screening of a contact", lawfulBases: [.publicTask],
        recipients: [.init(role: .mash, fields: [FieldPath("subject")!])])

    /// The partnership's agreement, signed by every active party; `health` revoked unless told otherwise.
    static func agreement(revoked: Set<String> = [health.agencyID], extra: [Identity] = [], relay relayIdentity: Identity = relay,
                          from: String = "2020-01-01", until: String = "2099-12-31", version: Int64 = 1) -> SignedAgreement {
        var parties = members.filter { $0.agencyID != relay.agencyID }.map {
            AgreementParty(card: $0.card, role: roles[$0.agencyID]!, status: revoked.contains($0.agencyID) ? .revoked : .active)
        }
        parties.append(AgreementParty(card: relayIdentity.card, role: .relayOperator,
                                      status: revoked.contains(relayIdentity.agencyID) ? .revoked : .active))
        for identity in extra { parties.append(AgreementParty(card: identity.card, role: .voluntarySector)) }
        let document = try! Agreement(id: "kingsbridge-dsa", version: version, title: "Kingsbridge data-sharing agreement",
                                      validFrom: CalendarDate(iso: from)!, validUntil: CalendarDate(iso: until)!,
                                      parties: parties, purposes: [purpose])
        var signed = SignedAgreement(agreement: document)
        for identity in members + [relayIdentity] + extra where document.requiredSigners.contains(where: { $0.agencyID == identity.agencyID }) {
            try! signed.sign(as: identity)
        }
        return signed
    }
}

/// Bytes the relay takes for an envelope: the magic, then `size - 8` random bytes.
func envelope(size: Int = 4096) -> [UInt8] {
    precondition(size >= 38)
    return Array("SEALPOST".utf8) + RandomBytes.make(count: size - 8)
}

/// A temporary folder, removed when the returned value's `remove()` is called.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "relay") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A relay configuration over a fresh database in `folder`.
func relayConfiguration(_ folder: TemporaryFolder, agreement: SignedAgreement = Party.agreement(),
                        _ adjust: (inout RelayConfiguration) -> Void = { _ in },
                        clock: @escaping @Sendable () -> Int64 = RelayConfiguration.systemClock) -> RelayConfiguration {
    var config = RelayConfiguration(databasePath: folder.file("relay.sqlite"), agreement: agreement, identity: Party.relay, clock: clock)
    adjust(&config)
    return config
}

/// A clock tests can set and move.
final class TestClock: Sendable {
    private let seconds: Mutex<Int64>
    init(_ start: Int64 = RelayConfiguration.systemClock()) { seconds = Mutex(start) }
    var now: Int64 { seconds.withLock { $0 } }
    func advance(by delta: Int64) { seconds.withLock { $0 += delta } }
    var function: @Sendable () -> Int64 { { self.now } }
}

/// Runs `body` against a fresh relay on `store`, then stops it and removes its folder (and its
/// PostgreSQL database).
func withRelay<T>(store: TestStore, agreement: SignedAgreement = Party.agreement(), clock: TestClock? = nil, logger: Logger? = nil,
                  configure adjust: (inout RelayConfiguration) -> Void = { _ in },
                  _ body: (RunningRelay, TemporaryFolder) async throws -> T) async throws -> T {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var config = relayConfiguration(folder, agreement: agreement, adjust, clock: clock?.function ?? RelayConfiguration.systemClock)
    let database = try await store.prepare(&config)
    do {
        let relay = if let logger { try await RunningRelay.start(config, logger: logger) } else { try await RunningRelay.start(config) }
        do {
            let result = try await body(relay, folder)
            await relay.stop()
            await database?.drop()
            return result
        } catch {
            await relay.stop()
            throw error
        }
    } catch {
        await database?.drop()
        throw error
    }
}

import Synchronization

/// A value shared between tasks.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func update<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
