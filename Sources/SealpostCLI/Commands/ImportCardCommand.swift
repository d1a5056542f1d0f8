import ArgumentParser
import SealpostCore

struct ImportCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-card", abstract: "Trust another agency's card: its envelopes will open without --from.")

    @OptionGroup var options: HomeOptions

    @Argument(help: "The card file, from that agency's `sealpost export-card`.")
    var card: String

    @Flag(help: "Replace a different card already imported for the same agency.")
    var replace = false

    func run() throws {
        let loaded = try loadCards([card])[0]
        do {
            let path = try options.resolvedHome.importCard(loaded, replace: replace)
            print("imported \(loaded.agencyID) (\(loaded.name)) to \(path)")
            print("fingerprint: \(loaded.fingerprint)")
            print("Compare this fingerprint with \(loaded.name) by phone or in person before relying on it.")
        } catch { throw CLIError(error) }
    }
}
