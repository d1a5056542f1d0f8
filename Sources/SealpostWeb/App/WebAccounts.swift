import SealpostCore
import SealpostSodium

/// Who may sign in, and how a name and passphrase unlock the agency's identity. A wrong name and
/// a wrong passphrase are the same failure (nil), so the page cannot tell which was wrong.
public struct WebAccounts: Sendable {
    public let unlock: @Sendable (_ name: String, _ passphrase: SecureBytes) -> (Identity, Practitioner)?
    /// Whether anyone at all can sign in (the app refuses to start otherwise, with the fix).
    public let anyone: @Sendable () -> Bool

    public init(unlock: @escaping @Sendable (_ name: String, _ passphrase: SecureBytes) -> (Identity, Practitioner)?,
                anyone: @escaping @Sendable () -> Bool) {
        self.unlock = unlock
        self.anyone = anyone
    }

    /// The home's practitioners (`sealpost user add`), each with their own passphrase and key slot
    /// (spec/practitioners.md). The agency passphrase itself does not sign in to the app.
    public static func practitioners(_ home: Home) -> WebAccounts {
        let practitioners = Practitioners(home: home)
        return WebAccounts(
            unlock: { name, passphrase in
                guard let unlocked = try? practitioners.unlock(name, passphrase: passphrase) else { return nil }
                return (unlocked.identity, unlocked.practitioner)
            },
            anyone: { !((try? practitioners.list()) ?? []).isEmpty })
    }
}
