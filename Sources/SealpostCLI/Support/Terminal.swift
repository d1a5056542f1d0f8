#if canImport(Glibc)
import Glibc
#endif

/// The terminal: whether a descriptor is one, and progress lines. (The no-echo passphrase prompt
/// lives with the passphrase reader, in SealpostCommandLine.)
enum Terminal {
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    private let label: String
    private let total: UInt64
    private let enabled: Bool
    private var lastDrawn: UInt64 = 0
    private var drawnAny = false

    /// Enabled for inputs of at least 4 MiB of known size, when stderr is a terminal.
    init(label: String, total: UInt64?) {
        self.label = label
        self.total = total ?? 0
        enabled = Terminal.isTerminal(2) && (total ?? 0) >= 4 << 20
    }

    func update(_ done: UInt64) {
        guard enabled, done == total || done - lastDrawn >= total / 200 + 1 else { return }
        lastDrawn = done
        drawnAny = true
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let width = 30
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(label) [\(bar)] \(Int(fraction * 100))% \(done >> 20)/\(total >> 20) MiB"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }

    func finish() {
        guard enabled, drawnAny else { return }
        _ = write(2, "\n", 1)
    }
}
