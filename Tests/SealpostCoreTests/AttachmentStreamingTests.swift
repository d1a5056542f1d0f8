#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import SealpostCore
import SealpostSodium

/// A large attachment seals and opens through files in constant memory: the process's resident
/// size, sampled after every batch of chunks while sealing and opening, rises by far less than
/// the attachment (file I/O goes through read and write, so the page cache is not counted). The size is 32 MiB unless
/// SEALPOST_ATTACHMENT_MIB says otherwise (the report's figure is from 200:
/// `SEALPOST_ATTACHMENT_MIB=200 /usr/bin/time -v swift test --skip-build --filter AttachmentStreaming`).
///
/// The resident size is the whole process's, so the measurement runs in a child: the test binary
/// runs itself again with only this suite selected (and `SEALPOST_STREAMING_CHILD=1`), where no
/// other suite allocates beside it; the parent checks that the child passed.
@Suite("Attachment streaming")
struct AttachmentStreamingTests {
    static var mebibytes: Int { ProcessInfo.processInfo.environment["SEALPOST_ATTACHMENT_MIB"].flatMap(Int.init) ?? 32 }
    static var isChild: Bool { ProcessInfo.processInfo.environment["SEALPOST_STREAMING_CHILD"] == "1" }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// The resident size now, from /proc/self/statm (pages).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    /// The highest resident size seen by `sample()`.
    final class Sampler: @unchecked Sendable {
        var highest = AttachmentStreamingTests.residentBytes()
        func sample(_: UInt64) { highest = max(highest, AttachmentStreamingTests.residentBytes()) }
    }

    @Test("a large attachment seals from a file and opens to a file without its size in memory")
    func largeAttachment() throws {
        if Self.isChild { try measureInThisProcess() } else { try measureInAChild() }
    }

    /// Runs this test binary again, selecting only this suite, and expects it to pass.
    func measureInAChild() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/child.out"
        FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "AttachmentStreamingTests"]
        var environment = ProcessInfo.processInfo.environment
        environment["SEALPOST_STREAMING_CHILD"] = "1"
        child.environment = environment
        child.standardOutput = handle
        child.standardError = handle
        try child.run()
        child.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let figures = text.split(separator: "\n").filter { $0.hasPrefix("attachment streaming:") }
        figures.forEach { print($0) }
        #expect(child.terminationStatus == 0, "the measuring child failed:\n\(text.suffix(4000))")
        #expect(figures.count == 1, "the measuring child printed no figures:\n\(text.suffix(4000))")
    }

    func measureInThisProcess() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let size = Self.mebibytes << 20
        let source = folder + "/scan.pdf"
        // The attachment, written 1 MiB at a time so that making it costs no memory either.
        let out = open(source, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var block = patternBytes(1 << 20, seed: 9)
        for i in 0..<Self.mebibytes {
            block[0] = UInt8(truncatingIfNeeded: i)
            _ = block.withUnsafeBytes { Glibc.write(out, $0.baseAddress, $0.count) }
        }
        close(out)

        let sender = makeIdentity("school-st-annes")
        let recipient = makeIdentity("school-kingsbridge-academy")
        let before = Self.residentBytes()
        let sampler = Sampler()
        let clock = ContinuousClock()
        let start = clock.now

        var measureReader = try FileInput(source)
        let attachment = try ManifestAttachment.measuring(name: "scan.pdf", type: "application/pdf", reader: &measureReader.reader)
        measureReader.close()
        #expect(attachment.length == UInt64(size))

        let sealInput = try FileInput(source)
        defer { sealInput.close() }
        let envelopePath = folder + "/envelope.sealed"
        let file = try AtomicFile(destination: envelopePath)
        var writer = file.writer
        var body = MemoryReader(Array(#"{"id": "transfer"}"#.utf8))
        let sealed = try EnvelopeSealer(sender: sender).seal(
            from: &body, to: &writer, recipients: [recipient.boxKey.publicKey], contentType: "application/json",
            attachments: [AttachmentSource(attachment: attachment, reader: sealInput.reader)], createdAt: 1, progress: sampler.sample)
        try file.commit()
        let sealedAt = clock.now

        let envelopeInput = try FileInput(envelopePath)
        defer { envelopeInput.close() }
        var reader = envelopeInput.reader
        let (opened, stored) = try opener(for: recipient, trusting: [sender]).openStoringAttachments(
            from: &reader, toFile: folder + "/record.json", attachmentsDirectory: folder + "/attachments", progress: sampler.sample)
        let openedAt = clock.now
        let growth = sampler.highest - before

        #expect(opened.manifest.attachments == [attachment])
        #expect(opened.contentHash == sealed.contentHash)
        #expect(stored == [folder + "/attachments/scan.pdf"])
        var check = try FileInput(stored[0])
        #expect(try ManifestAttachment.measuring(name: "scan.pdf", type: "application/pdf", reader: &check.reader) == attachment)
        check.close()
        print("attachment streaming: \(Self.mebibytes) MiB; seal (measure + seal) \(sealedAt - start), open \(openedAt - sealedAt); "
              + "resident size \(before >> 20) MiB before, at most \(sampler.highest >> 20) MiB during (+\(growth >> 20) MiB); "
              + "process peak \(Self.peakResidentBytes() >> 20) MiB")
        #expect(growth < min(size / 2, 48 << 20), "resident size rose by \(growth >> 20) MiB for a \(Self.mebibytes) MiB attachment")
    }
}

/// A file opened for reading, closed by `close()`.
struct FileInput {
    let descriptor: Int32
    var reader: FileDescriptorReader

    init(_ path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IOError(path: path, errno: errno) }
        reader = FileDescriptorReader(descriptor: descriptor, name: path)
    }

    func close() { _ = Glibc.close(descriptor) }
}
