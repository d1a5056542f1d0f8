import Foundation

/// Asking a person to confirm before something leaves this agency, after they have seen what it is.
///
/// Invariant: nothing is ever taken as a yes but a typed "y" or "yes" on a terminal, or the
/// command's --yes flag. Without a terminal on standard input there is nobody to ask, so the
/// command stops before doing anything and says to add --yes (a script's explicit consent).
enum Confirmation {
    /// Throws unless `--yes` was given or standard input is a terminal: called before any work.
    static func requireSomeoneToAsk(yes: Bool, command: String) throws {
        guard !yes, !Terminal.isTerminal(0) else { return }
        throw CLIError("standard input is not a terminal, so sealpost \(command) cannot ask you to confirm after the preview; nothing was sealed or sent",
                       hint: "add --yes to \(command) without asking (for scripts), or --preview to see what would leave")
    }

    /// Asks `question` on standard error and reads the answer from standard input (a terminal);
    /// throws unless the answer is y or yes.
    static func ask(_ question: String, refused: String) throws {
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            throw CLIError(refused, hint: "run the command again when it is ready to go (--preview shows what would leave)")
        }
    }
}
