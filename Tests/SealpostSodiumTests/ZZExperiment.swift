import Testing
import Foundation
import SealpostSodium

@Test func experimentBigKey() throws {
    let key = SecureBytes(copying: [UInt8](repeating: 7, count: 65))
    print("BIGKEY", BLAKE2b.hash([1, 2, 3], key: key))
    let key2 = SecureBytes(copying: [UInt8](repeating: 8, count: 65))
    print("BIGKEY2", BLAKE2b.hash([9, 9], key: key2))
    let sk = X25519.PrivateKey.generate()
    let low = try X25519.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
    let box = SealedBox.seal(SecureBytes(copying: Array("secret".utf8)), to: low)
    print("LOWBOX", box)
    _ = sk
}
