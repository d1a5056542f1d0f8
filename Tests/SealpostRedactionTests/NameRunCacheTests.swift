import Testing
@testable import SealpostRedaction

/// `NameRunCache` gives the second name pass a recorded run only at the generation of the name
/// index it was made at, and only in increasing token order; and a mention the first pass could
/// not yet know (the name is registered later in the text) is decided as before.
@Suite struct NameRunCacheTests {
    @Test func entriesMatchTokenAndGeneration() {
        var cache = NameRunCache()
        cache.start(tokens: 100)
        let items = [RunItem(k: 5, bearing: .strong), RunItem(k: 6, bearing: .strong)]
        cache.recordNothing(at: 2, generation: 0)
        items.withUnsafeBufferPointer { cache.record($0, at: 5, generation: 0) }
        cache.recordNothing(at: 9, generation: 1)
        cache.rewind()
        #expect(cache.entry(at: 1, generation: 0) == nil)
        #expect(cache.entry(at: 2, generation: 0)?.count == 0)
        #expect(cache.entry(at: 5, generation: 1) == nil)
        let run = cache.entry(at: 5, generation: 0)
        #expect(run?.count == 2)
        #expect(run.map { cache.items[Int($0.first)].k } == 5)
        #expect(cache.entry(at: 9, generation: 1)?.count == 0)
        #expect(cache.entry(at: 12, generation: 1) == nil)
    }

    @Test func laterRegisteredNameIsDecidedInTheSecondPass() throws {
        let people = [
            Fixture.person("s", .subject, PersonIdentifiers(name: "Amira Khan")),
            Fixture.person("m", .household, PersonIdentifiers(name: "Farah Khan")),
        ]
        let text = "Amira said Dwayne comes round. Later her mum saw Mr Dwayne Price at the door, and Dwayne left."
        let r = try Fixture.redact(text, people: people)
        let out = r.record.texts[0].text
        #expect(!out.contains("Dwayne"), "\(out)")
        #expect(out.contains("Amira") && out.contains("mum"), "\(out)")
    }
}
