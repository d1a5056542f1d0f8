#if canImport(Glibc)
import Glibc
#endif

/// Where a file-based opener stages attachments, and how it releases them (spec/envelope.md
/// §"Opening": no plaintext is released before the open succeeds).
///
/// Bytes go to numbered files (mode 0600) in a private folder (mode 0700) created beside the
/// destination folder, so every later move is a rename on one file system. `publish()`, called
/// only after the signature and every hash verified, links each file into the destination folder
/// under its safe name (AttachmentName), never replacing a file already there (on a file system
/// without hard links it renames, to a name it found free), fsyncs the folder and removes the
/// staging folder. `discard()` removes the staging folder and anything published.
public final class AttachmentFolder: AttachmentStaging {
    public let directory: String
    let staging: String
    private var attachments: [ManifestAttachment] = []
    private var descriptor: Int32 = -1
    private var published: [String] = []

    /// Creates the private staging folder beside `directory` (whose parent must exist).
    public init(directory: String) throws(IOError) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        let parent = AtomicFile.directory(of: self.directory)
        let base = self.directory.split(separator: "/").last.map(String.init) ?? "attachments"
        var template = Array("\(parent)/.\(base).staging-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw IOError(path: directory, errno: errno)
        }
        staging = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    func stagedPath(_ index: Int) -> String { "\(staging)/\(index)" }

    public func begin(_ attachment: ManifestAttachment, index: Int) throws(IOError) {
        let path = stagedPath(index)
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw IOError(path: path, errno: errno) }
        attachments.append(attachment)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        var writer = FileDescriptorWriter(descriptor: descriptor, name: stagedPath(attachments.count - 1))
        try writer.write(bytes)
    }

    public func end(index: Int) throws(IOError) {
        defer { close(descriptor); descriptor = -1 }
        guard fsync(descriptor) == 0 else { throw IOError(path: stagedPath(index), errno: errno) }
    }

    /// Moves every staged attachment into the folder under its safe name; returns the paths in
    /// manifest order. On failure, what was moved is removed again.
    public func publish() throws(IOError) -> [String] {
        guard !attachments.isEmpty else { removeStaging(); return [] }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw IOError(path: directory, errno: errno) }
        var taken = Set(Self.names(in: directory).map { $0.lowercased() })
        for (index, attachment) in attachments.enumerated() {
            while true {
                let path = directory + "/" + AttachmentName.safe(attachment.name, type: attachment.type, index: index, taken: &taken)
                if link(stagedPath(index), path) == 0 { published.append(path); break }
                // Another file took the name since the folder was listed: try the next free one.
                if errno == EEXIST { continue }
                // A file system without hard links: rename, which replaces, only to a name still free.
                guard errno == EPERM || errno == EOPNOTSUPP || errno == EXDEV else {
                    let code = errno; unpublish(); throw IOError(path: path, errno: code)
                }
                guard access(path, F_OK) != 0 else { continue }
                guard rename(stagedPath(index), path) == 0 else { let code = errno; unpublish(); throw IOError(path: path, errno: code) }
                published.append(path)
                break
            }
        }
        do { try AtomicFile.syncDirectory(directory) } catch { unpublish(); throw error }
        removeStaging()
        return published
    }

    /// Removes the staging folder and anything already published.
    public func discard() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unpublish()
        removeStaging()
    }

    /// Removes what `publish()` moved into the folder (when what they belong to failed after all).
    public func unpublish() {
        for path in published { unlink(path) }
        published = []
    }

    private func removeStaging() {
        for index in attachments.indices { unlink(stagedPath(index)) }
        rmdir(staging)
    }

    static func names(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }
}
