import Foundation
import Testing

/// Issue 11 §4: `--help` wrapped mid-sentence because discussion strings carried hard line breaks.
/// Every command of both executables is asked for its help at a very wide terminal (COLUMNS), where
/// ArgumentParser wraps nothing: any line of prose that stops without ending its sentence, and is
/// followed by more prose, is a hard break in the source.
@Suite(.serialized) struct HelpTextCLITests {
    /// Every command path below `program`, found from the SUBCOMMANDS section of each help text.
    static func commands(_ cli: CLI, program: String, prefix: [String] = []) throws -> [[String]] {
        let help = try helpText(cli, program: program, command: prefix)
        var found = [prefix]
        for name in subcommands(in: help) where name != "help" {
            found += try commands(cli, program: program, prefix: prefix + [name])
        }
        return found
    }

    static func helpText(_ cli: CLI, program: String, command: [String]) throws -> String {
        let result = try cli.run(command + ["--help"], environment: ["COLUMNS": "10000"], program: program)
        #expect(result.status == 0, "\(program) \(command) --help: \(result.stderr)")
        return result.out
    }

    static func subcommands(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        var names: [String] = []
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("  ") else { break }
            let name = line.drop { $0 == " " }.prefix { $0 != " " }
            if !name.isEmpty, !line.hasPrefix("    ") { names.append(String(name)) }
        }
        return names
    }

    /// Lines of prose (not indented examples, not option rows) that stop mid-sentence and go on
    /// on the next line.
    static func hardBreaks(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var broken: [String] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            let prose = !line.hasPrefix(" ") && !line.isEmpty && !line.hasSuffix(":")
            let continues = !next.isEmpty && !next.hasPrefix(" ") && !next.hasSuffix(":") && next != next.uppercased()
            guard prose, continues, let last = line.last else { continue }
            if !".!?)".contains(last) { broken.append(line) }
        }
        // An option's help continued on a second line of its own (both deeply indented) is also a break.
        for (line, next) in zip(lines, lines.dropFirst()) where line.hasPrefix("          ") && next.hasPrefix("          ") {
            broken.append(line.trimmingCharacters(in: .whitespaces))
        }
        return broken
    }

    @Test func noHelpTextHasAHardLineBreak() throws {
        let cli = try CLI(); defer { cli.remove() }
        var checked = 0
        for program in ["sealpost", "sealpost-relay"] {
            for command in try Self.commands(cli, program: program) {
                let help = try Self.helpText(cli, program: program, command: command)
                checked += 1
                for line in Self.hardBreaks(in: help) {
                    Issue.record("\(program) \(command.joined(separator: " ")) --help breaks a sentence after: \(line)")
                }
            }
        }
        // Both executables' trees: a listing that found nothing would make this test pass vacuously.
        #expect(checked > 30, "only \(checked) commands found")
    }

    @Test func theCheckFindsABreak() {
        let broken = "OVERVIEW: Do it.\n\nEvery decision is an entry in HOME/log,\nsigned and hash-chained.\n\nUSAGE: x\n"
        #expect(Self.hardBreaks(in: broken) == ["Every decision is an entry in HOME/log,"])
        let whole = "OVERVIEW: Do it.\n\nEvery decision is an entry in HOME/log, signed and hash-chained.\n\nUSAGE: x\n"
        #expect(Self.hardBreaks(in: whole).isEmpty)
    }

    @Test func completionScriptsAreGenerated() throws {
        let cli = try CLI(); defer { cli.remove() }
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.run(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(script.stderr)")
            #expect(script.out.contains("send") && script.out.contains("passphrase"), "\(shell) completion")
        }
    }
}
