import SealpostCore
import SealpostSodium

/// Who may sign in, and how a name and passphrase unlock the agency's identity. A wrong name and
/// a wrong passphrase are the same failure (nil), so the page cannot tell which was wrong.
public struct WebAccounts: Sendable {
    public let unlock: @Sendable (_ name: String, _ passphrase: SecureBytes) -> (Identity, Practitioner)?

    public init(unlock: @escaping @Sendable (_ name: String, _ passphrase: SecureBytes) -> (Identity, Practitioner)?) {
        self.unlock = unlock
    }

    /// Signing in with the agency's own passphrase, under the agency id as the name: the one
    /// account a home has before practitioners are added.
    public static func agencyKey(_ home: Home) -> WebAccounts {
        WebAccounts { name, passphrase in
            let identity = try? home.unlock(passphrase: passphrase)
            guard let identity, name.lowercased() == identity.agencyID else { return nil }
            return (identity, Practitioner(name: identity.name, role: "agency key holder"))
        }
    }
}
