/// What the first name pass (`Engine.scanNames(final: false)`) found at each token where a run
/// could start, so that the second pass can take the same run instead of building it again.
///
/// A run depends on the tokens (fixed), on which tokens are claimed, and on the record's name
/// index, which the first pass may extend (people found in the text, nicknames). So an entry is
/// reused only when the index is at the same generation (`RecordIndex.nameGeneration`) as when
/// the entry was made and every token of the run is still free; claims are never undone, so a
/// run whose tokens are free ends where it ended before (see `scanNames`). Otherwise the second
/// pass builds the run as the first did.
struct NameRunCache {
    struct Entry {
        /// The token the run starts at.
        var k: Int
        /// Where its items are in `items`, and how many: 0 when the word at `k` starts no run.
        var first: Int32
        var count: Int32
        var generation: Int
    }

    private(set) var entries: [Entry] = []
    /// Every recorded run's items; their candidate lists live in the record's first-pass arena.
    private(set) var items: [RunItem] = []
    private var cursor = 0

    /// Empties the cache for a first pass over `tokens` tokens.
    mutating func start(tokens: Int) {
        entries.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        // About one run start in six tokens, of about one and a half words, in ordinary prose.
        entries.reserveCapacity(tokens / 4)
        items.reserveCapacity(tokens / 4)
        cursor = 0
    }

    /// Records that the word at `k` starts no run.
    mutating func recordNothing(at k: Int, generation: Int) {
        entries.append(Entry(k: k, first: 0, count: 0, generation: generation))
    }

    /// Records the run `run`, which starts at token `k`.
    mutating func record(_ run: UnsafeBufferPointer<RunItem>, at k: Int, generation: Int) {
        entries.append(Entry(k: k, first: Int32(items.count), count: Int32(run.count), generation: generation))
        for item in run { items.append(item) }
    }

    /// Rewinds to the first entry for the second pass, which asks in increasing token order.
    mutating func rewind() { cursor = 0 }

    /// The entry for token `k` made at `generation`, if any. Calls must come in increasing `k`.
    mutating func entry(at k: Int, generation: Int) -> Entry? {
        while cursor < entries.count && entries[cursor].k < k { cursor += 1 }
        guard cursor < entries.count, entries[cursor].k == k, entries[cursor].generation == generation else { return nil }
        return entries[cursor]
    }
}
