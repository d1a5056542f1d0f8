import Foundation
import Testing
import SealpostProtocol
import SealpostRelay

/// Whether this process may mount a small tmpfs (root on Linux), checked once.
let canMountTmpfs: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("sealpost-tmpfs-probe-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: probe) }
    guard runQuietly(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) == 0 else { return false }
    _ = runQuietly(["umount", probe])
    return true
}()

@discardableResult
func runQuietly(_ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite("THREATS 26: the relay's disk fills up")
struct DiskFullTests {
    @Test("a deposit that does not fit is not acknowledged, nothing is half stored, and what was acknowledged survives",
          .enabled(if: canMountTmpfs, "needs to mount a small tmpfs (root on Linux)"))
    func diskFull() async throws {
        let folder = try TemporaryFolder("relay-full")
        defer { folder.remove() }
        let disk = folder.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try #require(runQuietly(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk]) == 0)
        defer { runQuietly(["umount", "-l", disk]) }
        let config = relayConfiguration(folder) {
            $0.databasePath = disk + "/relay.sqlite"
            $0.limits.maximumEnvelopeBytes = 512 * 1024
            $0.limits.perAgency = nil
        }
        let relay = try await RunningRelay.start(config)
        let school = SignedClient(relay, as: Party.school)
        var acknowledged: [[UInt8]] = []
        var refusal: Reply?
        for _ in 0..<40 {
            let bytes = envelope(size: 256 * 1024)
            let reply = try await school.deposit(bytes, to: [Party.mash, Party.csc])
            if reply.status == 201 {
                acknowledged.append(bytes)
            } else {
                refusal = reply
                break
            }
        }
        let refused = try #require(refusal, "3 MiB never filled up")
        #expect(refused.status == 500)
        #expect(refused.problem?.error == RelayErrorCode.internalError)
        #expect(acknowledged.count >= 2)

        // Both mailboxes hold exactly what was acknowledged, byte for byte, and the relay still answers.
        for recipient in [Party.mash, Party.csc] {
            let client = SignedClient(relay, as: recipient)
            #expect(try await client.waiting() == acknowledged.map(idOf))
        }
        #expect(try await SignedClient(relay, as: Party.mash).fetch(idOf(acknowledged[0])).body == acknowledged[0])
        await relay.stop()

        // After a restart on the same (still full) disk, the same.
        let again = try await RunningRelay.start(config)
        #expect(try await SignedClient(again, as: Party.csc).waiting() == acknowledged.map(idOf))
        await again.stop()
    }
}
