import ArgumentParser
import Foundation
import SealpostCore

struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal", abstract: "Seal a file to one or more agencies' cards, signed by this identity.")

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("A recipient: the id of an imported agency or of a party to the agreement in force, or an identity card file (repeat for up to 64 recipients).", valueName: "AGENCY|CARD_FILE"))
    var to: [String] = []

    @Option(name: .shortAndLong, help: "Write the envelope here (default: standard output).")
    var output: String?

    @Option(name: .long, help: "The content type recorded in the signed manifest.")
    var contentType = "application/octet-stream"

    @Argument(help: "The file to seal; '-' or nothing for standard input.")
    var input: String?

    func validate() throws {
        guard !to.isEmpty else { throw ValidationError("name at least one recipient with --to AGENCY or --to CARD_FILE") }
    }

    func run() throws {
        let recipients = try loadRecipientCards(to, home: options.resolvedHome).map { try $0.verified().boxKey }
        let target = try resolveOutput(output)
        if case .descriptor(1, _) = target, Terminal.isTerminal(1) {
            throw CLIError("refusing to write an envelope to a terminal", hint: "use --output FILE or redirect standard output")
        }
        let identity = try options.unlock()
        let source = try InputFile(path: input)
        defer { source.close() }
        var reader = source.reader
        let progress = ProgressBar(label: "sealing", total: source.size)
        defer { progress.finish() }
        let sealer = EnvelopeSealer(sender: identity)
        let now = UInt64(Date().timeIntervalSince1970)
        do {
            // A regular file appears only once sealed; a device, FIFO or standard output gets the
            // envelope as it is made (a reader of a cut-off one finds it truncated).
            let file = try OutputFile(target: target, mode: 0o644)
            var writer = file.writer
            _ = try sealer.seal(from: &reader, to: &writer, recipients: recipients, contentType: contentType,
                                createdAt: now, progress: progress.update)
            try file.commit()
        } catch let error as SealError {
            throw CLIError(error)
        } catch let error as IOError {
            throw CLIError("cannot write \(error.path): \(error.reason)")
        }
    }
}
