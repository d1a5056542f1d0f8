import Foundation
@testable import SealpostJSON

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example records shipped in examples/records/, by file name: real documents for the parser
/// and writer to round-trip.
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
