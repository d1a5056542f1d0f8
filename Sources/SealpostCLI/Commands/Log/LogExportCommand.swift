import ArgumentParser
import Foundation
import SealpostCore
import SealpostLog
import SealpostRecord

/// `sealpost log export`: the log as JSON (every field, details included) or CSV (the table).
struct LogExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log as JSON or CSV.",
        discussion: """
        JSON holds each entry's seq, time, kind, facts, hash, prev and signature, and its details
        unless they were erased or --without-details is given (details hold personal data: the
        child's identifiers and reasons). CSV holds the columns of `sealpost log`.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var options: HomeOptions
    @OptionGroup var filter: LogFilter

    @Option(name: .long, help: "json or csv.")
    var format: Format = .json

    @Flag(name: .long, help: "Leave the details (personal data) out of a JSON export.")
    var withoutDetails = false

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output (atomically).", valueName: "FILE"))
    var output: String?

    func run() throws {
        let location = try LogLocation(options)
        let contents = try location.read()
        LogWarnings.print(contents)
        let records = try filter.apply(to: contents.records)
        let bytes: [UInt8]
        switch format {
        case .json:
            let entries: [JSONValue] = records.map { record in
                let e = record.entry
                var object: JSONObject = [
                    "seq": .number(JSONNumber(e.seq)), "time": .string(LogTime.iso(e.at)), "kind": .string(e.kind),
                    "facts": e.facts.map { .object($0) } ?? .null, "hash": .string(Hex.encode(e.hash)),
                    "prev": .string(Hex.encode(e.prev)), "signature": .string(Hex.encode(e.signature.rawRepresentation)),
                ]
                if !withoutDetails { object["details"] = record.details?.details.map { .object($0) } ?? .null }
                return .object(object)
            }
            bytes = JSONValue.object(["agency": .string(location.agency), "entries": .array(entries)])
                .serialized(options: [.prettyPrinted, .sortedKeys]) + [0x0A]
        case .csv:
            let status = LogStatus(contents.records)
            var lines = ["seq,time,kind,counterpart,purpose,message_id,envelope_id,status"]
            for record in records {
                lines.append([String(record.entry.seq), LogTime.iso(record.entry.at), record.entry.kind, record.counterparts(owner: location.agency),
                              record.text("purpose") ?? "", record.text("message_id") ?? "", record.text("envelope_id") ?? "",
                              status.of(record)].map(Self.csvField).joined(separator: ","))
            }
            bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        }
        if let output {
            do { try AtomicFile.write(bytes, to: output) } catch { throw CLIError("cannot write \(output): \(error)") }
            printError("wrote \(records.count) entries to \(output)")
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    /// RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula.
    static func csvField(_ text: String) -> String {
        var cell = text
        if let first = cell.first, "=+-@".contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
