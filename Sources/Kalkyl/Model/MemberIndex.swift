import Synchronization

/// A dimension's members by name: `index["Nätverk"]` is the member's position, the first
/// where a name repeats, nil for a name that is no member. Names are equal as `String`s are.
///
/// It keeps the member list it was made from (the dimension's own, shared, not copied) and
/// 4 bytes a slot, at most half of them used: 1 MB for 100,000 members, where a
/// `[String: Int]` took 6.3 MB. Names are hashed from their bytes (`KeyHash`); a slot keeps a
/// tag of the hash beside the position (`SlotLayout`), so that a probe past another member
/// reads no name from the list.
///
/// The slots are split into regions by bits of the hash that neither a slot's place nor its tag
/// uses (`regionOf`), a name probed only in its own region, so that a long list is indexed on
/// several threads, a region each (`threads`); names that are equal hash alike, so a repeated
/// name is in one region, where its first position stays, as in one table.
public struct MemberIndex: Sendable {
    private let members: [String]
    /// Open addressing, probed linearly within a region: each slot holds a position + 1 and a
    /// tag, or 0 when empty.
    private let slots: [UInt32]
    /// The regions' count (a power of two, 1 for a short list) and each one's slots.
    private let regions: Int
    private let regionSize: Int

    /// Below this many members the index is made on one thread: starting others costs more.
    static let membersForThreads = 16_384

    public init(_ members: [String]) {
        self.init(members, threads: members.count < Self.membersForThreads || members.count > Parallel.mostKeysForRegions
                  ? 1 : Parallel.defaultThreads)
    }

    /// The index made on `threads` threads (two regions for two or three, four for four to
    /// seven, …); the positions it finds are the same for any number.
    init(_ members: [String], threads: Int) {
        self.members = members
        let regions = threads <= 1 ? 1 : 1 << (Int.bitWidth - 1 - min(threads, 64).leadingZeroBitCount)
        let pieceCount = min(regions, max(1, members.count))
        let pieceSize = (members.count + pieceCount - 1) / pieceCount
        // Each name's hash, a range of members a thread, and how many fall in each region.
        let hashed = Mutex([(hashes: [Int], perRegion: [Int])?](repeating: nil, count: pieceCount))
        Parallel.forEach(pieceCount, threads: threads) { piece in
            let start = min(members.count, piece * pieceSize), end = min(members.count, start + pieceSize)
            var hashes: [Int] = [], perRegion = [Int](repeating: 0, count: regions)
            hashes.reserveCapacity(end - start)
            for name in members[start..<end] {
                let hash = KeyHash.exact(name)
                hashes.append(hash)
                perRegion[Self.region(of: hash, among: regions)] += 1
            }
            hashed.withLock { $0[piece] = (hashes, perRegion) }
        }
        let pieces = hashed.withLock { $0.map { $0! } }
        let most = (0..<regions).map { r in pieces.reduce(0) { $0 + $1.perRegion[r] } }.max() ?? 0
        let regionSize = KeyIndex.slotCount(for: most)
        let layout = SlotLayout(slotCount: regionSize * regions)
        // Each region's slots, a region a thread, its names placed in list order. Region r is
        // the slots `r * regionSize ..< (r + 1) * regionSize`, written by its thread alone.
        var slots = [UInt32](repeating: 0, count: regionSize * regions)
        slots.withUnsafeMutableBufferPointer { buffer in
            let all = DisjointWrites(buffer)
            Parallel.forEach(regions, threads: threads) { region in
                let base = region * regionSize, mask = regionSize - 1
                for (piece, part) in pieces.enumerated() {
                    for (k, hash) in part.hashes.enumerated() where Self.region(of: hash, among: regions) == region {
                        let position = piece * pieceSize + k, tag = layout.tag(hash)
                        var slot = hash & mask
                        while true {
                            let entry = all.read(at: base + slot)
                            if entry == 0 {
                                all.write(layout.entry(number: position, tag: tag), at: base + slot)
                                break
                            }
                            if layout.tag(of: entry) == tag, members[layout.number(in: entry)] == members[position] { break }   // a repeat: the first stays
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        self.slots = slots
        self.regions = regions
        self.regionSize = regionSize
    }

    /// The region of a name with this hash: bits 24 and up, below the 32 the tag is taken from,
    /// above the slot's place in a region of fewer than 16 M slots.
    @inline(__always)
    private static func region(of hash: Int, among regions: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(bitPattern: Int64(hash)) >> 24) & (regions - 1)
    }

    /// The position of the member named `name`, nil when none is.
    public subscript(name: String) -> Int? {
        let mask = regionSize - 1, layout = SlotLayout(slotCount: slots.count)
        let hash = KeyHash.exact(name), tag = layout.tag(hash)
        let base = Self.region(of: hash, among: regions) * regionSize
        var slot = hash & mask
        while true {
            let entry = slots[base + slot]
            if entry == 0 { return nil }
            if layout.tag(of: entry) == tag {
                let position = layout.number(in: entry)
                if members[position] == name { return position }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether a member is named `name`.
    public func contains(_ name: String) -> Bool { self[name] != nil }
}
