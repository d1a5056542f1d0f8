import ArgumentParser
import Foundation
import SealpostLog

/// `sealpost log erase --before DATE --rule TEXT`: retention. Erases the personal details of
/// entries older than the date; the chain and its verification are untouched.
struct LogEraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase the details of entries made before a date, under a retention rule.",
        discussion: """
        Details hold personal data (the child's identifiers, reasons); the chain holds only salted \
        commitments to them, so erasing details leaves the log verifying. The erasure is itself \
        recorded as an `erased` entry naming the rule. Needs the passphrase (the entry is signed).
        """)

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("Erase details of entries made before this date (UTC).", valueName: "YYYY-MM-DD"))
    var before: String

    @Option(name: .long, help: ArgumentHelp("The retention rule applied, recorded in the log.", valueName: "TEXT"))
    var rule: String

    func run() throws {
        let cutoff = try LogDay.start(before, option: "--before")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        // Up to tomorrow: "before tomorrow" reaches every entry made so far.
        guard cutoff <= now + 86_400_000 else { throw CLIError("--before \(before) is in the future", hint: "erasure applies to entries already made") }
        guard !rule.trimmingCharacters(in: .whitespaces).isEmpty, rule.count <= 500 else {
            throw CLIError("--rule must say which retention rule applies (1-500 characters)")
        }
        let identity = try options.unlock()
        do {
            let log = try ReceiptLog(directory: options.resolvedHome.logDirectory, identity: identity)
            let count = try log.eraseDetails(before: cutoff, rule: rule, at: now)
            print(count == 0 ? "no details older than \(before) to erase" : "erased the details of \(count) entries made before \(before); the log still verifies (sealpost log verify)")
        } catch { throw CLIError(error) }
    }
}
