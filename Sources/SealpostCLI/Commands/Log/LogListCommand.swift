import ArgumentParser
import SealpostCore
import SealpostLedger
import SealpostRecord
import SealpostLog

/// `sealpost log [list]`: a table of entries, filtered.
struct LogListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the log's entries as a table (the default).")

    @OptionGroup var options: HomeOptions
    @OptionGroup var filter: LogFilter

    @Flag(help: "Print the matching entries as a JSON array, for scripts (the table's columns; no details).")
    var json = false

    func run() throws {
        let location = try LogLocation(options)
        // The facts need no passphrase; matching a child searches the sealed details.
        let ledger = try location.read(identity: filter.child == nil ? nil : try options.unlock(toShow: "log --child"))
        let rows = try filter.ledgerFilter().apply(to: ledger.entries)
        LogWarnings.print(ledger)
        let status = MessageStatus(ledger.entries)
        let envelopes = LogRows.envelopeIDs(ledger.entries)
        if json {
            print(JSONWriter(options: [.sortedKeys]).string(LogRows.json(rows, owner: location.agency, status: status, envelopes: envelopes)))
            return
        }
        guard !rows.isEmpty else {
            print(ledger.entries.isEmpty ? "the log is empty" : "no entries match")
            return
        }
        var table = [["SEQ", "TIME (UTC)", "KIND", "COUNTERPART", "PURPOSE", "ENVELOPE", "STATUS"]]
        for entry in rows {
            let counterparts = entry.counterparts(owner: location.agency)
            table.append([String(entry.seq), Timestamp.display(milliseconds: entry.at), entry.kind,
                          counterparts.isEmpty ? "-" : counterparts.joined(separator: ","), entry.facts.purpose ?? "-",
                          LogRows.envelopeID(of: entry, envelopes: envelopes).map { String($0.prefix(12)) } ?? "-",
                          status.state(of: entry).rawValue])
        }
        print(Display.table(table))
    }
}

/// Filters shared by list and export.
struct LogFilter: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Only entries of this kind (repeat for several): sent, received, acknowledged, refused, request_sent, request_received, declined, ...",
        valueName: "KIND"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only entries with this counterpart agency.", valueName: "AGENCY"))
    var counterpart: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only entries about a child whose name or identifier contains this text (searched in the details: needs the passphrase).", valueName: "TEXT"))
    var child: String?

    @Option(name: .long, help: ArgumentHelp("Only entries on or after this date (UTC).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only entries on or before this date (UTC).", valueName: "YYYY-MM-DD"))
    var until: String?

    func ledgerFilter() throws -> LedgerFilter {
        LedgerFilter(kinds: kind, counterpart: counterpart, child: child,
                     since: try since.map { try LogDay.start($0, option: "--since") },
                     until: try until.map { try LogDay.start($0, option: "--until") + 86_400_000 })
    }
}

enum LogDay {
    /// Unix milliseconds at the start of a `YYYY-MM-DD` day, UTC.
    static func start(_ text: String, option: String) throws -> Int64 {
        guard let date = CalendarDate(iso: text) else {
            throw CLIError("\(option) \(text) is not a date", hint: "write it as YYYY-MM-DD, for example 2026-11-21")
        }
        return Timestamp.startOfDay(year: date.year, month: date.month, day: date.day)
    }
}

enum LogWarnings {
    static func print(_ ledger: Ledger) {
        if ledger.tornTail > 0 {
            printError("sealpost: warning: the last entry is torn (an append was interrupted, \(ledger.tornTail) bytes); the next append removes it")
        }
        if !ledger.damagedLines.isEmpty {
            let lines = ledger.damagedLines.prefix(5).map(String.init).joined(separator: ", ")
            printError("sealpost: warning: line(s) \(lines) of the log are not entries; run: sealpost log verify")
        }
    }
}
