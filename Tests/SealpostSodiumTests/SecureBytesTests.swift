// @testable only for the internal `init(count:initialise:)`, which the public API never lets throw.
@testable import SealpostSodium
import Testing

@Suite("SecureBytes")
struct SecureBytesTests {
    @Test("equal contents compare equal, including distinct instances and the empty value")
    func equality() {
        let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let a = SecureBytes(copying: bytes)
        let b = SecureBytes(copying: bytes)
        #expect(a == b)
        #expect(a == a)
        #expect(SecureBytes(copying: []) == SecureBytes(copying: []))
    }

    @Test("any differing byte makes them unequal", arguments: [0, 7, 31])
    func differingByte(index: Int) {
        let bytes = [UInt8](repeating: 0xa5, count: 32)
        var changed = bytes
        changed[index] ^= 0x80
        #expect(SecureBytes(copying: bytes) != SecureBytes(copying: changed))
    }

    @Test("different lengths are unequal, even as prefixes")
    func differentLengths() {
        let bytes: [UInt8] = [1, 2, 3, 4]
        #expect(SecureBytes(copying: bytes) != SecureBytes(copying: bytes.dropLast()))
        #expect(SecureBytes(copying: bytes.dropLast()) != SecureBytes(copying: bytes))
        #expect(SecureBytes(copying: []) != SecureBytes(copying: [0]))
        #expect(SecureBytes(copying: bytes) != SecureBytes(copying: bytes + [0]))
    }

    @Test("copying, reading back and counting")
    func copying() {
        var source: [UInt8] = [9, 8, 7]
        let secret = SecureBytes(copying: source)
        source[0] = 0
        #expect(secret.count == 3)
        #expect(secret.unprotectedCopy() == [9, 8, 7])
        #expect(secret.withUnsafeBytes { Array($0) } == [9, 8, 7])
        #expect(SecureBytes(copying: source[1...]).unprotectedCopy() == [8, 7])
        #expect(SecureBytes(copying: []).count == 0)
        #expect(SecureBytes(copying: []).unprotectedCopy() == [])
    }

    @Test("random values have the requested length and differ")
    func random() {
        let a = SecureBytes.random(count: 32)
        let b = SecureBytes.random(count: 32)
        #expect(a.count == 32)
        #expect(a != b)
        #expect(SecureBytes.random(count: 0).count == 0)
        #expect(RandomBytes.make(count: 17).count == 17)
        #expect(RandomBytes.make(count: 32) != RandomBytes.make(count: 32))
        #expect((0..<100).allSatisfy { _ in RandomBytes.uniform(10) < 10 })
    }

    @Test("constantTimeEqual compares contents and treats lengths as public")
    func constantTimeEquality() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(constantTimeEqual([], []))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(!constantTimeEqual([], [0]))
    }

    @Test("wipe zeroes a buffer")
    func wiping() {
        var buffer: [UInt8] = [1, 2, 3, 4]
        buffer.withUnsafeMutableBytes { wipe($0) }
        #expect(buffer == [0, 0, 0, 0])
        var empty: [UInt8] = []
        empty.withUnsafeMutableBytes { wipe($0) }
    }

    /// Regression: this initialiser used to free its storage itself and then again in deinit
    /// (which runs because every stored property was already set), aborting the process.
    @Test("a throwing initialiser releases its storage exactly once")
    func throwingInitialiser() async {
        await #expect(processExitsWith: .success) {
            struct Refused: Error {}
            for _ in 0..<64 {
                #expect(throws: Refused.self) {
                    try SecureBytes(count: 48) { buffer in
                        buffer.storeBytes(of: 0xdead_beef, as: UInt32.self)
                        throw Refused()
                    }
                }
            }
        }
    }
}
