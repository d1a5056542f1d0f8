import SealpostCore
import SealpostRecord

/// Who was acting for the agency when a log entry was appended, as its erasable details name them
/// (spec/receipts.md §Details): a practitioner signed in with their own key slot
/// (spec/practitioners.md), or the command line, run with the agency passphrase.
///
///     {"name", "role"?, "id"?}            the command line: {"name": "command line"}
///
/// A practitioner's name and role are kept as they were at the time, so a later removal or a
/// reused name does not change what the log says; `id` tells two people of the same name apart.
public struct ActorDetails: Sendable, Equatable {
    public var name: String
    public var role: String?
    /// The practitioner's id (16 hex digits); nil for the command line.
    public var practitionerID: String?

    public init(name: String, role: String? = nil, practitionerID: String? = nil) {
        (self.name, self.role, self.practitionerID) = (name, role, practitionerID)
    }

    /// A practitioner signed in through their key slot.
    public init(_ practitioner: Practitioner) {
        self.init(name: practitioner.name, role: practitioner.role, practitionerID: practitioner.id)
    }

    /// Decisions made at the command line, with the agency passphrase.
    public static let commandLine = ActorDetails(name: Practitioner.reservedName)

    public var isCommandLine: Bool { practitionerID == nil && name == Practitioner.reservedName }

    /// `Ann Smith (Designated Safeguarding Lead)`, or `command line`.
    public var display: String { role.map { "\(name) (\($0))" } ?? name }

    init?(_ value: JSONValue?) {
        guard let object = value?.objectValue else { return nil }
        let f = FactsReader(object)
        guard let name = f.string("name") else { return nil }
        self.init(name: name, role: f.string("role"), practitionerID: f.string("id"))
    }

    public var json: JSONObject {
        var f = FactsWriter()
        f.put("name", name)
        f.put("role", role)
        f.put("id", practitionerID)
        return f.object
    }
}
