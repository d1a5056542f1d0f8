import Foundation
import Testing

/// Issue 11 §4: the README's quick start could not be run as written. This runs the shell blocks of
/// its "Quick start" section, exactly as they stand, with the built binaries first on the PATH, in a
/// temporary folder that holds a link to the repository's `examples/` (the quick start runs from
/// the repository's root). One substitution: the relay's port 8443 becomes a free port, so that
/// several runs on one machine cannot collide. Any README change that breaks a command fails here.
@Suite(.serialized) struct QuickStartCLITests {
    /// The commands of every ```sh block between "## Quick start" and the next "## " heading.
    static func quickStart() throws -> String {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "## Quick start"), "README.md has no Quick start section")
        var blocks: [String] = []
        var current: [Substring]?
        for line in lines[(start + 1)...] {
            if current == nil, line.hasPrefix("## ") { break }
            if current == nil, line == "```sh" { current = []; continue }
            if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(line)
        }
        return blocks.joined(separator: "\n")
    }

    @Test(.timeLimit(.minutes(10))) func theQuickStartRunsAsWritten() throws {
        let cli = try CLI(); defer { cli.remove() }
        let script = try Self.quickStart()
        #expect(script.contains("sealpost init") && script.contains("sealpost-relay serve") && script.contains("sealpost send"))
        #expect(script.contains("8443"))
        try FileManager.default.createSymbolicLink(atPath: cli.path("examples"),
                                                   withDestinationPath: CLI.packageRoot.appendingPathComponent("examples").path)
        let port = try ExchangeCLITests.Partnership.freePort()
        // Stop anything the script left running (the relay, if a command failed before `kill`).
        let guarded = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"
            + script.replacingOccurrences(of: "8443", with: String(port))
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let r = try cli.run(["300", "bash", "-c", guarded],
                            environment: ["PATH": CLI.binDirectory.path + ":" + path, "SEALPOST_PASSPHRASE": "", "SEALPOST_RELAY": "",
                                          "HOME": cli.path(".")],
                            program: "/usr/bin/timeout")
        #expect(r.status == 0, "the quick start failed:\n\(r.out)\n\(r.stderr)")

        let tryout = cli.path("tryout")
        #expect(try String(contentsOfFile: tryout + "/note.opened", encoding: .utf8) == "A note for the MASH\n")
        #expect(r.out.contains("sent "), "\(r.out)")
        #expect(r.stderr.contains("sealpost: preview: record SA-2026-0142"), "\(r.stderr)")
        #expect(r.out.contains("acknowledged") && r.out.contains("outcome: early help"), "\(r.out)")
        #expect(FileManager.default.fileExists(atPath: tryout + "/mash/inbox"))
        #expect(r.stderr.contains("opened: envelope"), "\(r.stderr)")
    }
}
