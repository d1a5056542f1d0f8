import SealpostSodium

/// The rule for a new passphrase that will protect an agency's keys (and so child-protection records),
/// and the suggestion the prompt offers.
///
/// Invariant: a passphrase shorter than `minimumLength` characters (Unicode scalars of its UTF-8) is
/// never accepted, whether it comes from a file, the environment or the prompt. A suggestion is six
/// words drawn uniformly from the EFF short list (6 x log2(1296) = 62 bits), so it always passes.
public enum NewPassphrase {
    public static let minimumLength = 12
    public static let suggestionWords = 6
    /// How often the prompt asks before giving up (a typo at the confirmation asks again).
    public static let attempts = 3

    /// Characters in `passphrase`, counted from its UTF-8 without copying it into a String.
    public static func characterCount(_ passphrase: SecureBytes) -> Int {
        passphrase.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 & 0xc0 == 0x80 ? 0 : 1) } }
    }

    /// Throws when `passphrase` is too short; the message says the rule, never the passphrase.
    public static func check(_ passphrase: SecureBytes) throws(CommandLineError) {
        guard characterCount(passphrase) >= minimumLength else {
            throw CommandLineError(
                "the new passphrase is too short: it needs at least \(minimumLength) characters",
                hint: "choose several unrelated words; at a terminal, the prompt offers a suggestion of six random words")
        }
    }

    /// Six random words from the EFF short list, separated by spaces.
    public static func suggestion() -> String {
        (0..<suggestionWords).map { _ in PassphraseWords.all[Int(RandomBytes.uniform(UInt32(PassphraseWords.all.count)))] }
            .joined(separator: " ")
    }

    /// The number of words a suggestion is drawn from: the test checks the list's invariant.
    public static var wordListCount: Int { PassphraseWords.all.count }
    public static var distinctWordCount: Int { Set(PassphraseWords.all).count }
}

extension PassphraseSource {
    /// A new passphrase: from the file or the environment (checked against `NewPassphrase`'s rule),
    /// else asked on the terminal, which offers a suggestion (Enter alone takes it), and asks it again
    /// to confirm. A passphrase too short, or a confirmation that differs, is asked again, up to
    /// `NewPassphrase.attempts` times in all.
    public func readNew(_ prompt: String) throws(CommandLineError) -> SecureBytes {
        if let given = try fileOrEnvironment() {
            try NewPassphrase.check(given)
            return given
        }
        var lastProblem = ""
        for attempt in 1...NewPassphrase.attempts {
            let suggestion = NewPassphrase.suggestion()
            let offer = "A suggestion (six random words; write it down somewhere safe): \(suggestion)\n"
            guard var first = SecretPrompt.read(offer + prompt + "(Enter alone takes the suggestion) ") else {
                throw CommandLineError(
                    "no passphrase: there is no terminal to ask on",
                    hint: "pass \(fileOption) FILE or set \(variable) for automation")
            }
            if first.count == 0 { first = SecureBytes(copying: suggestion.utf8) }
            let left = NewPassphrase.attempts - attempt
            let again = left > 0 ? " Try again (\(left) more " + (left == 1 ? "try" : "tries") + ").\n" : "\n"
            do { try NewPassphrase.check(first) } catch {
                lastProblem = error.message
                SecretPrompt.say("That passphrase is too short: it needs at least \(NewPassphrase.minimumLength) characters." + again)
                continue
            }
            guard let second = SecretPrompt.read("Repeat the passphrase: ") else {
                throw CommandLineError("no passphrase confirmation")
            }
            if first == second { return first }
            lastProblem = "the two passphrases differ"
            SecretPrompt.say("The two passphrases differ." + again)
        }
        throw CommandLineError("no new passphrase after \(NewPassphrase.attempts) tries: \(lastProblem)",
                               hint: "run the command again; nothing was changed")
    }
}
