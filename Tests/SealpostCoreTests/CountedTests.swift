import SealpostCore
import Testing

@Suite("Counted: a count with its noun, the singular for one")
struct CountedTests {
    @Test("one takes the singular; none and many the plural, given or made with s")
    func singularAndPlural() {
        #expect(Counted.text(1, "record") == "1 record")
        #expect(Counted.text(0, "record") == "0 records")
        #expect(Counted.text(2, "entry", plural: "entries") == "2 entries")
        #expect(Counted.text(Int64(1), "entry", plural: "entries") == "1 entry")
        #expect(Counted.text(UInt8(3), "family", plural: "families") == "3 families")
    }
}
