import ArgumentParser
import Foundation
import SealpostCommandLine
import SealpostCore
import SealpostSodium

/// `sealpost user`: practitioners' accounts, each a key slot in HOME/practitioners (spec/practitioners.md).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and remove the practitioners who sign in with their own passphrase.",
        discussion: """
        Each practitioner has a passphrase of their own that unlocks the agency's keys through their own \
        key slot (HOME/practitioners/ID.key), so they can sign in to `sealpost web` and every decision \
        they take is logged with their name and role. The agency passphrase keeps working for the \
        command line, whose decisions are logged as made by "command line". Removing a practitioner \
        deletes their slot: their passphrase then unlocks nothing in this home.
        """,
        subcommands: [UserAddCommand.self, UserListCommand.self, UserRemoveCommand.self],
        defaultSubcommand: UserListCommand.self
    )

    static let userPassphraseVariable = "SEALPOST_USER_PASSPHRASE"

    /// A new practitioner's passphrase: from `file`, else `SEALPOST_USER_PASSPHRASE`, else asked on
    /// the terminal (a suggestion offered, asked twice, again on a typo). Never the agency's source:
    /// the two are separate on purpose. `UserAddCommand` then applies the practitioner's own rules.
    static func newPassphrase(file: String?, for name: String) throws -> SecureBytes {
        let source = PassphraseSource(file: file, variable: userPassphraseVariable, fileOption: "--user-passphrase-file")
        if let given = try source.fileOrEnvironment() { return given }
        return try source.readNew("New passphrase for \(Printable.escape(name)) (at least \(Practitioner.minimumPassphraseLength) characters): ")
    }
}

extension CLIError {
    init(_ error: PractitionerError) { self.init(error.reason, hint: error.hint) }
}
