#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import SealpostCore

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open an envelope sealed to this identity and check who sealed it.",
        discussion: """
        The sender must be trusted: its card imported with `sealpost import-card`, or named with --from.
        Nothing is written to the output until the sender's signature over the whole content has
        verified; on any failure no output file is left behind.
        """)

    @OptionGroup var options: HomeOptions

    @Option(name: .long, help: ArgumentHelp("Also trust this sender's identity card for this open (repeatable).", valueName: "CARD_FILE"))
    var from: [String] = []

    @Option(name: .shortAndLong, help: "Write the content here (default: standard output).")
    var output: String?

    @Argument(help: "The envelope; '-' or nothing for standard input.")
    var input: String?

    func run() throws {
        let extraCards = try loadCards(from)
        let identity = try options.unlock()
        let home = options.resolvedHome
        var cards: [IdentityCard]
        do { cards = try home.contacts() } catch { throw CLIError(error) }
        cards += extraCards
        cards.append(identity.card)
        let opener = EnvelopeOpener(identity: identity, senders: CardDirectory(cards: cards))

        let source = try InputFile(path: input)
        defer { source.close() }
        var reader = source.reader
        let progress = ProgressBar(label: "opening", total: source.size)
        defer { progress.finish() }

        // Standard output gets nothing until the envelope verified: open into a private
        // temporary file first, then copy it out.
        let destination = output ?? (home.path + "/.open-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let opened: OpenedEnvelope
        do {
            opened = try opener.open(from: &reader, toFile: destination, progress: progress.update)
        } catch {
            throw CLIError(error)
        }
        if output == nil {
            defer { unlink(destination) }
            try copyToStandardOutput(destination)
        }
        progress.finish()
        let m = opened.manifest
        let sent = Date(timeIntervalSince1970: TimeInterval(m.createdAt))
        printError("sealpost: opened: from \(m.senderAgency), sent \(ISO8601DateFormatter().string(from: sent)), \(opened.contentLength) bytes, content hash \(Hex.encode(opened.contentHash))")
    }

    private func copyToStandardOutput(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError("cannot read the opened content back: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var reader = FileDescriptorReader(descriptor: fd, name: path)
        var writer = FileDescriptorWriter(descriptor: 1, name: "standard output")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while true {
                let n = try reader.read(into: buffer)
                if n == 0 { break }
                try writer.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
        } catch {
            throw CLIError("cannot write to \(error.path): \(error.reason)")
        }
    }
}
