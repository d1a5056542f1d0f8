import Foundation
import SealpostCore

/// The few file operations the exchange stores share: folders made private, JSON written
/// atomically and durably (AtomicFile: temporary file, fsync, rename, fsync of the folder), and
/// JSON read back with an error that names the file.
enum StoreFiles {
    static func makeDirectory(_ path: String) throws(ExchangeError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ExchangeError(.storage, "cannot create the folder \(path)", hint: "check that the home folder is writable")
        }
    }

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Every stored type is plain strings, integers, arrays and structs: encoding cannot fail.
        return Array(try! encoder.encode(value)) + [0x0a]
    }

    static func write<T: Encodable>(_ value: T, to path: String, doing what: String) throws(ExchangeError) {
        do { try AtomicFile.write(encode(value), to: path, mode: 0o600) } catch { throw .storage(error, doing: what) }
    }

    static func read<T: Decodable>(_ type: T.Type, from path: String) throws(ExchangeError) -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw ExchangeError(.storage, "\(path) is damaged (not the JSON this program writes)",
                                hint: "restore it from a backup, or move it aside if you know what it held")
        }
    }

    static func bytes(at path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map(Array.init) }

    /// The ids of the `ID.json` records in `directory` (hidden temporary files left out).
    static func jsonIDs(in directory: String) -> [String] {
        names(in: directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
    }

    static func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}

/// A test-only way to stop the process dead at a named point, as a crash or power cut would
/// (SIGKILL: no clean-up, no buffered output flushed): set SEALPOST_TEST_KILL_AT to the point's
/// name. The points are listed in spec/exchange.md §Crash points. Unset, it does nothing.
enum CrashPoint {
    static func reached(_ name: String) {
        guard let wanted = ProcessInfo.processInfo.environment["SEALPOST_TEST_KILL_AT"], wanted == name else { return }
        kill(getpid(), SIGKILL)
    }
}
