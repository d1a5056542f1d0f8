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
        ]
        for (input, fragment) in cases {
            #expect(input != text)
            let message = try #require(refusal(input), "accepted: \(input)")
            #expect(message.contains(fragment), "\(message)")
        }
    }
}
