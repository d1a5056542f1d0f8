import Dispatch

/// Runs two pieces of work at once, one on the calling thread and one on another core, and
/// returns when both are done.
///
/// Sealing and opening use it to hash a batch of content while encrypting or decrypting it:
/// BLAKE2b and the secretstream each run near a gigabyte a second, so on two cores doing both
/// at once nearly halves the time. The closures must touch disjoint memory; that is why this is
/// `@unchecked`: the callers hand it raw buffers they partition themselves.
enum PairedWork {
    struct Unchecked<T>: @unchecked Sendable { let value: T }

    static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(first) { a in
            withoutActuallyEscaping(second) { b in
                let work = Unchecked(value: (a, b))
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    if i == 0 { work.value.0() } else { work.value.1() }
                }
            }
        }
    }
}
