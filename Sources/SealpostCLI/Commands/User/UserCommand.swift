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
        Each practitioner has a passphrase of their own that unlocks the agency's keys through their own
        key slot (HOME/practitioners/ID.key), so they can sign in to `sealpost web` and every decision
        they take is logged with their name and role. The agency passphrase keeps working for the
        command line, whose decisions are logged as made by "command line". Removing a practitioner
        deletes their slot: their passphrase then unlocks nothing in this home.
        """,
        subcommands: [UserAddCommand.self, UserListCommand.self, UserRemoveCommand.self],
        defaultSubcommand: UserListCommand.self
    )

    static let userPassphraseVariable = "SEALPOST_USER_PASSPHRASE"

    /// A new practitioner's passphrase: from `file`, else `SEALPOST_USER_PASSPHRASE`, else asked
    /// twice on the terminal. Never the agency's source: the two are separate on purpose.
    static func newPassphrase(file: String?, for name: String) throws -> SecureBytes {
        if let file { return try PassphraseSource.read(file: file) }
        if let value = ProcessInfo.processInfo.environment[userPassphraseVariable] {
            guard !value.isEmpty else {
                throw CLIError("\(userPassphraseVariable) is set but empty",
                               hint: "set it to the practitioner's passphrase, or unset it and pass --user-passphrase-file FILE")
            }
            return SecureBytes(copying: value.utf8)
        }
        let prompt = "New passphrase for \(Printable.escape(name)) (at least \(Practitioner.minimumPassphraseLength) characters): "
        let asked = Result { () throws(CommandLineError) in try PassphraseSource(file: nil, environment: [:]).readOrPrompt(prompt, confirm: true) }
        switch asked {
        case .success(let passphrase):
            return passphrase
        case .failure(let error) where error.message.contains("no terminal"):
            throw CLIError("no passphrase for the new practitioner: there is no terminal to ask on",
                           hint: "pass --user-passphrase-file FILE or set \(userPassphraseVariable) for automation")
        case .failure(let error):
            throw error
        }
    }
}

extension CLIError {
    init(_ error: PractitionerError) { self.init(error.reason, hint: error.hint) }
}
