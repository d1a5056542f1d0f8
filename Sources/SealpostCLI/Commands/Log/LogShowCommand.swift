import ArgumentParser
import Foundation
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostRecord

/// `sealpost log show SEQ`: one entry in full, with its details if they have not been erased.
struct LogShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one entry: its facts, its details, its hash and signature.")

    @OptionGroup var options: HomeOptions

    @Argument(help: "The entry's number (SEQ in `sealpost log`), or the first 8 or more hex digits of a message or envelope id (a request's id also finds its answer).")
    var id: String

    func run() throws {
        let location = try LogLocation(options)
        let contents = try location.read(identity: try options.unlock(toShow: "log show"))
        LogWarnings.print(contents)
        let matches: [LedgerEntry]
        if let seq = Int64(id), seq > 0 {
            matches = contents.entry(seq: seq).map { [$0] } ?? []
        } else if id.count >= 8, id.allSatisfy(\.isHexDigit) {
            matches = contents.entries(aboutID: id)
        } else {
            throw CLIError("\(Printable.escape(id)) is neither an entry number nor a message or envelope id",
                           hint: "use SEQ from `sealpost log`, or 8 or more hex digits of an id")
        }
        guard !matches.isEmpty else {
            throw CLIError("no entry \(Printable.escape(id)) in the log (\(contents.entries.count) entries)", hint: "list them with: sealpost log")
        }
        for (i, record) in matches.enumerated() {
            if i > 0 { print("") }
            let e = record.entry
            print("entry \(e.seq): \(e.kind) at \(Timestamp.iso(milliseconds: e.at))")
            print("  hash       \(Hex.encode(e.hash))")
            print("  prev       \(Hex.encode(e.prev))")
            print("  signature  \(Hex.encode(e.signature.rawRepresentation))")
            print("  facts")
            print(indent(e.facts.map { JSONValue.object($0) } ?? .null))
            if let details = record.detailsJSON {
                print("  details")
                print(indent(.object(details)))
            } else if record.detailsSealed {
                print("  details    sealed, and they do not open with this agency's key: damaged (see: sealpost log verify --details)")
            } else {
                print("  details    erased (the commitment \(Hex.encode(e.commitment).prefix(16))... remains in the chain)")
            }
        }
    }

    private func indent(_ value: JSONValue) -> String {
        String(decoding: value.serialized(options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
