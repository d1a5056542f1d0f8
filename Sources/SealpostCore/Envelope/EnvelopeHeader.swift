import SealpostSodium

/// The cleartext header of an envelope (spec/envelope.md §"Header").
///
///     magic "SEALPOST" (8) | version (1) | suite (1) | reserved 0x0000 (2) | n (2, big-endian)
///     | stream header (24) | n recipient slots (80 each) | header tag (32)
///
/// Each slot is `crypto_box_seal(file key)` for one recipient, in random order. The tag is keyed
/// BLAKE2b-256 over every byte before it, under the header key derived from the file key.
package struct EnvelopeHeader {
    package var streamHeader: [UInt8]
    package var slots: [[UInt8]]
    package var tag: [UInt8]
    /// 1, or 2 for an envelope with attachments. The tag and the header hash cover it, so it
    /// cannot be changed to hide or reveal the manifest's attachment list.
    package var version: UInt8 = EnvelopeFormat.version

    /// Every header byte before the tag: what the tag authenticates.
    var authenticatedBytes: [UInt8] {
        var out = EnvelopeFormat.magic
        out.append(version)
        out.append(EnvelopeFormat.suite)
        out.append(contentsOf: [0, 0])
        out.append(UInt8(slots.count >> 8))
        out.append(UInt8(slots.count & 0xff))
        out.append(contentsOf: streamHeader)
        for slot in slots { out.append(contentsOf: slot) }
        return out
    }

    var serialized: [UInt8] { authenticatedBytes + tag }

    static func tag(for authenticatedBytes: [UInt8], headerKey: BLAKE2b.Key) -> [UInt8] {
        BLAKE2b.hash(authenticatedBytes, outputLength: EnvelopeFormat.headerTagLength, key: headerKey)
    }

    /// Reads and checks the header's structure. No cryptography happens here, so every error is
    /// about the bytes as they stand: version, layout, or length.
    package static func read(from reader: inout some ByteReader) throws(EnvelopeOpenFailure) -> EnvelopeHeader {
        let fixed: [UInt8]
        do { fixed = try reader.readBytes(upTo: EnvelopeFormat.fixedHeaderLength) } catch { throw .io(error) }
        let got = fixed.count
        let magicSeen = min(got, EnvelopeFormat.magic.count)
        guard fixed[0..<magicSeen].elementsEqual(EnvelopeFormat.magic[0..<magicSeen]) else {
            throw .envelope(.init(.malformedHeader, "not a Sealpost envelope (the file does not start with \"SEALPOST\")"))
        }
        if got >= 10, !EnvelopeFormat.supportedVersions.contains(fixed[8]) || fixed[9] != EnvelopeFormat.suite {
            let versions = EnvelopeFormat.supportedVersions
            throw .envelope(.init(.unsupportedVersion, "version \(fixed[8]) suite \(fixed[9]) (this program reads versions \(versions.lowerBound) to \(versions.upperBound) of suite \(EnvelopeFormat.suite))"))
        }
        guard got == EnvelopeFormat.fixedHeaderLength else { throw .envelope(.init(.truncated)) }
        guard fixed[10] == 0, fixed[11] == 0 else {
            throw .envelope(.init(.malformedHeader, "reserved bytes 10-11 must be zero"))
        }
        let count = Int(fixed[12]) << 8 | Int(fixed[13])
        guard (1...EnvelopeFormat.maximumRecipients).contains(count) else {
            throw .envelope(.init(.malformedHeader, "recipient count \(count) is outside 1...\(EnvelopeFormat.maximumRecipients)"))
        }
        let restLength = count * EnvelopeFormat.slotLength + EnvelopeFormat.headerTagLength
        let rest: [UInt8]
        do { rest = try reader.readBytes(upTo: restLength) } catch { throw .io(error) }
        guard rest.count == restLength else { throw .envelope(.init(.truncated)) }
        var slots: [[UInt8]] = []
        slots.reserveCapacity(count)
        for i in 0..<count {
            slots.append(Array(rest[i * EnvelopeFormat.slotLength..<(i + 1) * EnvelopeFormat.slotLength]))
        }
        return EnvelopeHeader(streamHeader: Array(fixed[14..<38]), slots: slots,
                              tag: Array(rest[(count * EnvelopeFormat.slotLength)...]), version: fixed[8])
    }
}

/// A failure while opening: either the envelope is bad (an `EnvelopeError`) or the input or
/// output failed (an `IOError`), which says nothing about the envelope.
public enum EnvelopeOpenFailure: Error, Equatable, CustomStringConvertible {
    case envelope(EnvelopeError)
    case io(IOError)

    public var description: String {
        switch self {
        case let .envelope(e): return e.description
        case let .io(e): return e.description
        }
    }
}
