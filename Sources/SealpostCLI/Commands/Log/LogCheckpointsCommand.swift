import ArgumentParser
import Foundation
import SealpostCore
import SealpostExchange
import SealpostLedger
import SealpostLog
import SealpostRecord

/// `sealpost log checkpoints --of AGENCY`: the checkpoints of another agency's log that this
/// home holds, for that agency to check its own log against (`sealpost log verify --against`).
struct LogCheckpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoints",
        abstract: "Export the checkpoints of an agency's log that this home holds.",
        discussion: """
        Every record and acknowledgement carries its sender's signed log checkpoint, and this home \
        keeps them in its own log. Give the file this writes to that agency: `sealpost log verify \
        --against FILE` there finds a log truncated, restored from an old copy or rewritten.
        """)

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("The agency whose log's checkpoints to export.", valueName: "AGENCY"))
    var of: String

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output (a file atomically; a device or named pipe is written into).", valueName: "FILE"))
    var output: String?

    func run() throws {
        let location = try LogLocation(options)
        guard AgencyID.isValid(of) else { throw CLIError("\(Printable.escape(of)) is not an agency id") }
        let held = ReceiptEvidence.checkpoints(of: of, heldIn: location.directory)
        let bytes = CheckpointsFile.bytes(held)
        if let output {
            try writeOutput(bytes, to: output, mode: 0o644)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
        printError(Display.count(held.count, "checkpoint") + " of \(of)'s log" + (held.map(\.checkpoint.size).max().map { ", the latest at size \($0)" } ?? ""))
    }
}
