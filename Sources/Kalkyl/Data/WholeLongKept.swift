/// What `DataTable.long` keeps as it reads a file held whole, counted as its series are made.
/// Unlike the stream's series (`LongStream.Kept`), which keep the periods their rows give,
/// each of these holds every period of the timeline: a value and its place, 24 bytes each. A
/// ledger the stream lets through keeps a cell a key where its keys are booked once, and is
/// read whole to report a problem row or a key that is no member: 20,000 such keys over 1,200
/// months keep 1,157 MB (docs/reliability.md, "Memory kept bounded").
struct WholeLongKept {
    let periods: Int
    private(set) var bytes = 0

    /// What the series may keep when `left` bytes are left (`MachineMemory.left`, which keeps
    /// back what the heap's next growth may ask for beyond the series' last piece).
    static func limit(left: Int) -> Int { max(0, left) }

    /// A series: its two arrays over the timeline, exactly, and what the stream counts a series
    /// besides, the margin (its key's texts, places and entry in the key index, its place in the
    /// array of series).
    mutating func addSeries(keyBytes: Int) {
        bytes += LongStream.Kept.bytesPerSeries + 3 * keyBytes
            + periods * (MemoryLayout<Value>.stride + MemoryLayout<SourceLocation?>.stride)
    }

    /// A summed row's place (four bytes) and its hash for the repeated rows' check (eight, and
    /// eight more for its array's doubling: `RepeatedRows`); a cell's first two come with their
    /// dictionary entry, counted twice (the binding's origins take another for the cell as it is
    /// placed), and with the hashes' array (a 32-byte header and two hashes, 64 bytes from
    /// malloc) and its entry in the hashes' dictionary (16 bytes a slot, 32 at its growth).
    /// The hashes were unweighed until session 18.
    mutating func addSummed(first: Bool) {
        bytes += first ? 2 * 56 + 2 * 4 + 64 + 32 : 4 + 16
    }
}
