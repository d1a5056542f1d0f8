#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import Testing

/// OutputTarget and OutputFile (THREATS row 36): regular files by atomic rename, devices and FIFOs
/// written into, standard descriptor names resolved by number, links and the rest refused.
/// The device nodes are made with mknod in a temporary folder, so the tests need root (as CI has).
struct OutputFileTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "sealpost-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory + "/" + name }

    /// A character device equal to /dev/null (major 1, minor 3) at `name`.
    func makeNullDevice(_ name: String) throws -> String {
        let p = path(name)
        #expect(mknod(p, S_IFCHR | 0o666, OutputFileTests.nullDevice) == 0, "mknod: \(String(cString: strerror(errno)))")
        return p
    }

    static let nullDevice: dev_t = (1 << 8) | 3

    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test func regularFilesAreReplacedAtomically() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let p = path("out")
        #expect(try OutputTarget.resolve(p) == .file(p))
        try OutputFile.write(Array("one".utf8), to: p, mode: 0o644)
        try OutputFile.write(Array("two".utf8), to: p, mode: 0o644)
        #expect(FileManager.default.contents(atPath: p) == Data("two".utf8))
        // A discarded output leaves the old file as it was and no temporary beside it.
        let file = try OutputFile(p)
        try file.write(Array("three".utf8))
        file.discard()
        #expect(FileManager.default.contents(atPath: p) == Data("two".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out"])
    }

    @Test func aCharacterDeviceIsWrittenIntoNotReplaced() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let device = try makeNullDevice("null")
        #expect(try OutputTarget.resolve(device) == .device(device))
        try OutputFile.write(Array(repeating: 7, count: 100_000), to: device)
        #expect(Self.kind(device) == S_IFCHR, "the device node must still be a device")
        var info = stat()
        #expect(lstat(device, &info) == 0 && info.st_rdev == Self.nullDevice)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["null"])
    }

    @Test func aFIFOIsWrittenIntoNotReplaced() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try OutputTarget.resolve(fifo) == .device(fifo))
        // Hold the read end open first, so the writer's open does not wait for a reader.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputFile.write(Array("through the pipe".utf8), to: fifo)
        var buffer = [UInt8](repeating: 0, count: 100)
        let n = read(reader, &buffer, buffer.count)
        #expect(n == 16 && Array(buffer[0..<max(n, 0)]) == Array("through the pipe".utf8))
        #expect(Self.kind(fifo) == S_IFIFO)
    }

    @Test func aSymbolicLinkIsRefusedAndItsTargetUntouched() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let victim = path("someone-elses")
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: victim))
        let link = path("link")
        #expect(symlink(victim, link) == 0)
        #expect(throws: IOError.self) { try OutputTarget.resolve(link) }
        do {
            try OutputFile.write(Array("mine".utf8), to: link)
            Issue.record("writing through a link must be refused")
        } catch {
            #expect(error.reason.contains("symbolic link"))
        }
        #expect(FileManager.default.contents(atPath: victim) == Data("theirs".utf8))
        #expect(Self.kind(link) == S_IFLNK, "the link itself must not be replaced either")
        // A dangling link is refused too: following it would create the file it names.
        let dangling = path("dangling")
        #expect(symlink(path("nowhere"), dangling) == 0)
        #expect(throws: IOError.self) { try OutputTarget.resolve(dangling) }
        #expect(!FileManager.default.fileExists(atPath: path("nowhere")))
    }

    @Test func directoriesSocketsAndBlockDevicesAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: IOError.self) { try OutputTarget.resolve(directory) }
        let block = path("block")
        #expect(mknod(block, S_IFBLK | 0o600, (7 << 8) | 200) == 0)
        do { _ = try OutputTarget.resolve(block); Issue.record("a block device must be refused") } catch {
            #expect(error.reason.contains("block device"))
        }
        #expect(throws: IOError.self) { try OutputTarget.resolve("") }
    }

    @Test func standardDescriptorNamesAreResolvedByNumber() throws {
        #expect(try OutputTarget.resolve("-") == .standardOutput)
        #expect(try OutputTarget.resolve("/dev/stdout") == .standardOutput)
        #expect(try OutputTarget.resolve("/proc/self/fd/1") == .standardOutput)
        #expect(try OutputTarget.resolve("/dev/stderr") == .descriptor(2, "/dev/stderr"))
        #expect(throws: IOError.self) { try OutputTarget.resolve("/dev/fd/987654") }
        // Not descriptor names: resolved by what they are.
        #expect(OutputTarget.standardDescriptor("/dev/fd/") == nil)
        #expect(OutputTarget.standardDescriptor("/dev/fd/1x") == nil)
    }

    @Test func releasingWritesADeviceOnlyAfterTheProducerSucceeds() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try OutputFile.releasing(to: .device(fifo), stagingDirectory: directory) { staging in
                try AtomicFile.write(Array("unverified".utf8), to: staging)
                throw Refused()
            }
        }
        var buffer = [UInt8](repeating: 0, count: 100)
        #expect(read(reader, &buffer, buffer.count) <= 0, "nothing may reach the FIFO before verification")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["pipe"], "the staging file is removed")
        let value = try OutputFile.releasing(to: .device(fifo), stagingDirectory: directory) { staging in
            try AtomicFile.write(Array("verified".utf8), to: staging)
            return 42
        }
        #expect(value == 42)
        let n = read(reader, &buffer, buffer.count)
        #expect(n == 8 && Array(buffer[0..<max(n, 0)]) == Array("verified".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["pipe"])
    }
}
