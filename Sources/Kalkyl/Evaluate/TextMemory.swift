import Synchronization

/// The memory the texts that formulas compute take, counted as they are written, and weighed
/// against what is left of the memory kalkyl may use.
///
/// A cell's number takes 8 bytes, but a text up to 32,767 characters, and even a short one costs
/// far more than its characters: a text of more than 15 bytes is an allocation of its own (32
/// bytes of header, its UTF-8 and malloc's rounding: 80 bytes for "Kostnadsställe nummer 12"),
/// and a block keeps its texts in a dictionary by cell, 24 bytes a slot at most three quarters
/// full, which doubles as it grows: 12 million such texts take about 1.4 GB, and the last
/// doubling asks for 403 MB at once (docs/reliability.md, "Texts that would not fit"). Counted
/// at their UTF-8 bytes (360 MB) they passed a check of half the memory and aborted the process.
///
/// Every `CellStorage` adds what a text it stores takes and takes it off when the text is
/// replaced or the storage freed, and weighs its dictionary's growth before it is made
/// (`willTake`). Texts shared between storages (a copy of a block) are counted once per storage,
/// so the count is at most what is held, never less. Where `kalkyl` asks for it (`watchMemoryLeft`),
/// what is left is measured (`MachineMemory.left`) each time the texts have taken a quarter of what
/// was left at the last look, and before each growth of a dictionary: a command stops there, with
/// a message, when the next step would leave less than `reserve`.
public enum TextMemory {
    /// The bytes counted now.
    static let held = Atomic<Int>(0)
    /// Past this many bytes, `onExceeded` is called, once. `Int.max`, no limit, unless set.
    public static let limit = Atomic<Int>(Int.max)
    /// Past this many bytes, what is left is measured again; `Int.max` while nobody watches.
    private static let nextLook = Atomic<Int>(Int.max)
    private static let watching = Atomic<Bool>(false)
    private static let reported = Atomic<Bool>(false)
    private static let handler = Mutex<(@Sendable (Stop) -> Void)?>(nil)

    /// Why the texts stop a command: what they `held`, what they were `asking` for at once (a
    /// table's growth; 0 at a look), and what was `left` (nil when `limit` was passed) of which
    /// `reserve` was kept for the rest of the command.
    public struct Stop: Sendable {
        public let held: Int, asking: Int, left: Int?, reserve: Int
    }

    /// What must stay left when the texts have taken their next step, for what the command
    /// does with them after: a 64th of the memory kalkyl may use, at least 8 MiB
    /// (`MachineMemory.left` keeps back the heap's next growth besides).
    static let reserve = max(8 << 20, MachineMemory.available / 64)

    /// What to do when the texts pass the limit, or would leave less than `reserve` of the
    /// memory (called on the thread that wrote the text). `kalkyl` stops the command there.
    public static func onExceeded(_ action: @escaping @Sendable (Stop) -> Void) {
        handler.withLock { $0 = action }
    }

    /// Weighs the texts against what is left of the memory kalkyl may use, from now on.
    public static func watchMemoryLeft() {
        watching.store(true, ordering: .relaxed)
        nextLook.store(held.load(ordering: .relaxed), ordering: .relaxed)
    }

    /// The memory kalkyl may use (`MachineMemory.available`), for the message of a stop.
    public static var memory: Int { MachineMemory.available }

    /// The bytes counted now, for tests and the benchmark.
    public static var bytesHeld: Int { held.load(ordering: .relaxed) }

    @inline(__always)
    static func add(_ bytes: Int) {
        guard bytes != 0 else { return }
        let now = held.add(bytes, ordering: .relaxed).newValue
        if bytes > 0, now > min(limit.load(ordering: .relaxed), nextLook.load(ordering: .relaxed)) { look(now, asking: 0) }
    }

    /// Weighs `bytes` about to be taken at once (a dictionary's new table, made while the old
    /// one is still held) before they are taken.
    static func willTake(_ bytes: Int) {
        let now = held.load(ordering: .relaxed)
        if now + bytes > limit.load(ordering: .relaxed) { exceeded(now, asking: bytes, left: nil) }
        if watching.load(ordering: .relaxed) { look(now, asking: bytes) }
    }

    /// Measures what is left; stops when `asking` and the reserve do not fit in it, or else sets
    /// the next look a quarter of the way to the reserve (at least a MiB on).
    private static func look(_ now: Int, asking: Int) {
        if now > limit.load(ordering: .relaxed) { exceeded(now, asking: 0, left: nil) }
        guard watching.load(ordering: .relaxed) else { return }
        // A table of the heap's largest pieces or more is a mapping of its own: the heap's free
        // bytes cannot hold it (`MachineMemory.leftForOneBlock`).
        let left = asking >= MachineMemory.heapGrowth ? MachineMemory.leftForOneBlock() : MachineMemory.left()
        guard left >= asking + reserve else { return exceeded(now, asking: asking, left: left) }
        nextLook.store(now + max(1 << 20, (left - reserve) / 4), ordering: .relaxed)
    }

    private static func exceeded(_ held: Int, asking: Int, left: Int?) {
        guard !reported.exchange(true, ordering: .relaxed) else { return }
        let action = handler.withLock { $0 }
        action?(Stop(held: held, asking: asking, left: left, reserve: reserve))
    }

    /// The bytes a text takes in memory: nothing beyond its cell's slot for a text of up to 15
    /// UTF-8 bytes, which Swift keeps inline; else an allocation of a 32-byte header, the UTF-8
    /// and its terminating zero, with malloc's 8 bytes and rounding to 16.
    @inline(__always)
    static func size(_ text: String?) -> Int {
        guard let n = text?.utf8.count, n > 15 else { return 0 }
        return (32 + n + 1 + 8 + 15) & ~15
    }

    /// What a dictionary of texts by cell takes for `capacity` entries: a slot of 24 bytes (the
    /// cell's index and the text) for each of a power of two at most three quarters full, and a
    /// bit a slot for which are taken.
    static func tableBytes(capacity: Int) -> Int {
        guard capacity > 0 else { return 0 }
        var slots = 1
        while slots * 3 < capacity * 4 { slots *= 2 }
        return slots * 24 + slots / 8
    }
}
