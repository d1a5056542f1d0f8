import ArgumentParser
import Foundation
import SealpostCore

struct ExportCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-card", abstract: "Print this identity's public card (JSON) for others to import.")

    @OptionGroup var options: HomeOptions

    @Option(name: .shortAndLong, help: "Write the card to this file instead of standard output.")
    var output: String?

    func run() throws {
        let card: IdentityCard
        do { card = try options.resolvedHome.card() } catch { throw CLIError(error) }
        let data = card.jsonData()
        if let output {
            try writeOutput(Array(data), to: output, mode: 0o644)
            printError("wrote the card of \(card.agencyID) to \(output); fingerprint \(card.fingerprint)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
