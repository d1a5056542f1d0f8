import Foundation
import Testing
import SealpostCore

@Suite("Atomic files")
struct AtomicFileTests {
    @Test("write puts the bytes at the path with the requested mode and leaves nothing else", arguments: [0o600, 0o644, 0o640, 0o666])
    func write(mode: Int) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/out.bin"
            let bytes = patternBytes(200_000)
            try AtomicFile.write(bytes, to: path, mode: mode_t(mode))
            #expect(readFile(path) == bytes)
            // Exactly the mode asked for, whatever the process umask.
            #expect(try permissions(of: path) == mode)
            #expect(directoryEntries(dir) == ["out.bin"])
        }
    }

    @Test("the default mode is private")
    func defaultMode() throws {
        try withTemporaryDirectory { dir in
            try AtomicFile.write([1, 2, 3], to: dir + "/key")
            #expect(try permissions(of: dir + "/key") == 0o600)
        }
    }

    @Test("bytes stay in a hidden temporary file beside the destination until commit")
    func commit() throws {
        try withTemporaryDirectory { dir in
            let destination = dir + "/report.txt"
            let file = try AtomicFile(destination: destination, mode: 0o640)
            #expect(file.destination == destination)
            #expect(file.temporaryPath.hasPrefix(dir + "/.report.txt.tmp-"))
            #expect(FileManager.default.fileExists(atPath: file.temporaryPath))
            #expect(try permissions(of: file.temporaryPath) == 0o640, "the mode is set from the start")
            try file.write(Array("first ".utf8))
            var writer = file.writer
            try Array("second".utf8).withUnsafeBytes { try writer.write($0) }
            #expect(!FileManager.default.fileExists(atPath: destination))
            #expect(readFile(file.temporaryPath) == Array("first second".utf8))

            try file.commit()
            #expect(readFile(destination) == Array("first second".utf8))
            #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
            #expect(directoryEntries(dir) == ["report.txt"])
            #expect(try permissions(of: destination) == 0o640)
            // Discarding after a commit does not undo it.
            file.discard()
            #expect(readFile(destination) == Array("first second".utf8))
        }
    }

    @Test("an existing file is replaced only at commit")
    func replace() throws {
        try withTemporaryDirectory { dir in
            let destination = dir + "/contact.card.json"
            try AtomicFile.write(Array("old".utf8), to: destination, mode: 0o644)
            let file = try AtomicFile(destination: destination, mode: 0o600)
            try file.write(Array("new".utf8))
            #expect(readFile(destination) == Array("old".utf8))
            try file.commit()
            #expect(readFile(destination) == Array("new".utf8))
            #expect(try permissions(of: destination) == 0o600)
            #expect(directoryEntries(dir) == ["contact.card.json"])
        }
    }

    @Test("discard removes the temporary file and leaves any existing file alone")
    func discard() throws {
        try withTemporaryDirectory { dir in
            let destination = dir + "/out"
            try AtomicFile.write(Array("keep".utf8), to: destination)
            let file = try AtomicFile(destination: destination)
            try file.write(patternBytes(1000))
            let temporary = file.temporaryPath
            #expect(FileManager.default.fileExists(atPath: temporary))
            file.discard()
            #expect(!FileManager.default.fileExists(atPath: temporary))
            file.discard()
            #expect(readFile(destination) == Array("keep".utf8))
            #expect(directoryEntries(dir) == ["out"])
        }
    }

    @Test("an uncommitted file dropped on the floor is removed")
    func dropped() throws {
        try withTemporaryDirectory { dir in
            var temporary = ""
            do {
                let file = try AtomicFile(destination: dir + "/never")
                try file.write([1, 2, 3])
                temporary = file.temporaryPath
                #expect(FileManager.default.fileExists(atPath: temporary))
            }
            #expect(!temporary.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: temporary))
            #expect(directoryEntries(dir).isEmpty)
        }
    }

    @Test("two files for the same destination do not collide, and the last commit wins")
    func concurrentTemporaries() throws {
        try withTemporaryDirectory { dir in
            let destination = dir + "/same"
            let a = try AtomicFile(destination: destination)
            let b = try AtomicFile(destination: destination)
            #expect(a.temporaryPath != b.temporaryPath)
            try a.write(Array("a".utf8))
            try b.write(Array("b".utf8))
            try a.commit()
            try b.commit()
            #expect(readFile(destination) == Array("b".utf8))
            #expect(directoryEntries(dir) == ["same"])
        }
    }

    @Test("a folder that does not exist is an I/O error naming the destination")
    func missingDirectory() throws {
        let destination = "/nonexistent-sealpost-\(UInt32.random(in: 0...UInt32.max))/file"
        let error = #expect(throws: IOError.self) { try AtomicFile(destination: destination) }
        #expect(error?.path == destination)
        #expect(error?.reason.isEmpty == false)
        #expect(throws: IOError.self) { try AtomicFile.write([1], to: destination) }
        #expect(throws: IOError.self) { try AtomicFile.syncDirectory("/nonexistent-sealpost-dir") }
        #expect(throws: Never.self) { try AtomicFile.syncDirectory(FileManager.default.temporaryDirectory.path) }
    }
}
