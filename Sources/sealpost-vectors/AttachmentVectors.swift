// Vectors for envelopes with attachments (spec/envelope.md §"Attachments"): version 2 headers,
// the manifest's attachment list, and the checks an opener makes on the attachments.

import SealpostCore
import SealpostSodium

/// A version 2 envelope built from explicit parts: `manifest` (encoded as given, whatever its
/// attachment list says), the content stream in canonical chunks, signed over exactly that.
@MainActor func composeVersion2(manifestBytes: [UInt8], stream: [UInt8], to recipients: [Identity], version: UInt8 = 2) -> [UInt8] {
    let encoder = try! EnvelopeEncoder(fileKey: .random(count: EnvelopeFormat.fileKeyLength),
                                       recipients: recipients.map(\.boxKey.publicKey), version: version)
    let signature = sender.signingKey.signature(for: EnvelopeEncoder.signedMessage(
        headerHash: encoder.headerHash, manifestHash: EnvelopeFormat.labelledHash(EnvelopeFormat.manifestHashLabel, manifestBytes),
        contentHash: BLAKE2b.hash(stream), contentLength: UInt64(stream.count))).rawRepresentation
    var out = encoder.headerBytes + encoder.frame(manifestBytes, tag: .message)
    var offset = 0
    while stream.count - offset >= chunk {
        out += encoder.frame(Array(stream[offset..<offset + chunk]), tag: .message)
        offset += chunk
    }
    return out + encoder.frame(Array(stream[offset...]) + signature, tag: .final)
}

@MainActor func makeAttachmentVectors() {
    let body = Array(#"{"id": "transfer-2026-0412", "narrative": "child protection file, see attachments"}"#.utf8) + [0x0a]
    let chronology = content(chunk + 4321)
    let bodyMap = content(777).map { $0 ^ 0x5a }
    let files: [(name: String, type: String, bytes: [UInt8])] = [
        ("chronology.pdf", "application/pdf", chronology),
        ("body map.png", "image/png", bodyMap),
        ("empty note.txt", "text/plain", []),
    ]
    let attachments = files.map { ManifestAttachment(name: $0.name, type: $0.type, length: UInt64($0.bytes.count), hash: BLAKE2b.hash($0.bytes)) }
    let stream = files.flatMap(\.bytes) + body
    let sealed = try! EnvelopeSealer(sender: sender).seal(body, recipients: [mash.boxKey.publicKey], contentType: "application/json",
                                                          attachments: files, createdAt: createdAt)
    vectors.append(Vector(name: "success_attachments", expect: "success",
                          description: "version 2: three attachments (one over a chunk, one empty) before a JSON body",
                          opener: mash, trusted: [sender], envelope: sealed.envelope, contentHash: BLAKE2b.hash(stream),
                          contentLength: stream.count, attachments: attachments))

    func manifest2(_ list: [ManifestAttachment]) -> Manifest {
        var m = manifest(to: [mash])
        m.contentType = "application/json"
        m.attachments = list
        return m
    }
    var wrong = attachments
    wrong[1].hash = BLAKE2b.hash(bodyMap + [0])
    failure("signature_invalid_attachment_hash", .signatureInvalid,
            "version 2: the signed manifest gives the second attachment another hash than its bytes have",
            composeVersion2(manifestBytes: try! manifest2(wrong).encoded(), stream: stream, to: [mash]))
    var long = attachments
    long[0].length = UInt64(stream.count + 1)
    failure("signature_invalid_attachment_longer_than_content", .signatureInvalid,
            "version 2: the manifest lists an attachment longer than the whole content",
            composeVersion2(manifestBytes: try! manifest2(Array(long.prefix(1))).encoded(), stream: stream, to: [mash]))
    failure("malformed_header_version_2_without_attachments", .malformedHeader,
            "a version 2 header whose manifest has no attachment list (a version 1 manifest)",
            composeVersion2(manifestBytes: try! manifest2([]).encoded(), stream: body, to: [mash]))
    failure("malformed_header_version_1_with_attachments", .malformedHeader,
            "a version 1 header whose manifest lists attachments (bytes after the last attribute)",
            composeVersion2(manifestBytes: try! manifest2(attachments).encoded(), stream: stream, to: [mash], version: 1))
    var zero = try! manifest2([]).encoded()
    zero.append(0)
    failure("malformed_header_zero_attachments", .malformedHeader, "a version 2 manifest whose attachment count is 0",
            composeVersion2(manifestBytes: zero, stream: body, to: [mash]))
    var emptyName = try! manifest2([]).encoded()
    emptyName += [1, 0, 0, 10] + Array("text/plain".utf8) + [0, 0, 0, 0, 0, 0, 0, 0] + BLAKE2b.hash([])
    failure("malformed_header_attachment_empty_name", .malformedHeader, "a version 2 manifest with an attachment name of length 0",
            composeVersion2(manifestBytes: emptyName, stream: body, to: [mash]))
    let cut = Array(sealed.envelope[0..<(frameOffsets(sealed.envelope)[2])])
    failure("truncated_inside_attachments", .truncated, "version 2: cut after the first content chunk, inside the first attachment", cut)
}
