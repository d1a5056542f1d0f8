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
            let report = try LogVerifier(directory: folder + "/home/log", owner: owner).verify()
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

/// `sealpost log`, `log show`, `log verify` and `log export` through the binary, on a log the
/// real binary wrote; an edited entry is named by `log verify`.
@Suite struct LogCommandTests {
    @Test func listShowVerifyExportAndTamper() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let folder = cli.path("logged")
        let process = Process()
        process.executableURL = CLI.binDirectory.appendingPathComponent("sealpost")
        process.arguments = ["bench", "log", "--append-until-killed", folder, "--batch", "3"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = out.fileHandleForReading.availableData
        // Killed once the log holds a few entries (on a loaded machine the first fsync can take a while).
        let chain = folder + "/home/log/chain.log"
        for _ in 0..<1000 where ((try? FileManager.default.attributesOfItem(atPath: chain)[.size] as? Int) ?? 0) < 2000 { usleep(10_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let home = folder + "/home"
        let environment = ["SEALPOST_PASSPHRASE": ""]  // the facts need no passphrase
        let unlocked = ["SEALPOST_PASSPHRASE": "crash test only"]  // the details are sealed at rest

        let list = try cli.run(["log", "--home", home], environment: environment)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.out.hasPrefix("SEQ  TIME (UTC)"))
        #expect(list.out.contains(" sent ") && list.out.contains("kingsbridge-mash") && list.out.contains("waiting"))
        let sent = try cli.run(["log", "--home", home, "--kind", "received"], environment: environment)
        #expect(sent.out == "no entries match\n")

        let locked = try cli.run(["log", "show", "1", "--home", home], environment: environment)
        #expect(locked.status != 0 && locked.stderr.contains("needs the passphrase"), "\(locked.stderr)")
        let show = try cli.run(["log", "show", "1", "--home", home], environment: unlocked)
        #expect(show.status == 0 && show.out.hasPrefix("entry 1: sent at "), "\(show.stderr)")
        #expect(show.out.contains("\"subject\"") && show.out.contains("\"counterpart\": \"kingsbridge-mash\""))

        let verify = try cli.run(["log", "verify", "--home", home, "--every-signature"], environment: environment)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.out.contains("ok: the log verifies"))

        let csv = try cli.run(["log", "export", "--home", home, "--format", "csv"], environment: environment)
        #expect(csv.out.hasPrefix("seq,time,kind,counterpart,purpose,message_id,envelope_id,status\r\n1,"))
        let json = try cli.run(["log", "export", "--home", home, "--without-details"], environment: environment)
        #expect(json.status == 0 && !json.out.contains("\"details\"") && json.out.contains("\"entries\""))

        // Retention: erase every entry's details; the log still verifies and says so.
        let erase = try cli.run(["log", "erase", "--home", home, "--before", "2099-01-01", "--rule", "test rule"])
        #expect(erase.status == 1 && erase.stderr.contains("in the future"))
        let tomorrow: String = {
            let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: Date().addingTimeInterval(86_400))
        }()
        let erased = try cli.run(["log", "erase", "--home", home, "--before", tomorrow, "--rule", "test rule"],
                                 environment: ["SEALPOST_PASSPHRASE": "crash test only"])
        #expect(erased.status == 0 && erased.out.contains("erased the details of"), "\(erased.stderr)")
        #expect(try cli.run(["log", "verify", "--home", home], environment: environment).status == 0)
        #expect(try cli.run(["log", "show", "1", "--home", home], environment: unlocked).out.contains("details    erased"))

        // Edit entry 2's facts in place: verify names entry 2 and exits non-zero.
        let chainFile = home + "/log/chain.log"
        var lines = try String(contentsOfFile: chainFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count > 3)
        lines[1] = lines[1].replacingOccurrences(of: "kingsbridge-mash", with: "kingsbridge-csc!")
        try lines.joined(separator: "\n").write(toFile: chainFile, atomically: true, encoding: .utf8)
        let bad = try cli.run(["log", "verify", "--home", home], environment: environment)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("sealpost: error: the log does not verify: entry 2:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("sealpost log show 2"))
    }
}
