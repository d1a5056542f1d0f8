import Foundation

/// The command line: `sealpost-fuzz TARGET [libFuzzer options and corpus folders]` fuzzes one
/// target (in a build with `-sanitize=fuzzer`, see Tests/fuzz.sh); `sealpost-fuzz --list` names the
/// targets; `sealpost-fuzz --seeds TARGET DIR` writes the target's seed inputs into DIR;
/// `sealpost-fuzz --replay TARGET FILE...` runs inputs once each (any build: to reproduce a
/// crash in a debugger or under the ordinary build).
enum Driver {
    /// The target chosen on the command line, read by the libFuzzer callback.
    nonisolated(unsafe) static var target: FuzzTarget? = nil

    static func usage() -> Never {
        var text = "usage: sealpost-fuzz TARGET [libFuzzer options] [CORPUS...]\n"
        text += "       sealpost-fuzz --list | --seeds TARGET DIR | --replay TARGET FILE...\ntargets:\n"
        for t in FuzzTarget.all { text += "  \(t.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(t.summary)\n" }
        FileHandle.standardError.write(Data(text.utf8))
        exit(2)
    }

    static func named(_ name: String) -> FuzzTarget {
        guard let target = FuzzTarget.named(name) else {
            FileHandle.standardError.write(Data("sealpost-fuzz: no target \(name)\n".utf8))
            usage()
        }
        return target
    }

    /// Handles everything but fuzzing; returns the target to fuzz.
    static func prepare(_ arguments: [String]) -> FuzzTarget {
        guard arguments.count >= 2 else { usage() }
        switch arguments[1] {
        case "--list":
            for t in FuzzTarget.all { print(t.name) }
            exit(0)
        case "--seeds":
            guard arguments.count == 4 else { usage() }
            let target = named(arguments[2])
            let folder = arguments[3]
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let seeds = target.seeds()
            for (i, seed) in seeds.enumerated() {
                _ = FileManager.default.createFile(atPath: "\(folder)/seed-\(i)", contents: Data(seed))
            }
            print("\(target.name): \(seeds.count) seeds in \(folder)")
            exit(0)
        case "--replay":
            guard arguments.count >= 3 else { usage() }
            let target = named(arguments[2])
            for path in arguments.dropFirst(3) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("sealpost-fuzz: cannot read \(path)\n".utf8))
                    exit(1)
                }
                target.run(Array(data))
                print("\(path): ok")
            }
            exit(0)
        default:
            return named(arguments[1])
        }
    }
}
