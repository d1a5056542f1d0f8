import Testing
@testable import SealpostRedaction

/// `NameCandidateArena` hands out candidate lists that must stay put until it is reset, including
/// when a list outgrows the chunk it was started in.
@Suite struct NameCandidateArenaTests {
    static func candidate(_ i: Int) -> Candidate {
        Candidate(person: Int32(i), kind: i % 2 == 0 ? .given : .surname, fuzzy: false, lexical: i % 3 == 0)
    }

    @Test func listsStayValidAcrossChunks() {
        let arena = NameCandidateArena()
        var lists: [(UnsafeBufferPointer<Candidate>, Range<Int>)] = []
        var next = 0
        // Lists of 1 to 700 candidates: several fill and overflow a chunk while open.
        for size in [1, 3, 700, 500, 2, 1500, 7, 900, 1] {
            arena.open()
            for i in next..<(next + size) { arena.append(Self.candidate(i)) }
            #expect(arena.openCount == size)
            lists.append((arena.close(), next..<(next + size)))
            next += size
        }
        for (list, range) in lists {
            #expect(list.map(\.person) == range.map { Int32($0) })
        }
        arena.reset()
        let again = arena.store([Self.candidate(7), Self.candidate(8)])
        #expect(again.map(\.person) == [7, 8])
    }

    @Test func openListIsFilteredOrDropped() {
        let arena = NameCandidateArena()
        arena.open()
        for i in 0..<10 { arena.append(Self.candidate(i)) }
        arena.filterOpen { $0.person % 2 == 1 }
        let odd = arena.close()
        #expect(odd.map(\.person) == [1, 3, 5, 7, 9])
        // A list opened and never closed is dropped by the next one.
        arena.open()
        arena.append(Self.candidate(42))
        arena.open()
        arena.append(Self.candidate(43))
        #expect(arena.close().map(\.person) == [43])
        #expect(odd.map(\.person) == [1, 3, 5, 7, 9])
        arena.open()
        #expect(arena.close().isEmpty)
    }
}
