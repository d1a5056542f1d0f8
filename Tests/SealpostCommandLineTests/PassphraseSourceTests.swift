import Foundation
import SealpostCommandLine
import SealpostSodium
import Testing

/// The one passphrase reader both executables use: the first-line rule, the bounds, and errors
/// that say what to do without ever showing the passphrase.
@Suite struct PassphraseSourceTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-passphrase-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func error(_ body: () throws(CommandLineError) -> SecureBytes?) -> CommandLineError? {
        do { _ = try body(); return nil } catch { return error }
    }

    @Test("the first line, without LF or CRLF, is the passphrase", arguments: [
        ("correct horse", "correct horse"), ("correct horse\n", "correct horse"), ("correct horse\r\n", "correct horse"),
        ("first line\nsecond line\n", "first line"), (" spaced \t\n", " spaced \t"), ("a\rb\n", "a\rb"),
    ])
    func firstLine(contents: String, expected: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try file("pass", Array(contents.utf8))
        #expect(try PassphraseSource.read(file: path) == SecureBytes(copying: expected.utf8))
        let source = PassphraseSource(file: path, environment: [PassphraseSource.environmentVariable: "from the environment"])
        #expect(try source.fileOrEnvironment() == SecureBytes(copying: expected.utf8), "the file comes first")
    }

    @Test("an empty file, or an empty first line, is refused with a hint")
    func empty() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for contents in ["", "\n", "\r\n", "\nsecond line"] {
            let path = try file("empty", Array(contents.utf8))
            let refused = try #require(error { () throws(CommandLineError) in try PassphraseSource.read(file: path) })
            #expect(refused.message == "the passphrase file \(path) is empty")
            #expect(refused.hint == "write the passphrase on its first line")
        }
    }

    @Test("a file beyond the size bound is refused without being read in full; one at the bound is read")
    func sizeBound() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let atBound = try file("at", Array(repeating: 0x61, count: PassphraseSource.maximumFileBytes))
        #expect(try PassphraseSource.read(file: atBound).count == PassphraseSource.maximumFileBytes)
        let secret = "top secret words"
        let beyond = try file("beyond", Array((secret + "\n").utf8) + Array(repeating: 0x61, count: PassphraseSource.maximumFileBytes))
        let refused = try #require(error { () throws(CommandLineError) in try PassphraseSource.read(file: beyond) })
        #expect(refused.message == "the passphrase file \(beyond) is larger than 64 KiB")
        #expect(!refused.message.contains(secret) && !(refused.hint ?? "").contains(secret))
    }

    @Test("a missing file, a folder and an unreadable file each say what is wrong and what to do")
    func unreadable() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("absent").path
        let notFound = try #require(error { () throws(CommandLineError) in try PassphraseSource.read(file: missing) })
        #expect(notFound.message == "cannot read the passphrase file \(missing): No such file or directory")
        #expect(notFound.hint == "check the path")

        let isFolder = try #require(error { () throws(CommandLineError) in try PassphraseSource.read(file: folder.path) })
        #expect(isFolder.message == "the passphrase file \(folder.path) is a folder")

        // Root reads any file whatever its mode, so the permission case needs another user.
        guard getuid() != 0 else { return }
        let locked = try file("locked", Array("secret\n".utf8))
        chmod(locked, 0o000)
        let denied = try #require(error { () throws(CommandLineError) in try PassphraseSource.read(file: locked) })
        #expect(denied.message == "cannot read the passphrase file \(locked): Permission denied")
        #expect(denied.hint?.contains("chmod 600") == true)
    }

    @Test("without a file: the environment variable when set; set but empty is an error; unset is nil")
    func environment() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = PassphraseSource.environmentVariable
        #expect(try PassphraseSource(file: nil, environment: [name: "from env"]).fileOrEnvironment()
                == SecureBytes(copying: "from env".utf8))
        #expect(try PassphraseSource(file: nil, environment: [:]).fileOrEnvironment() == nil)
        let empty = try #require(error { () throws(CommandLineError) in
            try PassphraseSource(file: nil, environment: [name: ""]).fileOrEnvironment()
        })
        #expect(empty.message == "SEALPOST_PASSPHRASE is set but empty")
        #expect(empty.hint != nil)
    }
}
