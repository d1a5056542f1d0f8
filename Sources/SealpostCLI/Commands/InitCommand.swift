import ArgumentParser
import SealpostCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create this agency's identity: signing and encryption keys under a passphrase.")

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: "The agency id others will know you by (letters, digits, '.', '_', '-').")
    var agency: String

    @Option(name: .long, help: "The agency's name as people know it.")
    var name: String

    @Option(name: .long, help: "Argon2id cost: interactive, moderate (default) or sensitive.")
    var kdf: String = "moderate"

    func run() throws {
        let cost = try KDFProfile.cost(named: kdf)
        let home = options.resolvedHome
        do {
            let identity = try Identity.generate(agencyID: agency, name: name)
            guard !home.exists else {
                throw CLIError("\(home.path) already holds an identity",
                               hint: "choose another folder with --home; an identity is never overwritten")
            }
            let secret = try options.newPassphrase(prompt: "New passphrase for \(home.path): ")
            try home.create(identity, passphrase: secret, cost: cost)
            print("Created the identity of \(identity.agencyID) (\(identity.name)) in \(home.path)")
            print("fingerprint: \(identity.card.fingerprint)")
            print("Give others your card: sealpost export-card --home \(home.path) --output \(identity.agencyID).card.json")
        } catch let error as IdentityError {
            throw CLIError(error)
        }
    }
}
