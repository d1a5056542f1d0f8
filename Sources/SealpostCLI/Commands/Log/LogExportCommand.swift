import ArgumentParser
import Foundation
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord

/// `sealpost log export`: the log as JSON (every field, details included) or CSV (the table).
struct LogExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log as JSON or CSV.",
        discussion: """
        JSON holds each entry's seq, time, kind, facts, hash, prev and signature, and its details \
        unless they were erased or --without-details is given (details hold personal data: the \
        child's identifiers and reasons, sealed at rest, so this asks for the passphrase). CSV holds \
        the columns of `sealpost log`. The export is written in plaintext: keep it as carefully as the record.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var options: HomeOptions
    @OptionGroup var filter: LogFilter

    @Option(name: .long, help: "json or csv.")
    var format: Format = .json

    @Flag(name: .long, help: "Leave the details (personal data) out of a JSON export.")
    var withoutDetails = false

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output (a file atomically; a device or named pipe is written into).", valueName: "FILE"))
    var output: String?

    func run() throws {
        let location = try LogLocation(options)
        // Details are sealed at rest: an export that holds them (or filters on them) unlocks first.
        let needsDetails = (format == .json && !withoutDetails) || filter.child != nil
        let ledger = try location.read(identity: needsDetails ? try options.unlock(toShow: "log export") : nil)
        LogWarnings.print(ledger)
        let entries = try filter.ledgerFilter().apply(to: ledger.entries)
        let bytes: [UInt8]
        switch format {
        case .json: bytes = LedgerExport.json(entries, agency: location.agency, withDetails: !withoutDetails)
        case .csv: bytes = LedgerExport.csv(entries, owner: location.agency, status: MessageStatus(ledger.entries))
        }
        if let output {
            try writeOutput(bytes, to: output, mode: 0o600)
            printError("wrote \(entries.count) entries to \(output)")
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
