import Foundation
import Testing

/// Loading Google's Project Wycheproof vectors (Apache-2.0, see Wycheproof/LICENSE), which are
/// bundled with this test target as a copied resource directory.
enum Wycheproof {
    /// The outcome a vector expects.
    enum Result: String, Decodable, Sendable {
        /// Every correct implementation must produce the given output.
        case valid
        /// Every correct implementation must reject the input.
        case invalid
        /// Implementations may accept or reject; the vector says what accepting means.
        case acceptable
    }

    /// The parts of a Wycheproof file that every schema shares.
    struct File<Group: Decodable>: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    /// The directory `Wycheproof` as copied into the test bundle by SwiftPM.
    static func directory() throws -> URL {
        try #require(Bundle.module.url(forResource: "Wycheproof", withExtension: nil),
                     "the Wycheproof resource directory is missing from the test bundle")
    }

    /// Decodes `<name>.json` from the bundled directory.
    static func load<Group: Decodable>(_ name: String, as _: Group.Type = Group.self) throws -> File<Group> {
        let url = try directory().appendingPathComponent(name + ".json")
        let data = try Data(contentsOf: url)
        return try JSONDecoder().decode(File<Group>.self, from: data)
    }
}

/// Hexadecimal strings, as Wycheproof writes every byte string.
enum Hex {
    struct InvalidHex: Error, CustomStringConvertible {
        let text: String
        var description: String { "not a hex string: \(text)" }
    }

    static func decode(_ text: String) throws -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { throw InvalidHex(text: text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else {
                throw InvalidHex(text: text)
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(alphabet[Int(byte >> 4)])
            out.append(alphabet[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

@Suite("Wycheproof resources")
struct WycheproofResourceTests {
    @Test("the vector files and their licence are bundled")
    func filesAreBundled() throws {
        let directory = try Wycheproof.directory()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for name in ["LICENSE", "x25519_test.json", "ed25519_test.json", "xchacha20_poly1305_test.json"] {
            #expect(names.contains(name), "missing \(name)")
        }
    }

    @Test("hex decoding round-trips and rejects malformed input")
    func hex() throws {
        #expect(try Hex.decode("") == [])
        #expect(try Hex.decode("00ff10Ab") == [0x00, 0xff, 0x10, 0xab])
        #expect(Hex.encode([0x00, 0xff, 0x10, 0xab]) == "00ff10ab")
        #expect(throws: Hex.InvalidHex.self) { try Hex.decode("abc") }
        #expect(throws: Hex.InvalidHex.self) { try Hex.decode("zz") }
    }
}
