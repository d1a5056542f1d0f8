import Foundation

/// Seed inputs read from the repository (spec/vectors, examples, the tests' fixtures), relative to
/// the working directory, which Tests/fuzz.sh sets to the package root. A missing folder gives no
/// seeds rather than an error: the generated seeds still start the corpus.
enum SeedFiles {
    /// The regular files directly in `folder` whose names end in `suffix` ("" for all).
    static func files(in folder: String, suffix: String = "") -> [[UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { $0.hasSuffix(suffix) }.compactMap { name in
            var isFolder: ObjCBool = false
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return FileManager.default.contents(atPath: path).map { Array($0) }
        }
    }

    /// The payloads of the published vectors in `folder`: each file is text lines, a blank line,
    /// then the bytes under test.
    static func vectorPayloads(in folder: String) -> [[UInt8]] {
        files(in: folder).compactMap { file in
            let separator: [UInt8] = [0x0A, 0x0A]
            guard let start = (0..<max(0, file.count - 1)).first(where: { file[$0] == separator[0] && file[$0 + 1] == separator[1] }) else {
                return nil
            }
            return Array(file[(start + 2)...])
        }
    }
}
