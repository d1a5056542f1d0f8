import Foundation
import Testing
import SealpostCore
import SealpostJSON
import SealpostLog
import SealpostSodium

/// The checkpoints file is read strictly: what one reader accepts, every reader reads the same way.
@Suite struct CheckpointsFileTests {
    let key = Ed25519.SigningKey.generate()
    var held: [SignedCheckpoint] {
        [Checkpoint(agency: "kingsbridge-mash", size: 3, head: [UInt8](repeating: 7, count: 32)).signed(by: key),
         Checkpoint(agency: "kingsbridge-mash", size: 9, head: [UInt8](repeating: 9, count: 32)).signed(by: key)]
    }

    func refusal(_ text: String) -> String? {
        do { _ = try CheckpointsFile.read(Array(text.utf8)); return nil } catch { return error.description }
    }

    /// A head in base64 with non-zero padding bits names the same 32 bytes as the canonical text
    /// (Foundation decodes both) but is not the text that was signed: refused, so one checkpoint has
    /// one text. Found by the `checkpoints` fuzz target (Tests/fuzz.sh), whose round trip failed.
    @Test func aHeadInNonCanonicalBase64IsRefused() throws {
        let text = held[0].checkpoint.text
        #expect(text.hasSuffix("Bwc=\n"))
        let loose = text.replacingOccurrences(of: "Bwc=\n", with: "Bwd=\n")
        let head = try #require(loose.split(separator: "\n").last)
        #expect(Data(base64Encoded: String(head)).map(Array.init) == held[0].checkpoint.head)
        #expect(Checkpoint(text: loose) == nil)
        #expect(Checkpoint(text: text) == held[0].checkpoint)
    }

    @Test func writtenFilesReadBack() throws {
        let bytes = CheckpointsFile.bytes(held)
        #expect(try CheckpointsFile.read(bytes) == held)
        #expect(try CheckpointsFile.read(Array("[]".utf8)).isEmpty)
    }

    @Test func ambiguousOrMalformedFilesAreRefused() throws {
        let text = String(decoding: CheckpointsFile.bytes([held[0]]), as: UTF8.self)
        let signature = Hex.encode(held[0].signature.rawRepresentation)
        let other = Hex.encode(held[1].signature.rawRepresentation)
        let cases: [(String, String)] = [
            (text.replacingOccurrences(of: "\"signature\":", with: "\"signature\": \"\(other)\",\n    \"signature\":"),
             "$[0].signature: (byte "),
            (text.replacingOccurrences(of: "\"signature\"", with: "\"signature\": \"\(signature)\", \"note\""), "$[0]: has an unknown member"),
            (text.replacingOccurrences(of: signature, with: signature.uppercased()), "$[0].signature: must be 128 lower-case hex digits"),
            ("\u{FEFF}" + text, "byte order mark"),
            ("{}", "$: must be an array, not an object"),
            (text.replacingOccurrences(of: "\\n3\\n", with: "\\n03\\n"), "$[0].text: is not a checkpoint"),
            (text.replacingOccurrences(of: "Bwc=", with: "Bwd="), "$[0].text: is not a checkpoint"),
        ]
        for (input, fragment) in cases {
            #expect(input != text)
            let message = try #require(refusal(input), "accepted: \(input)")
            #expect(message.contains(fragment), "\(message)")
        }
    }
}
