#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostSodium

/// Where a command gets the passphrase that unlocks an identity, for both executables, in this order:
///
/// 1. `--passphrase-file FILE`: the first line of FILE, without its line ending (LF or CRLF);
/// 2. `SEALPOST_PASSPHRASE`, when it is set (set but empty is an error, not "unset");
/// 3. for `sealpost` only, a no-echo prompt on the controlling terminal (`readOrPrompt`).
///    The relay never prompts: it calls `fileOrEnvironment` and says what to do when that is nil.
///
/// Invariants: no error names the passphrase or any of the file's bytes, only the file's path;
/// the bytes read are wiped before the reader returns; a file larger than `maximumFileBytes` is
/// refused rather than read in full (a passphrase is one line: anything bigger is the wrong file).
public struct PassphraseSource: Sendable {
    public static let environmentVariable = "SEALPOST_PASSPHRASE"
    public static let maximumFileBytes = 64 * 1024

    /// The `--passphrase-file` argument, if given.
    public var file: String?
    public var environment: [String: String]
    /// The environment variable read when no file is given (`SEALPOST_PASSPHRASE` unless a command
    /// reads a second passphrase, such as `SEALPOST_NEW_PASSPHRASE`), and the option naming the file.
    public var variable: String
    public var fileOption: String

    public init(file: String?, variable: String = PassphraseSource.environmentVariable, fileOption: String = "--passphrase-file",
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.file = file
        self.variable = variable
        self.fileOption = fileOption
        self.environment = environment
    }

    /// The passphrase from the file or, without one, the environment; nil when neither is given.
    public func fileOrEnvironment() throws(CommandLineError) -> SecureBytes? {
        if let file { return try Self.read(file: file) }
        guard let value = environment[variable] else { return nil }
        guard !value.isEmpty else {
            throw CommandLineError("\(variable) is set but empty",
                                   hint: "set it to the passphrase, or unset it and pass \(fileOption) FILE")
        }
        return SecureBytes(copying: value.utf8)
    }

    /// The passphrase from the file, the environment, or else a no-echo prompt on the terminal
    /// (asked twice when `confirm`, for a new passphrase).
    public func readOrPrompt(_ prompt: String, confirm: Bool = false) throws(CommandLineError) -> SecureBytes {
        if let given = try fileOrEnvironment() { return given }
        guard let first = SecretPrompt.read(prompt) else {
            throw CommandLineError(
                "no passphrase: there is no terminal to ask on",
                hint: "pass \(fileOption) FILE or set \(variable) for automation")
        }
        guard first.count > 0 else { throw CommandLineError("the passphrase is empty") }
        if confirm {
            guard let second = SecretPrompt.read("Repeat the passphrase: ") else {
                throw CommandLineError("no passphrase confirmation")
            }
            guard first == second else {
                throw CommandLineError("the two passphrases differ", hint: "run the command again")
            }
        }
        return first
    }

    /// The first line of the file at `path`, without its LF or CRLF ending.
    public static func read(file path: String) throws(CommandLineError) -> SecureBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw CommandLineError("the passphrase file \(path) is a folder",
                                   hint: "give the file that holds the passphrase")
        }
        // One byte more than the bound, to tell a file at the bound from a larger one.
        var bytes = [UInt8](repeating: 0, count: maximumFileBytes + 1)
        defer { bytes.withUnsafeMutableBytes { _ = memset($0.baseAddress!, 0, $0.count) } }
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw unreadable(path, errno: errno) }
            if n == 0 { break }
            count += n
        }
        guard count <= maximumFileBytes else {
            throw CommandLineError("the passphrase file \(path) is larger than \(maximumFileBytes / 1024) KiB",
                                   hint: "a passphrase file holds the passphrase on its first line; check the path")
        }
        var end = bytes[0..<count].firstIndex(of: 0x0a) ?? count
        if end > 0, bytes[end - 1] == 0x0d { end -= 1 }
        guard end > 0 else {
            throw CommandLineError("the passphrase file \(path) is empty",
                                   hint: "write the passphrase on its first line")
        }
        return SecureBytes(copying: bytes[0..<end])
    }

    private static func unreadable(_ path: String, errno code: Int32) -> CommandLineError {
        let hint = code == EACCES
            ? "let the user running this command read it (and keep it from everyone else: chmod 600)"
            : "check the path"
        let reason = String(cString: strerror(code))
        return CommandLineError("cannot read the passphrase file \(path): \(reason)", hint: hint)
    }
}
