/// SUM's leaves of a block, added while the block is computed, for the trees that sum it whole
/// later in the same full evaluation (`headcount[month] = SUM(active[employee])`): each run of
/// members adds its leaves of 64 cells right after writing them, while they are in cache,
/// instead of the tree reading every period of the block back from memory.
///
/// A leaf is the same 64 cells added in the same order as `PairwiseSum.leafSums` adds them, so
/// the tree has the same bits either way. Kept only within one `evaluateAll`, in which every
/// block is computed once and never written after it; outside one there are none.
final class FusedLeaves {
    /// The leaves of each block being kept, by slot.
    private var buffers: [LeafBuffer?]
    /// Whether some formula sums all members of a period of the slot's block: a tree's source.
    private let summedWhole: [Bool]

    init(summedWhole: [Bool]) {
        self.summedWhole = summedWhole
        buffers = Array(repeating: nil, count: summedWhole.count)
    }

    /// Which blocks some formula sums whole, period by period: `SUM(x[employee])` over every member.
    static func summedWhole(_ model: CheckedModel, memberCounts: [Int]) -> [Bool] {
        var summed = Array(repeating: false, count: memberCounts.count)
        for d in model.definitions {
            for op in d.formula {
                guard case .loadRange(let slot, let access) = op, case .all(let members) = access.members,
                      members.count == memberCounts[slot], members.first == 0, members.last == memberCounts[slot] - 1 else { continue }
                summed[slot] = true
            }
        }
        return summed
    }

    /// A buffer for the leaves of `slot`'s block as it is computed into `storage`, when a tree
    /// will read them: runs that start on a leaf's first cell (runs of a multiple of 64), more
    /// members than one leaf (a shorter SUM keeps no tree), and no forecast, whose closed periods
    /// are copied in after the runs.
    func buffer(for slot: Int, storage: CellStorage, members: Int, periods: Int, runLength: Int, forecast: Bool) -> LeafBuffer? {
        guard summedWhole[slot], runLength % PairwiseSum.leaf == 0, members > PairwiseSum.leaf, !forecast else { return nil }
        let buffer = LeafBuffer(storage: storage, members: members, periods: periods)
        buffers[slot] = buffer
        return buffer
    }

    /// The leaves of the `count` cells of `storage` from `offset`, when they are a whole period
    /// of `slot`'s block as computed in this evaluation.
    func leaves(of slot: Int, storage: CellStorage, offset: Int, count: Int) -> [Double]? {
        guard slot < buffers.count, let buffer = buffers[slot], buffer.storage === storage, count == buffer.members,
              offset % buffer.members == 0, offset / buffer.members < buffer.periods else { return nil }
        return buffer.leaves(period: offset / buffer.members)
    }
}

/// One block's leaves, period by period.
final class LeafBuffer {
    /// The block the leaves are of.
    let storage: CellStorage
    let members: Int
    let periods: Int
    let perPeriod: Int
    private let sums: UnsafeMutablePointer<Double>

    init(storage: CellStorage, members: Int, periods: Int) {
        self.storage = storage
        self.members = members
        self.periods = periods
        perPeriod = PairwiseSum.leafCount(members)
        sums = .allocate(capacity: max(periods * perPeriod, 1))
    }

    deinit { sums.deallocate() }

    /// Adds the leaves of members `run` of period `p`, just written; `run` starts on a leaf's
    /// first cell, so its leaves are the period's leaves `run.lowerBound / 64 ...`. Runs write
    /// different leaves.
    func add(period p: Int, members run: Range<Int>) {
        add(period: p, members: run, cells: storage.numbers + p * members + run.lowerBound)
    }

    /// `add(period:members:)` from the run's cells at `cells`: a narrow block's, computed as
    /// doubles before they were written as bytes.
    func add(period p: Int, members run: Range<Int>, cells: UnsafePointer<Double>) {
        let n = run.count
        PairwiseSum.leafSums(cells, n, leaves: 0..<PairwiseSum.leafCount(n), into: sums + p * perPeriod + run.lowerBound / PairwiseSum.leaf)
    }

    func leaves(period p: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: sums + p * perPeriod, count: perPeriod))
    }
}
