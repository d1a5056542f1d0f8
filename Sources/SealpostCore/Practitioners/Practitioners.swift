#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostSodium

/// The practitioners of one home: a key slot each in `HOME/practitioners/ID.key` (0600, written
/// atomically; spec/practitioners.md §Storage). What the web app signs people in with.
///
/// Invariants: a slot's file name is its practitioner id; names are unique ignoring case; a slot
/// is only ever added whole or removed whole (under an exclusive lock on `practitioners/.lock`,
/// so two `add`s cannot both take a name). Listing needs no passphrase; it reads only headers.
public struct Practitioners: Sendable {
    public let home: Home

    public init(home: Home) { self.home = home }

    var directory: String { home.practitionersDirectory }

    /// Every practitioner, by name. A damaged slot is an error naming its file, not skipped.
    public func list() throws(PractitionerError) -> [Practitioner] {
        try slots().map { slot throws(PractitionerError) in try slot.header.get().practitioner }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// Signs `who` (a name, ignoring case, or an id) in with their passphrase. Whatever goes wrong
    /// before the keys are open (no such practitioner, wrong passphrase, damaged slot) gives the one
    /// `PractitionerError.signInFailure`, after the same Argon2id work, so neither the answer nor
    /// its timing tells whether the name exists.
    public func unlock(_ who: String, passphrase: SecureBytes) throws(PractitionerError) -> UnlockedPractitioner {
        let all = (try? slots()) ?? []
        let found = Self.find(who, in: all)
        guard let found, let header = try? found.header.get() else {
            let cost = all.lazy.compactMap { try? $0.header.get().cost }.first ?? .moderate
            _ = try? Argon2id.deriveKey(length: XChaCha20Poly1305.keyLength, passphrase: passphrase,
                                        salt: RandomBytes.make(count: Argon2id.saltLength), opsLimit: cost.opsLimit, memLimit: cost.memLimit)
            throw .signInFailure
        }
        let unlocked: UnlockedPractitioner
        do { unlocked = try PractitionerSlot.open(found.bytes, passphrase: passphrase, source: found.path) } catch { throw .signInFailure }
        guard unlocked.practitioner == header.practitioner, unlocked.identity.card == (try? home.card()) else {
            throw PractitionerError(.wrongIdentity, "\(found.path) holds keys that are not this home's identity (\(home.cardPath))",
                                    hint: "remove the slot with: sealpost user remove \(header.practitioner.id) and add the practitioner again")
        }
        return unlocked
    }

    /// Adds a practitioner with their own passphrase, sealing `identity` (the home's, unlocked with
    /// the agency passphrase) for them. Refuses a name already taken (ignoring case).
    @discardableResult
    public func add(name: String, role: String, passphrase: SecureBytes, identity: Identity, cost: KeyFile.Cost = .moderate,
                    now: Int64 = Int64(Date().timeIntervalSince1970)) throws(PractitionerError) -> Practitioner {
        try Practitioner.checkName(name)
        try Practitioner.checkRole(role)
        try Practitioner.checkPassphrase(passphrase)
        guard identity.card == (try? home.card()) else {
            throw PractitionerError(.wrongIdentity, "the identity given is not the one in \(home.path)",
                                    hint: "unlock the home's own identity with the agency passphrase")
        }
        try makeDirectory()
        let lock = try Lock(path: directory + "/.lock")
        defer { lock.release() }
        let existing = try list()
        if let taken = existing.first(where: { $0.name.lowercased() == name.lowercased() }) {
            throw PractitionerError(.duplicateName, "a practitioner called \"\(taken.name)\" already exists (id \(taken.id))",
                                    hint: "give their full name to tell them apart, or remove the old one with: sealpost user remove \(taken.id)")
        }
        var practitioner = try Practitioner.make(name: name, role: role, createdAt: now)
        while existing.contains(where: { $0.id == practitioner.id }) {
            practitioner = try Practitioner.make(name: name, role: role, createdAt: now)
        }
        let bytes = try PractitionerSlot.encode(identity, for: practitioner, passphrase: passphrase, cost: cost)
        let path = home.practitionerSlotPath(practitioner.id)
        do { try AtomicFile.write(bytes, to: path, mode: 0o600) } catch {
            throw PractitionerError(.storage, "cannot write \(error.path): \(error.reason)", hint: "check that \(directory) is writable")
        }
        return practitioner
    }

    /// What `remove` took away: the id, and who it was when the slot could still be read.
    public struct Removed: Sendable {
        public let id: String
        public let practitioner: Practitioner?
    }

    /// Removes `who`'s slot (by name, ignoring case, or by id; a damaged slot by id), so their
    /// passphrase no longer unlocks anything in this home. The agency passphrase is unaffected.
    @discardableResult
    public func remove(_ who: String) throws(PractitionerError) -> Removed {
        let notFound = PractitionerError(.notFound, "no practitioner \"\(Practitioner.isText(who) ? who : Printable.escape(who))\" in \(home.path)",
                                         hint: "list them with: sealpost user list")
        guard FileManager.default.fileExists(atPath: directory) else { throw notFound }
        let lock = try Lock(path: directory + "/.lock")
        defer { lock.release() }
        guard let slot = Self.find(who, in: try slots()) else { throw notFound }
        guard unlink(slot.path) == 0 else {
            throw PractitionerError(.storage, "cannot remove \(slot.path): \(String(cString: strerror(errno)))")
        }
        do { try AtomicFile.syncDirectory(directory) } catch {
            throw PractitionerError(.storage, "removed \(slot.path), but could not make that durable: \(error.reason)")
        }
        return Removed(id: slot.id, practitioner: try? slot.header.get().practitioner)
    }

    // MARK: - Slots on disk

    struct Slot {
        let id: String
        let path: String
        let bytes: [UInt8]
        let header: Result<PractitionerSlot.Header, PractitionerError>
    }

    /// Every `ID.key` file in the folder (none when it does not exist), each with its header read.
    func slots() throws(PractitionerError) -> [Slot] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var out: [Slot] = []
        for name in names.sorted() where name.hasSuffix(".key") && !name.hasPrefix(".") {
            let path = directory + "/" + name
            let id = String(name.dropLast(4))
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if (attributes?[.size] as? NSNumber)?.intValue ?? 0 > PractitionerSlot.maximumLength {
                out.append(Slot(id: id, path: path, bytes: [], header: .failure(PractitionerError(
                    .malformed, "\(path) is not a valid practitioner slot (longer than \(PractitionerSlot.maximumLength) bytes)",
                    hint: "remove it with: sealpost user remove \(id)"))))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PractitionerError(.storage, "cannot read \(path)", hint: "check its permissions: it should be 0600, owned by this user")
            }
            let bytes = Array(data)
            var header = Result { () throws(PractitionerError) in try PractitionerSlot.readHeader(bytes, source: path) }
            if case .success(let h) = header, h.practitioner.id != id {
                header = .failure(PractitionerError(.malformed, "\(path) holds the slot of practitioner \(h.practitioner.id), not \(id)",
                                                    hint: "a slot's file is named for its id; rename it to \(h.practitioner.id).key or remove it"))
            }
            out.append(Slot(id: id, path: path, bytes: bytes, header: header))
        }
        return out
    }

    /// The slot `who` names: an id (any case) matches a file name; otherwise a name, ignoring case
    /// and spaces at either end, matches a readable slot.
    static func find(_ who: String, in slots: [Slot]) -> Slot? {
        let wanted = who.trimmingCharacters(in: .whitespaces)
        if Practitioner.isID(wanted), let byID = slots.first(where: { $0.id == wanted.lowercased() }) { return byID }
        return slots.first { (try? $0.header.get().practitioner.name.lowercased()) == wanted.lowercased() }
    }

    func makeDirectory() throws(PractitionerError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw PractitionerError(.storage, "cannot create \(directory): \(error.localizedDescription)",
                                    hint: "check that \(home.path) exists and is writable")
        }
    }

    /// An exclusive `flock`, held until `release()`; a killed process releases it with its descriptors.
    final class Lock {
        private var descriptor: Int32

        init(path: String) throws(PractitionerError) {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                throw PractitionerError(.storage, "cannot lock \(path): \(reason)", hint: "check that the home folder exists and is writable")
            }
            while flock(fd, LOCK_EX) != 0, errno == EINTR {}
            descriptor = fd
        }

        func release() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }

        deinit { release() }
    }
}
