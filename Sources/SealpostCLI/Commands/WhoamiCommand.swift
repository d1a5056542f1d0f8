import ArgumentParser
import SealpostCore

struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show this identity's agency, key ids and fingerprint.")

    @OptionGroup var options: HomeOptions

    func run() throws {
        let card: IdentityCard
        do { card = try options.resolvedHome.card() } catch { throw CLIError(error) }
        print("agency:         \(card.agencyID)")
        print("name:           \(card.name)")
        print("signing key id: \(card.signingKeyID)")
        print("box key id:     \(card.boxKeyID)")
        print("fingerprint:    \(card.fingerprint)")
    }
}
