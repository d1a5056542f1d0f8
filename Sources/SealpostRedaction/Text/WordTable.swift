/// An open-addressing map from word hashes to 64-bit values (flags), built once and read in the
/// hot loop without hashing a Swift `String`.
struct WordTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private func home(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (k ^ (k >> 31)) & UInt64(mask)) }

    @inline(__always)
    func get(_ k: UInt64) -> UInt64 {
        var i = home(k)
        while true {
            let kk = keys[i]
            if kk == k { return values[i] }
            if kk == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// ORs `v` into the value for `k`.
    mutating func merge(_ k: UInt64, _ v: UInt64) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = home(k)
        while true {
            if keys[i] == k { values[i] |= v; return }
            if keys[i] == 0 { keys[i] = k; values[i] = v; count += 1; return }
            i = (i + 1) & mask
        }
    }

    mutating func set(_ k: UInt64, _ v: UInt64) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = home(k)
        while true {
            if keys[i] == k { values[i] = v; return }
            if keys[i] == 0 { keys[i] = k; values[i] = v; count += 1; return }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt64](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { set(k, v) }
    }
}

/// A multimap from word hashes to entries of type `T`, as linked lists in one array.
///
/// The maps a record compiles (its people's name words, their misspellings, its phrases) hold a
/// few hundred keys at most, and most words of a text are none of them: a 512-bit filter (one bit
/// per value of the hash's top nine bits, set for every key inserted) answers most misses without
/// probing the table. It never rejects a key that was inserted, so `first` answers as before.
struct WordMultiMap<T: Sendable>: Sendable {
    private var heads: WordTable
    private(set) var entries: [(value: T, next: Int32)] = []
    private var filter = SIMD8<UInt64>()

    /// The filter's word and bit for `k`.
    @inline(__always) private static func filterBit(_ k: UInt64) -> (word: Int, bit: UInt64) {
        (Int(truncatingIfNeeded: k >> 61), 1 &<< ((k >> 55) & 63))
    }

    /// `capacity`: the number of distinct keys expected, so that the table need not grow while filled.
    init(capacity: Int = 16) { heads = WordTable(capacity: capacity) }

    /// The index of the first entry for `k`, or -1.
    @inline(__always)
    func first(_ k: UInt64) -> Int32 {
        let f = Self.filterBit(k)
        if filter[f.word] & f.bit == 0 { return -1 }
        let v = heads.get(k)
        return v == 0 ? -1 : Int32(truncatingIfNeeded: v - 1)
    }

    @inline(__always) func entry(_ i: Int32) -> (value: T, next: Int32) { entries[Int(i)] }

    func values(_ k: UInt64) -> [T] {
        var out: [T] = []
        var i = first(k)
        while i >= 0 { out.append(entries[Int(i)].value); i = entries[Int(i)].next }
        return out
    }

    mutating func insert(_ k: UInt64, _ value: T) {
        let head = first(k)
        let f = Self.filterBit(k)
        filter[f.word] |= f.bit
        entries.append((value, head))
        heads.set(k, UInt64(entries.count))
    }

    var isEmpty: Bool { entries.isEmpty }
}

/// A fixed set of word hashes, probed like the lexicon (one multiply-free probe of an open-addressing
/// table) instead of through `Set`'s seeded hasher, which costs more than the test it answers.
struct WordSet: Sendable {
    private var table = WordTable()

    init(_ hashes: some Sequence<UInt64>) {
        for h in hashes { table.set(h, 1) }
    }

    @inline(__always) func contains(_ h: UInt64) -> Bool { table.get(h) != 0 }
}
