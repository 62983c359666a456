/// SUM over a long run of cells kept as the tree of `PairwiseSum`: leaf sums of 64 cells,
/// then pairwise sums level by level. When some cells change, only their leaves and the
/// paths above them are added again, in the same order as before, so the result has the
/// same bits as a full recompute (the requirement) at a fraction of the cost.
final class SumTree {
    /// Every level, leaves first, one after the other; level l starts at `starts[l]`.
    private var nodes: [Double]
    private let starts: [Int]

    /// The tree of x's `n` cells, its leaves added on up to `threads` threads when there are
    /// enough of them (`LeafPieces`).
    convenience init(_ x: UnsafePointer<Double>, _ n: Int, threads: Int = 1, log: WorkLog? = nil) {
        self.init(leaves: threads > 1 && n >= LeafPieces.cells * LeafPieces.fewest
            ? LeafPieces.leafSums(x, n, threads: threads, log: log) : PairwiseSum.leafSums(x, n))
    }

    /// The tree over these leaf sums (`PairwiseSum.leafSums`' of its cells).
    init(leaves: [Double]) {
        var level = leaves
        var nodes = level
        var starts = [0]
        while level.count > 1 {
            level = PairwiseSum.nextLevel(level)
            starts.append(nodes.count)
            nodes += level
        }
        starts.append(nodes.count)
        self.nodes = nodes
        self.starts = starts
    }

    private init(nodes: [Double], starts: [Int]) {
        self.nodes = nodes
        self.starts = starts
    }

    var total: Double { nodes.last ?? 0 }

    func copy() -> SumTree { SumTree(nodes: nodes, starts: starts) }

    /// Adds again the leaves holding the changed cells among x's (cells `offset ..< offset + n`
    /// of `changed`), and the paths above them. Each path is walked up from its leaf; where
    /// two paths meet, the later walk computes the shared nodes again from children that are
    /// final by then, so every node ends up as the same `left + right` a full build gives it.
    func update(_ x: UnsafePointer<Double>, _ n: Int, changed: CellSet, offset: Int) -> Double {
        var lastLeaf = -1
        changed.forEach(in: offset..<(offset + n)) { cell in
            let leaf = (cell - offset) / PairwiseSum.leaf
            guard leaf != lastLeaf else { return }
            lastLeaf = leaf
            update(x, n, leaf: leaf)
        }
        return total
    }

    /// Adds one leaf of x's `n` cells again, in order, and computes the nodes on its path up.
    func update(_ x: UnsafePointer<Double>, _ n: Int, leaf: Int) {
        starts.withUnsafeBufferPointer { starts in
            nodes.withUnsafeMutableBufferPointer { nodes in
                var sum = 0.0
                for j in (leaf * PairwiseSum.leaf)..<min(n, (leaf + 1) * PairwiseSum.leaf) { sum += x[j] }
                nodes[leaf] = sum
                var i = leaf
                for l in 0..<(starts.count - 2) {
                    let below = starts[l], count = starts[l + 1] - below
                    let left = i & ~1
                    nodes[starts[l + 1] + i / 2] = left + 1 < count ? nodes[below + left] + nodes[below + left + 1] : nodes[below + left]
                    i /= 2
                }
            }
        }
    }
}

/// The sum trees of an evaluation, by the formula, operation and period they belong to:
/// arrays by slot, then by operation and period, so finding a tree hashes nothing.
final class SumTrees {
    /// A slot's trees and when each was built, at `op * periods + period`.
    struct Slot {
        var trees: [SumTree?] = []
        /// Which full computation each tree was built in: a tree built earlier in the same one
        /// is current (every run of members reads the same SUM), one from an earlier one may not be.
        var builtIn: [Int] = []
    }
    private var slots: [Slot] = []
    /// Periods of the timeline: each operation's row of trees.
    let periods: Int
    /// The full computation under way; bumped by each block computed afresh.
    var generation = 0

    init(periods: Int) { self.periods = max(periods, 1) }

    func tree(slot: Int, op: Int, period: Int) -> SumTree? {
        guard slot < slots.count, period < periods else { return nil }
        let i = op * periods + period
        return i < slots[slot].trees.count ? slots[slot].trees[i] : nil
    }

    /// Whether the tree there was built in the computation under way.
    func isCurrent(slot: Int, op: Int, period: Int) -> Bool {
        guard slot < slots.count, period < periods else { return false }
        let i = op * periods + period
        return i < slots[slot].builtIn.count && slots[slot].builtIn[i] == generation
    }

    /// Keeps a tree built in the computation under way.
    func keep(_ tree: SumTree, slot: Int, op: Int, period: Int) {
        guard period < periods else { return }
        if slot >= slots.count { slots += Array(repeating: Slot(), count: slot + 1 - slots.count) }
        let i = op * periods + period
        if i >= slots[slot].trees.count {
            slots[slot].trees += Array(repeating: nil, count: i + 1 - slots[slot].trees.count)
            slots[slot].builtIn += Array(repeating: -1, count: i + 1 - slots[slot].builtIn.count)
        }
        slots[slot].trees[i] = tree
        slots[slot].builtIn[i] = generation
    }

    func copy() -> SumTrees {
        let c = SumTrees(periods: periods)
        c.slots = slots.map { Slot(trees: $0.trees.map { $0?.copy() }, builtIn: $0.builtIn) }
        c.generation = generation
        return c
    }
}

/// A long SUM's leaves added on several threads, 64 leaves (4,096 cells, 32 KB) a piece: each
/// leaf the same sum of the same 64 cells in the same order as on one thread.
///
/// `@unchecked Sendable` because it carries pointers to the threads. Piece k writes
/// `out[64k ..< 64(k + 1)]` alone (different pieces, different leaves), and the cells it reads
/// (`x`) are a block computed before the sum began, which nothing writes while it runs; `out`
/// is read only after every thread has finished.
struct LeafPieces: @unchecked Sendable {
    /// Cells per piece, and the fewest pieces worth sharing out (below, one thread adds them
    /// faster than the others could be started).
    static let cells = 64 * PairwiseSum.leaf
    static let fewest = 4
    let x: UnsafePointer<Double>
    let n: Int
    let out: UnsafeMutablePointer<Double>

    static func leafSums(_ x: UnsafePointer<Double>, _ n: Int, threads: Int, log: WorkLog?) -> [Double] {
        let count = PairwiseSum.leafCount(n)
        return [Double](unsafeUninitializedCapacity: count) { leaves, initialized in
            let job = LeafPieces(x: x, n: n, out: leaves.baseAddress!)
            let perPiece = cells / PairwiseSum.leaf
            Parallel.forEach((count + perPiece - 1) / perPiece, threads: threads, log: log) { k in
                PairwiseSum.leafSums(job.x, job.n, leaves: (k * perPiece)..<min(count, (k + 1) * perPiece), into: job.out)
            }
            initialized = count
        }
    }
}
