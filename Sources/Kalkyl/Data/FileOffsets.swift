/// Byte offsets into a file, -1 where there is none: four bytes each while every offset is
/// under 2 GiB, as in every file but the largest, and eight each from the first one past it.
///
/// An input keeps one for each of its cells (`DataOrigins`), and a summed ledger one for each
/// row it sums, so the narrow form is what the 100,000-employee model and a 50-million-row
/// ledger keep; a file past 2 GiB pays four bytes more a place instead of being refused.
public struct FileOffsets: Sendable, RandomAccessCollection, MutableCollection {
    private var narrow: [Int32]
    /// Every offset, once one did not fit in `narrow` (which is then empty).
    private var wide: [Int]?

    /// `count` places, none of them given yet.
    init(none count: Int) {
        narrow = Array(repeating: -1, count: count)
    }

    init(_ offsets: some Sequence<Int>) {
        narrow = []
        for offset in offsets { append(offset) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { wide?.count ?? narrow.count }

    public subscript(index: Int) -> Int {
        get { wide.map { $0[index] } ?? Int(narrow[index]) }
        set {
            if wide == nil, let small = Int32(exactly: newValue) {
                narrow[index] = small
            } else {
                widen()
                wide![index] = newValue
            }
        }
    }

    mutating func append(_ offset: Int) {
        if wide == nil, let small = Int32(exactly: offset) {
            narrow.append(small)
        } else {
            widen()
            wide!.append(offset)
        }
    }

    /// Appends `offset`, saying what its array was given when it grew for it (its new size in
    /// bytes; 0 when it did not grow), for what is left to be measured as it grows (`LongStream.Kept.grown`).
    mutating func appendReportingGrowth(_ offset: Int) -> Int {
        if wide == nil, let small = Int32(exactly: offset) {
            let full = narrow.count == narrow.capacity
            narrow.append(small)
            return full ? 32 + narrow.capacity * 4 : 0
        }
        let before = wide == nil ? 0 : wide!.capacity
        widen()
        wide!.append(offset)
        return wide!.capacity != before ? 32 + wide!.capacity * 8 : 0
    }

    /// Whether the offsets take eight bytes each.
    var isWide: Bool { wide != nil }

    private mutating func widen() {
        guard wide == nil else { return }
        wide = narrow.map(Int.init)
        narrow = []
    }
}
