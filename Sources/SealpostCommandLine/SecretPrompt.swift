#if canImport(Glibc)
import Glibc
#endif
import SealpostSodium

/// A no-echo prompt on the controlling terminal (/dev/tty), so a passphrase is never shown and
/// never read from a redirected standard input by mistake.
enum SecretPrompt {
    /// Turns echo off, writes `prompt`, reads one line, and restores the terminal. Nil when there is
    /// no terminal. The line's bytes are wiped once copied into the returned SecureBytes.
    ///
    /// Echo goes off (flushing anything typed ahead) before the prompt is written, so every key
    /// pressed after the prompt appears is read, and none is shown.
    static func read(_ prompt: String) -> SecureBytes? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else { return nil }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &original)
            _ = write(fd, "\n", 1)
        }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var line = [UInt8]()
        defer { for i in line.indices { line[i] = 0 } }
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1, byte != 0x0a, byte != 0x0d { line.append(byte) }
        return SecureBytes(copying: line)
    }

    /// Writes `text` on the terminal (a note between prompts); nothing when there is none.
    static func say(_ text: String) {
        let fd = open("/dev/tty", O_WRONLY | O_NOCTTY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = text.withCString { write(fd, $0, strlen($0)) }
    }
}
