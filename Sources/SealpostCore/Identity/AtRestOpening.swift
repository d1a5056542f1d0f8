#if canImport(Glibc)
import Glibc
#endif
import SealpostSodium

extension AtRest {
    /// The sealed file's first bytes: magic, the boxed file key, the secretstream header.
    static let fileHeaderLength = magic.count + fileKeyLength + SealedBox.overhead + SecretStream.headerLength
    /// One chunk as sealed: at most `chunkLength` bytes of plaintext and the stream's overhead.
    static let sealedChunkLength = chunkLength + SecretStream.overhead

    /// A sealed file opened a chunk at a time from `reader`, so a file of any size is read in
    /// constant memory. `next()` returns each chunk's plaintext once it is authenticated, and nil
    /// only after the FINAL chunk when nothing follows it; a file cut short, altered, or with bytes
    /// after its end throws instead. A caller that must not release a damaged file's start (a
    /// download, an output file) writes to a place it can still discard until `next()` is nil.
    public struct Opening<Reader: ByteReader> {
        private var reader: Reader
        private let puller: SecretStream.Puller
        private let what: String
        private var finished = false

        init(_ reader: Reader, privateKey: X25519.PrivateKey, what: String) throws(AtRestError) {
            self.reader = reader
            self.what = what
            let head = try Self.read(&self.reader, upTo: AtRest.fileHeaderLength, what: what)
            guard head.count == AtRest.fileHeaderLength, AtRest.isSealed(head) else {
                throw AtRestError(.damaged, "\(what) is not a sealed file this program writes")
            }
            let keyEnd = AtRest.magic.count + AtRest.fileKeyLength + SealedBox.overhead
            do {
                let opened = try SealedBox.open(Array(head[AtRest.magic.count..<keyEnd]), with: privateKey)
                puller = try SecretStream.Puller(key: try SecretStreamKey(opened), header: Array(head[keyEnd...]))
            } catch {
                throw AtRestError(.damaged, "\(what) does not open with this agency's key: it was damaged or not sealed here")
            }
        }

        /// The next chunk's plaintext, or nil at the checked end.
        public mutating func next() throws(AtRestError) -> [UInt8]? {
            guard !finished else { return nil }
            let sealed = try Self.read(&reader, upTo: AtRest.sealedChunkLength, what: what)
            guard !sealed.isEmpty else { throw AtRestError(.damaged, "\(what) is cut short: it was truncated") }
            let chunk: (plaintext: [UInt8], tag: SecretStream.Tag)
            do { chunk = try puller.pull(sealed, additionalData: AtRest.magic) } catch {
                throw AtRestError(.damaged, "\(what) could not be authenticated: it was altered or damaged")
            }
            switch chunk.tag {
            case .message: break
            case .final:
                guard try Self.read(&reader, upTo: 1, what: what).isEmpty else {
                    throw AtRestError(.damaged, "\(what) has bytes after its end: it was altered")
                }
                finished = true
            default: throw AtRestError(.damaged, "\(what) holds a chunk this program never writes: it was altered")
            }
            return chunk.plaintext
        }

        private static func read(_ reader: inout Reader, upTo count: Int, what: String) throws(AtRestError) -> [UInt8] {
            do { return try reader.readBytes(upTo: count) } catch {
                throw AtRestError(.damaged, "\(what) cannot be read: \(error.reason)")
            }
        }
    }

    /// `reader`'s sealed file, to be opened a chunk at a time.
    public func opening<Reader: ByteReader>(_ reader: Reader, what: String) throws(AtRestError) -> Opening<Reader> {
        guard let privateKey else { throw AtRestError(.locked, "\(what) is sealed: the home must be unlocked to read it") }
        return try Opening(reader, privateKey: privateKey, what: what)
    }
}

/// A file opened for reading a sealed file from, closed when the last copy goes.
public final class ReadableFile {
    public let path: String
    private let descriptor: Int32

    /// Nil when there is no such file; throws when there is one that cannot be opened.
    public init?(_ path: String) throws(IOError) {
        self.path = path
        descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw IOError(path: path, errno: errno)
        }
    }

    deinit { close(descriptor) }

    public var reader: FileDescriptorReader { FileDescriptorReader(descriptor: descriptor, name: path) }
}
