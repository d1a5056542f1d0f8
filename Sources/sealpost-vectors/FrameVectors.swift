// Frame lengths at and past their bounds, and the stream tags a reader refuses
// (spec/envelope.md §"Opening", "Reading a frame" and steps 5 and 8).

import SealpostCore
import SealpostSodium

@MainActor func addFrameAndTagVectors() {
    // A small valid envelope to the MASH and the police: [manifest, final] frames.
    let env = seal(content(500), to: [mash, police])
    let frames = frameOffsets(env)
    failure("payload_frame_length_16", .payloadAuthenticationFailed,
            "the manifest's frame length is 16, one less than the smallest ciphertext (17)", withFrameLength(env, at: frames[0], 16))
    failure("payload_frame_length_0", .payloadAuthenticationFailed, "the manifest's frame length is 0",
            withFrameLength(env, at: frames[0], 0))
    failure("payload_final_frame_length_16", .payloadAuthenticationFailed, "the final frame's length is 16",
            withFrameLength(env, at: frames[1], 16))
    failure("payload_manifest_frame_length_32786", .payloadAuthenticationFailed,
            "the manifest's frame length is 32786, one above its bound: refused before the body is read (the input is shorter)",
            withFrameLength(env, at: frames[0], 32786))
    failure("truncated_manifest_frame_length_32785", .truncated,
            "the manifest's frame length is 32785, its bound: accepted, and the input ends before that many bytes",
            withFrameLength(env, at: frames[0], 32785))
    failure("payload_final_frame_length_65617", .payloadAuthenticationFailed,
            "the final frame's length is 65617, one above the bound of later frames", withFrameLength(env, at: frames[1], 65617))
    failure("truncated_final_frame_length_65616", .truncated,
            "the final frame's length is 65616, the bound of later frames: accepted, and the input ends first",
            withFrameLength(env, at: frames[1], 65616))

    // Tags on the manifest: only MESSAGE (0) is a manifest.
    for (tag, name) in [(UInt8(1), "push"), (2, "rekey"), (3, "final"), (4, "4"), (0x83, "131"), (0xff, "255")] {
        failure("payload_manifest_tag_\(name)", .payloadAuthenticationFailed,
                "the manifest is tagged \(tag) (only MESSAGE, 0, is a manifest)", raw(RawManifest(), manifestTag: tag))
    }
    // Tags on content: a full 65536-byte chunk tagged PUSH or REKEY (so its length is right),
    // and a final message tagged with a byte above 3.
    let data = content(chunk + 40)
    for (tag, name) in [(UInt8(1), "push"), (2, "rekey")] {
        failure("payload_chunk_tag_\(name)", .payloadAuthenticationFailed,
                "a full 65536-byte content chunk tagged \(name.uppercased()) (\(tag))",
                assemble(encoder(to: [mash]), manifest: RawManifest().bytes) { sign in
                    canonicalFrames(data)(sign).map { frame in (frame.0, frame.1 == 0 ? tag : frame.1) }
                })
    }
    for (tag, name) in [(UInt8(4), "4"), (0x83, "131"), (0xff, "255")] {
        failure("payload_final_tag_\(name)", .payloadAuthenticationFailed,
                "the final message (tail and signature) tagged \(tag), a byte above FINAL (3)",
                assemble(encoder(to: [mash]), manifest: RawManifest().bytes) { sign in
                    canonicalFrames(content(40))(sign).map { frame in (frame.0, tag) }
                })
    }
}
