import SealpostSodium

/// The id of an envelope: BLAKE2b-256 of all its bytes, unkeyed (spec/envelope.md §"Envelope id").
///
/// Anyone holding the envelope can compute it, the relay included; it names the envelope in
/// deposits and receipts and makes a second delivery of the same bytes recognisable.
public struct EnvelopeID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(of envelope: [UInt8]) { bytes = BLAKE2b.hash(envelope) }

    /// Hashes everything `reader` yields, in constant memory.
    public init(reading reader: inout some ByteReader) throws(IOError) {
        let hasher = BLAKE2b.Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try reader.read(into: buffer)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        bytes = hasher.finalize()
    }

    /// An id from its 32 bytes (a hash already computed, or a column that holds exactly 32 bytes).
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "an envelope id is 32 bytes")
        self.bytes = bytes
    }

    /// Parses 64 hex digits in either case, since people type ids (and prefixes of them) by
    /// hand; the id is always written in lower case. Where an id is read from a signed or
    /// stored document, compare `description` with the text to require the written spelling.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex.lowercased(), count: 32) else { return nil }
        self.bytes = bytes
    }

    public var description: String { Hex.encode(bytes) }
}
