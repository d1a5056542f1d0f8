import Foundation

/// One vector as the file it is written to: every set (the envelope vectors at the top of
/// spec/vectors, practitioners/, and the field-format sets) is written and checked the same way.
protocol VectorFile {
    /// The file's name, unique within its set.
    var name: String { get }
    /// The file's exact bytes.
    var fileBytes: [UInt8] { get }
}

/// Writes `vectors` into DIRECTORY/`set` (DIRECTORY itself when `set` is nil), or, with `check`,
/// compares them with the files there; returns the names that differ, as `set/name`, and the
/// files there that no vector made (`(not generated)`). Notes (`*.md`) and the sets' folders are
/// not vectors.
func writeOrCheck<V: VectorFile>(_ vectors: [V], set: String?, directory: String, check: Bool) -> [String] {
    precondition(Set(vectors.map(\.name)).count == vectors.count, "two \(set ?? "envelope") vectors share a name")
    let folder = set.map { "\(directory)/\($0)" } ?? directory
    func shown(_ name: String) -> String { set.map { "\($0)/\(name)" } ?? name }
    var mismatches: [String] = []
    if !check { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    for vector in vectors {
        let path = "\(folder)/\(vector.name)"
        if check {
            let held = FileManager.default.contents(atPath: path).map(Array.init)
            if held != vector.fileBytes { mismatches.append(shown(vector.name)) }
        } else {
            try! Data(vector.fileBytes).write(to: URL(fileURLWithPath: path))
        }
    }
    if check {
        let existing = Set((try? FileManager.default.contentsOfDirectory(atPath: folder))?
            .filter { name in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isDirectory)
                return !name.hasSuffix(".md") && exists && !isDirectory.boolValue
            } ?? [])
        mismatches += existing.subtracting(vectors.map(\.name)).map { shown($0) + " (not generated)" }
    }
    return mismatches
}
