import Foundation

/// What a set of files and folders looks like on disk (inode, size, modification time to the
/// nanosecond), to tell whether something read from them earlier can be used again.
///
/// Every store the app reads changes a file or a folder's modification time when it changes (the
/// log appends; the exchange's stores write by renaming into their folder). A change within the
/// same clock tick as the reading could leave the time unchanged, so a fingerprint whose newest
/// time is within `settle` seconds of when it was taken is not trusted: the caller reads again
/// (the "racy" rule git uses for its index).
struct FileFingerprint: Equatable, Sendable {
    private var stamps: [String: [Int64]]
    /// The newest modification time seen, in nanoseconds since 1970.
    private let newest: Int64

    static let settle: Int64 = 2_000_000_000

    /// The fingerprint of `paths` (a missing path is recorded as missing) and, for each folder in
    /// `listing`, of every file directly inside it.
    init(paths: [String], listing: [String] = []) {
        var stamps: [String: [Int64]] = [:]
        var newest: Int64 = 0
        func add(_ path: String) {
            var s = stat()
            guard stat(path, &s) == 0 else {
                stamps[path] = []
                return
            }
            let mtime = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
            let ctime = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
            stamps[path] = [Int64(s.st_ino), Int64(s.st_size), mtime, ctime]
            newest = max(newest, mtime, ctime)
        }
        for path in paths { add(path) }
        for folder in listing {
            add(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { add(folder + "/" + name) }
        }
        self.stamps = stamps
        self.newest = newest
    }

    /// Whether nothing in it changed within `settle` of `nanoseconds` (the real time it was taken).
    func isSettled(at nanoseconds: Int64) -> Bool { nanoseconds - newest >= Self.settle }

    static var realNow: Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }
}
