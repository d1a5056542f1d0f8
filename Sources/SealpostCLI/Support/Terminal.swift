#if canImport(Glibc)
import Glibc
#endif
import SealpostSodium

/// The controlling terminal: no-echo prompts and progress lines.
enum Terminal {
    /// Reads one line from /dev/tty with echo off. Nil when there is no terminal.
    static func readSecret(prompt: String) -> SecureBytes? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else { return nil }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &original)
            _ = write(fd, "\n", 1)
        }
        var line = [UInt8]()
        defer { for i in line.indices { line[i] = 0 } }
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 0x0a, byte != 0x0d { line.append(byte) }
        return SecureBytes(copying: line)
    }

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
