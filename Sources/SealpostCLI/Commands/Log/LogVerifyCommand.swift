import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostLog
import SealpostSodium

/// `sealpost log verify`: the chain, signatures, details and checkpoints; names the first bad entry.
struct LogVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the log end to end and name the first bad entry.",
        discussion: """
        Checks every link of the hash chain, the owner's signatures (the head's, and by binary search \
        the first that fails; every one with --every-signature), the details against their \
        commitments (they are sealed at rest: with --details, which asks for the passphrase; \
        without it the chain, its facts and signatures are checked and the sealed details counted), \
        the counterparts' signatures carried in entries (with the installed agreement's \
        keys), and any checkpoints a counterpart holds of this log (--against FILE, as written by \
        `sealpost log checkpoints --of AGENCY` in the counterpart's home: a JSON array of \
        {"text": CHECKPOINT, "signature": HEX}). Exits 1 if anything is wrong.
        """)

    @OptionGroup var options: HomeOptions

    @Flag(name: .long, help: "Check every entry's signature, not only the head's.")
    var everySignature = false

    @Flag(name: .long, help: "Also open the sealed details and check each against its commitment (needs the passphrase).")
    var details = false

    @Option(name: .long, help: ArgumentHelp("Checkpoints of this log held by a counterpart.", valueName: "FILE"))
    var against: [String] = []

    func run() throws {
        let location = try LogLocation(options)
        var checkpoints: [SignedCheckpoint] = []
        for file in against { checkpoints += try Self.loadCheckpoints(file) }
        var verifier = LogVerifier(directory: location.directory, owner: location.owner)
        verifier.everySignature = everySignature
        if details { verifier.atRest = AtRest(identity: try options.unlock(toShow: "log verify --details")) }
        // Counterpart signatures are checked with the keys of the agreement in force here.
        if let agreement = try? AgreementStore(home: location.home).current()?.agreement {
            verifier.evidence = ReceiptEvidence.verifier(agreement: agreement, owner: location.owner)
        } else {
            print("note: no agreement is installed here, so counterpart signatures are not checked")
        }
        let report: LogVerifier.Report
        do { report = try verifier.verify(checkpoints: checkpoints) } catch { throw CLIError(error) }
        if report.tornTail > 0 {
            print("note: the last entry is torn (\(report.tornTail) bytes of an interrupted append); it is not counted and the next append removes it")
        }
        print("log of \(location.agency): \(report.entries) entries, head \(Hex.encode(report.head).prefix(16))...")
        print("  signatures checked \(report.signaturesChecked), details present \(report.detailsPresent), erased \(report.detailsErased), counterpart signatures \(report.evidenceChecked), checkpoints \(report.checkpointsChecked)")
        if report.detailsSealedUnchecked > 0 {
            print("  details sealed and not checked \(report.detailsSealedUnchecked) (check them with --details, which asks for the passphrase)")
        }
        for problem in report.checkpointProblems { print("  checkpoint: \(problem)") }
        if let problem = report.problem {
            throw CLIError("the log does not verify: \(problem)",
                           hint: "see it with: sealpost log show \(problem.entry); entries before it are intact")
        }
        guard report.checkpointProblems.isEmpty else {
            throw CLIError("the log contradicts a checkpoint its counterpart holds",
                           hint: "the log was truncated, restored from an old copy or rewritten; keep this copy and restore the latest backup")
        }
        print("ok: the log verifies")
    }

    static func loadCheckpoints(_ path: String) throws -> [SignedCheckpoint] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the checkpoints file \(path)", hint: "check the path")
        }
        do { return try CheckpointsFile.read(Array(data)) } catch {
            throw CLIError("\(path): \(error)",
                           hint: "make it in the counterpart's home with: sealpost log checkpoints --of YOUR-AGENCY")
        }
    }
}
