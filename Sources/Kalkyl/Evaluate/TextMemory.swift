import Synchronization

/// The bytes of text held in the cells that formulas compute, counted as they are written.
///
/// A cell's number takes 8 bytes, but a text up to 32,767 characters: a seven-line model that
/// makes a long text in every cell of 20,000 employees × 12 months (`REPT("a", 32000) & nr`)
/// needs 7.7 GB, and with more employees the machine runs out of memory and the process is
/// killed, with no word of why. The count lets a command stop before that, with a message
/// (`kalkyl` sets `limit` to half the memory it may have, docs/reliability.md).
///
/// Every `CellStorage` adds the bytes of a text it stores and takes them off when the text is
/// replaced or the storage freed. Texts shared between storages (a copy of a block) are counted
/// once per storage, so the count is at most what is held, never less.
public enum TextMemory {
    /// The bytes counted now.
    static let held = Atomic<Int>(0)
    /// Past this many bytes, `onExceeded` is called, once. `Int.max`, no limit, unless set.
    public static let limit = Atomic<Int>(Int.max)
    private static let reported = Atomic<Bool>(false)
    private static let handler = Mutex<(@Sendable (Int) -> Void)?>(nil)

    /// What to do when the texts pass the limit (called with the bytes held, on the thread
    /// that wrote the text that passed it). `kalkyl` stops the command there.
    public static func onExceeded(_ action: @escaping @Sendable (Int) -> Void) {
        handler.withLock { $0 = action }
    }

    /// The bytes counted now, for tests and the benchmark.
    public static var bytesHeld: Int { held.load(ordering: .relaxed) }

    @inline(__always)
    static func add(_ bytes: Int) {
        guard bytes != 0 else { return }
        let now = held.add(bytes, ordering: .relaxed).newValue
        if bytes > 0, now > limit.load(ordering: .relaxed) { exceeded(now) }
    }

    private static func exceeded(_ bytes: Int) {
        guard !reported.exchange(true, ordering: .relaxed) else { return }
        let action = handler.withLock { $0 }
        action?(bytes)
    }

    /// The bytes a text takes in memory (its UTF-8, which is how Swift holds it).
    @inline(__always)
    static func size(_ text: String?) -> Int { text?.utf8.count ?? 0 }
}
