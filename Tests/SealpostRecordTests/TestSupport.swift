import Foundation
@testable import SealpostRecord

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example records shipped in examples/records/, by file name.
let exampleRecords: [(name: String, bytes: [UInt8])] = {
    let folder = repositoryRoot.appendingPathComponent("examples/records")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
        return (name, [UInt8](data))
    }
}()

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The JSON error for `input`, or nil when it parses.
func parseError(_ input: [UInt8], limits: JSONParser.Limits = .standard) -> JSONError? {
    do {
        _ = try JSONParser.parse(input, limits: limits)
        return nil
    } catch {
        return error
    }
}

func parseError(_ input: String) -> JSONError? { parseError(bytes(input)) }

/// Deterministic pseudo-random numbers (SplitMix64), so fuzz runs repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
