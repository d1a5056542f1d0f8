import Foundation
import SealpostCore

/// How listings show sizes, ages and times.
enum Display {
    static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }

    static func age(_ seconds: Int64) -> String { Elapsed.text(seconds, .abbreviated) }

    /// "1 record", "2 records" (`Counted`).
    static func count(_ n: some BinaryInteger, _ singular: String, plural: String? = nil) -> String {
        Counted.text(n, singular, plural: plural)
    }

    /// Rows padded into columns, two spaces apart; the last column is not padded.
    static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
