import SealpostCore

/// `--kdf NAME`: the Argon2id cost a passphrase is stretched with, by libsodium's profile names.
/// One reader for every command that seals keys under a passphrase (`init`, `user add`).
enum KDFProfile: String, CaseIterable {
    case interactive, moderate, sensitive

    /// The cost named `name`, or an error listing the names that exist.
    static func cost(named name: String) throws -> KeyFile.Cost {
        guard let profile = KDFProfile(rawValue: name) else {
            throw CLIError("unknown --kdf \(name)", hint: "use interactive, moderate or sensitive")
        }
        return switch profile {
        case .interactive: .interactive
        case .moderate: .moderate
        case .sensitive: .sensitive
        }
    }
}
