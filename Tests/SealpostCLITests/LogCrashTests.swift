import Foundation
import SealpostCore
import SealpostLog
import SealpostSodium
import Testing

/// THREATS row 22: the real `sealpost` process is killed (SIGKILL) at random points while it
/// appends batches to a receipt log; after every kill the log verifies, and its last entry is
/// whole or absent (a torn tail is reported, then cut by the next run's first append).
@Suite struct LogCrashTests {
    @Test func theLogVerifiesAfterEveryKill() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let folder = cli.path("crash")
        var sizes: [Int64] = []
        var torn = 0
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let process = Process()
            process.executableURL = CLI.binDirectory.appendingPathComponent("sealpost")
            process.arguments = ["bench", "log", "--append-until-killed", folder, "--batch", round % 2 == 0 ? "1" : "50"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until it has opened the log and is appending, then let it run a random while.
            _ = out.fileHandleForReading.availableData
            usleep(UInt32.random(in: 1_000...80_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            let card = try Home(path: folder + "/home").card()
            let owner = try card.verified().signingKey
            let report = try LogVerifier(directory: folder + "/log", owner: owner).verify()
            #expect(report.isValid, "round \(round): \(String(describing: report.problem))")
            #expect(report.entries >= (sizes.last ?? 0), "round \(round): entries were lost")
            if report.tornTail > 0 { torn += 1 }
            sizes.append(report.entries)
        }
        #expect(sizes.last! > 0)
        // Not asserted (timing decides it), but worth seeing when the test is read.
        print("log crash loop: sizes \(sizes), torn tails found \(torn)")
    }
}
