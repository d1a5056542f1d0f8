import SealpostSodium

/// A practitioner who acts for the agency with their own passphrase (spec/practitioners.md).
///
/// Invariants, checked when one is made and again when a slot is read: `id` is 16 lowercase hex
/// digits (8 random bytes); `name` and `role` are displayable text (`Practitioner.checkName`,
/// `checkRole`); `createdAt` is Unix seconds, not negative.
public struct Practitioner: Sendable, Hashable {
    public let id: String
    public let name: String
    public let role: String
    /// When the slot was made: Unix seconds.
    public let createdAt: Int64

    /// The fewest characters (Unicode scalars) a practitioner's passphrase may have.
    public static let minimumPassphraseLength = 12
    /// The name the command line records as the actor of its decisions; no practitioner may take it.
    public static let reservedName = "command line"

    init(id: String, name: String, role: String, createdAt: Int64) {
        (self.id, self.name, self.role, self.createdAt) = (id, name, role, createdAt)
    }

    /// A new practitioner with a fresh random id; checks the name and role.
    public static func make(name: String, role: String, createdAt: Int64) throws(PractitionerError) -> Practitioner {
        try checkName(name)
        try checkRole(role)
        return Practitioner(id: Hex.encode(RandomBytes.make(count: PractitionerSlot.idLength)), name: name, role: role,
                            createdAt: max(0, createdAt))
    }

    /// `text` has the form of a practitioner id: 16 hex digits (either case).
    public static func isID(_ text: String) -> Bool {
        text.utf8.count == 2 * PractitionerSlot.idLength && text.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0)
        }
    }

    static let textRule = "1-200 bytes of text on one line, with no control or formatting characters and no spaces at either end"

    /// A name is displayable text without spaces at either end, is not shaped like an id (so a
    /// lookup by name or id is never ambiguous) and is not the command line's reserved name.
    public static func checkName(_ name: String) throws(PractitionerError) {
        guard isText(name) else {
            throw PractitionerError(.invalidName, "the practitioner's name must be \(textRule)",
                                    hint: "give the name people know them by, such as --name \"Ann Smith\"")
        }
        guard !isID(name) else {
            throw PractitionerError(.invalidName, "the practitioner's name \"\(Printable.escape(name))\" looks like an id (16 hex digits)",
                                    hint: "give the name people know them by, such as --name \"Ann Smith\"")
        }
        guard name.lowercased() != reservedName else {
            throw PractitionerError(.invalidName, "\"\(reservedName)\" is what the log records for decisions made at the command line",
                                    hint: "give the practitioner's own name")
        }
    }

    public static func checkRole(_ role: String) throws(PractitionerError) {
        guard isText(role) else {
            throw PractitionerError(.invalidRole, "the practitioner's role must be \(textRule)",
                                    hint: "give their job title, such as --role \"Designated Safeguarding Lead\"")
        }
    }

    static func isText(_ text: String) -> Bool {
        Printable.isDisplayable(text) && !(text.unicodeScalars.first?.properties.isWhitespace ?? true)
            && !(text.unicodeScalars.last?.properties.isWhitespace ?? true)
    }

    /// A new practitioner's passphrase: at least `minimumPassphraseLength` characters, counted as
    /// Unicode scalars of its UTF-8 (without copying it into a String), and not the agency's.
    public static func checkPassphrase(_ passphrase: SecureBytes, agencyPassphrase: SecureBytes? = nil) throws(PractitionerError) {
        let characters = passphrase.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 & 0xc0 == 0x80 ? 0 : 1) } }
        guard characters >= minimumPassphraseLength else {
            throw PractitionerError(.weakPassphrase,
                                    "the practitioner's passphrase is too short: it needs at least \(minimumPassphraseLength) characters",
                                    hint: "choose a passphrase of three or four unrelated words, such as a line only they would know")
        }
        if let agencyPassphrase, agencyPassphrase == passphrase {
            throw PractitionerError(.weakPassphrase, "the practitioner's passphrase is the agency's passphrase",
                                    hint: "each practitioner chooses a passphrase of their own, so that removing them locks them out")
        }
    }
}

/// A practitioner signed in: who they are, and the agency identity their slot unlocked.
public struct UnlockedPractitioner: Sendable {
    public let practitioner: Practitioner
    public let identity: Identity
}
