import Testing
import Foundation
@testable import SealpostSodium

struct Boom: Error {}

@Test func experimentThrowingInit() async {
    await #expect(processExitsWith: .success) {
        for _ in 0..<100 {
            _ = try? SecureBytes(count: 64) { _ in throw Boom() }
        }
    }
}

@Test func experimentBundle() throws {
    let url = try #require(Bundle.module.url(forResource: "Wycheproof", withExtension: nil))
    print("BUNDLE", url.path, try FileManager.default.contentsOfDirectory(atPath: url.path))
}

@Test func experimentEmptyStream() throws {
    let key = SecureBytes.random(count: 32)
    let p = try SecretStream.Pusher(key: key)
    let c = p.push([], tag: .final)
    let q = try SecretStream.Puller(key: key, header: p.header)
    let r = try q.pull(c)
    #expect(r.plaintext == [] && r.tag == .final)
}
