/// Storage for the candidate lists of the run of name words being built (`Engine.scanNames`):
/// each `RunItem` points at its candidates here instead of owning an array, so that building,
/// trimming and slicing a run copies plain values (no allocation, no reference counting).
///
/// Invariants: memory is handed out from chunks that never move, so a buffer returned by
/// `store` stays valid until the next `reset()`; `reset()` is called when a new run starts, after
/// the previous run has been decided, and no `RunItem` outlives it. Chunks are kept for reuse and
/// freed only with the arena.
final class NameCandidateArena {
    /// Candidates per chunk (more when one list needs more).
    private static let chunkSize = 256

    // Used from one thread, by one redaction, with no overlapping access: no exclusivity checks.
    @exclusivity(unchecked) private var chunks: [UnsafeMutablePointer<Candidate>] = []
    @exclusivity(unchecked) private var capacities: [Int] = []
    /// The chunk being filled (its index, start and size), how much of it holds stored lists,
    /// and the open list after them.
    @exclusivity(unchecked) private var current = 0
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Candidate>
    @exclusivity(unchecked) private var size = 0
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private(set) var openCount = 0

    init() {
        base = Self.newChunk(Self.chunkSize)
        size = Self.chunkSize
        chunks = [base]
        capacities = [size]
    }

    deinit {
        for (p, n) in zip(chunks, capacities) {
            p.deinitialize(count: n)
            p.deallocate()
        }
    }

    private static func newChunk(_ n: Int) -> UnsafeMutablePointer<Candidate> {
        let p = UnsafeMutablePointer<Candidate>.allocate(capacity: n)
        p.initialize(repeating: Candidate(person: 0, kind: .given, fuzzy: false, lexical: false), count: n)
        return p
    }

    /// Forgets every list handed out since the last reset (their buffers must no longer be read).
    @inline(__always) func reset() {
        current = 0
        base = chunks[0]
        size = capacities[0]
        used = 0
        openCount = 0
    }

    /// Starts a new open list, dropping one left open (never closed) before.
    @inline(__always) func open() { openCount = 0 }

    /// The open list, to read or change in place until it is closed.
    @inline(__always) var openList: UnsafeMutableBufferPointer<Candidate> {
        UnsafeMutableBufferPointer(start: base + used, count: openCount)
    }

    /// Appends to the open list; when its chunk is full the list moves to the next chunk.
    @inline(__always) func append(_ c: Candidate) {
        if used + openCount == size { moveOpenList() }
        (base + used + openCount).pointee = c
        openCount += 1
    }

    func append(contentsOf list: [Candidate]) {
        for c in list { append(c) }
    }

    /// Moves the open list to the next chunk with room for it and one more candidate (a new one
    /// is inserted when that chunk is too small or there is none); earlier lists stay where they are.
    private func moveOpenList() {
        let from = base + used
        let need = openCount + 1
        current += 1
        if current == chunks.count || capacities[current] < need {
            let n = max(Self.chunkSize, 2 * need)
            chunks.insert(Self.newChunk(n), at: current)
            capacities.insert(n, at: current)
        }
        used = 0
        base = chunks[current]
        size = capacities[current]
        for i in 0..<openCount { base[i] = from[i] }
    }

    /// Keeps only the open list's candidates for which `keep` is true, in order.
    @inline(__always) func filterOpen(_ keep: (Candidate) -> Bool) {
        let list = openList
        var n = 0
        for i in 0..<list.count where keep(list[i]) {
            list[n] = list[i]
            n += 1
        }
        openCount = n
    }

    /// Stores the open list and returns it: valid until the next `reset()`.
    @inline(__always) func close() -> UnsafeBufferPointer<Candidate> {
        guard openCount > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let list = UnsafeBufferPointer(start: base + used, count: openCount)
        used += openCount
        openCount = 0
        return list
    }

    /// A stable copy of `list`, valid until the next `reset()` (drops an open list, as `open()` does).
    func store(_ list: [Candidate]) -> UnsafeBufferPointer<Candidate> {
        open()
        append(contentsOf: list)
        return close()
    }
}
