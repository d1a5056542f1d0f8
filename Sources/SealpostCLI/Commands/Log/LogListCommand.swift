import ArgumentParser
import Foundation
import SealpostLog
import SealpostRecord

/// `sealpost log [list]`: a table of entries, filtered.
struct LogListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the log's entries as a table (the default).")

    @OptionGroup var options: HomeOptions
    @OptionGroup var filter: LogFilter

    func run() throws {
        let location = try LogLocation(options)
        let contents = try location.read()
        let rows = try filter.apply(to: contents.records)
        LogWarnings.print(contents)
        guard !rows.isEmpty else {
            print(contents.records.isEmpty ? "the log is empty" : "no entries match")
            return
        }
        let status = LogStatus(contents.records)
        var table = [["SEQ", "TIME (UTC)", "KIND", "COUNTERPART", "PURPOSE", "MESSAGE", "STATUS"]]
        for record in rows {
            table.append([String(record.entry.seq), LogTime.display(record.entry.at), record.entry.kind,
                          record.counterparts(owner: location.agency), record.text("purpose") ?? "-",
                          (record.text("message_id") ?? record.text("in_answer_to")).map { String($0.prefix(12)) } ?? "-", status.of(record)])
        }
        print(LogTable.render(table), terminator: "")
    }
}

/// Filters shared by list and export.
struct LogFilter: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only entries of this kind (repeat for several): sent, received, acknowledged, refused, request_sent, request_received, declined, ...", valueName: "KIND"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only entries with this counterpart agency.", valueName: "AGENCY"))
    var counterpart: String?

    @Option(name: .long, help: ArgumentHelp("Only entries about a child whose name or identifier contains this text (searched in the details).", valueName: "TEXT"))
    var child: String?

    @Option(name: .long, help: ArgumentHelp("Only entries on or after this date (UTC).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only entries on or before this date (UTC).", valueName: "YYYY-MM-DD"))
    var until: String?

    func apply(to records: [LogRecord]) throws -> [LogRecord] {
        let from = try since.map { try LogTime.startOfDay($0, option: "--since") }
        let to = try until.map { try LogTime.startOfDay($0, option: "--until") + 86_400_000 }
        let needle = child?.lowercased()
        return records.filter { record in
            if !kind.isEmpty, !kind.contains(record.entry.kind) { return false }
            if let counterpart, !record.counterparts(owner: "").split(separator: ",").contains(Substring(counterpart)) { return false }
            if let from, record.entry.at < from { return false }
            if let to, record.entry.at >= to { return false }
            if let needle {
                guard let details = record.details else { return false }
                guard String(decoding: details.json, as: UTF8.self).lowercased().contains(needle) else { return false }
            }
            return true
        }
    }
}

extension LogRecord {
    /// The other agency an entry concerns.
    var counterpart: String? { text("counterpart") ?? text("recipient") ?? text("sender") }

    /// The other agencies as a log owned by `owner` shows them: for a decision naming only the
    /// owner (a share decided, a redaction kept), the recipients it names, if any.
    func counterparts(owner: String) -> String {
        if let one = counterpart, one != owner { return one }
        let named = fact("recipients")?.arrayValue?.compactMap { $0.stringValue ?? $0["agency"]?.stringValue } ?? []
        return named.isEmpty ? "-" : named.joined(separator: ",")
    }
}

/// What became of each message: a sent entry is acknowledged or expired by a later entry about
/// the same message.
struct LogStatus {
    /// When each message was acknowledged, in Unix ms.
    private(set) var acknowledgedAt: [String: Int64] = [:]
    private var expired: Set<String> = []
    /// How each request was answered.
    let answers: RequestAnswers

    init(_ records: [LogRecord]) {
        answers = RequestAnswers(records)
        for record in records {
            guard let message = record.text("message_id") else { continue }
            switch record.entry.kind {
            case "acknowledged": acknowledgedAt[message] = record.entry.at
            case "expired": expired.insert(message)
            default: break
            }
        }
    }

    func of(_ record: LogRecord) -> String {
        guard let message = record.text("message_id") else { return record.entry.kind == "sent" ? "waiting" : "recorded" }
        let outcome = acknowledgedAt[message] != nil ? "acknowledged" : expired.contains(message) ? "expired" : nil
        switch record.entry.kind {
        case "request_sent", "request_received": return answers.state(message) ?? outcome ?? "waiting"
        case "sent": return outcome ?? "waiting"
        default: return "recorded"
        }
    }
}

enum LogTime {
    /// `2026-11-21 15:59:17`, UTC.
    static func display(_ ms: Int64) -> String {
        let t = utc(ms)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    }

    /// `2026-11-21T15:59:17.123Z`.
    static func iso(_ ms: Int64) -> String {
        let t = utc(ms)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
                      t.tm_hour, t.tm_min, t.tm_sec, Int32(((ms % 1000) + 1000) % 1000))
    }

    private static func utc(_ ms: Int64) -> tm {
        var seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    static func startOfDay(_ text: String, option: String) throws -> Int64 {
        guard let date = CalendarDate(iso: text) else {
            throw CLIError("\(option) \(text) is not a date", hint: "write it as YYYY-MM-DD, for example 2026-11-21")
        }
        var components = DateComponents()
        components.year = date.year; components.month = date.month; components.day = date.day
        components.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let day = calendar.date(from: components) else { throw CLIError("\(option) \(text) is not a date") }
        return Int64(day.timeIntervalSince1970 * 1000)
    }
}

enum LogTable {
    static func render(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

enum LogWarnings {
    static func print(_ contents: LogReader.Contents) {
        if contents.tornTail > 0 {
            printError("sealpost: warning: the last entry is torn (an append was interrupted, \(contents.tornTail) bytes); the next append removes it")
        }
        if !contents.damagedLines.isEmpty {
            printError("sealpost: warning: line(s) \(contents.damagedLines.prefix(5).map(String.init).joined(separator: ", ")) of the log are not entries; run: sealpost log verify")
        }
    }
}
