/// SUM over a long run of cells kept as the tree of `PairwiseSum`: leaf sums of 64 cells,
/// then pairwise sums level by level. When some cells change, only their leaves and the
/// paths above them are added again, in the same order as before, so the result has the
/// same bits as a full recompute (the requirement) at a fraction of the cost.
final class SumTree {
    /// Every level, leaves first, one after the other; level l starts at `starts[l]`, and
    /// `starts[levels]` is the number of nodes. Kept in memory the tree owns, so an update
    /// writes its nodes without exclusivity or uniqueness checks.
    let nodes: UnsafeMutablePointer<Double>
    let starts: UnsafeMutablePointer<Int>
    /// Levels, the leaves included.
    let levels: Int

    /// The tree of x's `n` cells, its leaves added on up to `threads` threads when there are
    /// enough of them (`LeafPieces`).
    convenience init(_ x: UnsafePointer<Double>, _ n: Int, threads: Int = 1, log: WorkLog? = nil) {
        self.init(leaves: threads > 1 && n >= LeafPieces.cells * LeafPieces.fewest
            ? LeafPieces.leafSums(x, n, threads: threads, log: log) : PairwiseSum.leafSums(x, n))
    }

    /// The tree over these leaf sums (`PairwiseSum.leafSums`' of its cells).
    init(leaves: [Double]) {
        var level = leaves
        var all = level
        var starts = [0]
        while level.count > 1 {
            level = PairwiseSum.nextLevel(level)
            starts.append(all.count)
            all += level
        }
        starts.append(all.count)
        nodes = SumTree.buffer(all)
        self.starts = SumTree.buffer(starts)
        levels = starts.count - 1
    }

    private init(copying tree: SumTree) {
        levels = tree.levels
        starts = .allocate(capacity: levels + 1)
        starts.initialize(from: tree.starts, count: levels + 1)
        nodes = .allocate(capacity: max(tree.starts[levels], 1))
        nodes.initialize(from: tree.nodes, count: tree.starts[levels])
    }

    private static func buffer<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
        a.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: a.count) } }
        return p
    }

    deinit {
        nodes.deallocate()
        starts.deallocate()
    }

    var total: Double { starts[levels] > 0 ? nodes[starts[levels] - 1] : 0 }

    func copy() -> SumTree { SumTree(copying: self) }

    /// Adds again the leaves holding the changed cells among x's (cells `offset ..< offset + n`
    /// of `changed`), and the paths above them. Each path is walked up from its leaf; where
    /// two paths meet, the later walk computes the shared nodes again from children that are
    /// final by then, so every node ends up as the same `left + right` a full build gives it.
    func update(_ x: UnsafePointer<Double>, _ n: Int, changed: CellSet, offset: Int) -> Double {
        forEachChangedLeaf(n, changed: changed, offset: offset) { update(x, n, leaf: $0) }
        return total
    }

    /// `update(_:_:changed:offset:)` over cells stored one byte a cell (a narrow block): each
    /// changed leaf is its count of 1s, the very double its cells added in order give.
    func update(bytes b: UnsafePointer<UInt8>, _ n: Int, changed: CellSet, offset: Int) -> Double {
        forEachChangedLeaf(n, changed: changed, offset: offset) { leaf in
            nodes[leaf] = TruthBytes.leafSum(b, n, leaf: leaf)
            walkUp(from: leaf)
        }
        return total
    }

    /// Calls `body` once for each leaf holding changed cells among cells `offset ..< offset + n`.
    @inline(__always)
    private func forEachChangedLeaf(_ n: Int, changed: CellSet, offset: Int, _ body: (Int) -> Void) {
        var lastLeaf = -1
        changed.forEach(in: offset..<(offset + n)) { cell in
            let leaf = (cell - offset) / PairwiseSum.leaf
            guard leaf != lastLeaf else { return }
            lastLeaf = leaf
            body(leaf)
        }
    }

    /// Adds one leaf of x's `n` cells again, in order, and computes the nodes on its path up.
    func update(_ x: UnsafePointer<Double>, _ n: Int, leaf: Int) {
        var sum = 0.0
        for j in (leaf * PairwiseSum.leaf)..<min(n, (leaf + 1) * PairwiseSum.leaf) { sum += x[j] }
        nodes[leaf] = sum
        walkUp(from: leaf)
    }

    /// Computes the nodes above leaf `leaf` again, level by level.
    @inline(__always)
    private func walkUp(from leaf: Int) {
        var i = leaf
        for l in 0..<(levels - 1) {
            let below = starts[l], count = starts[l + 1] - below
            let left = i & ~1
            nodes[starts[l + 1] + i / 2] = left + 1 < count ? nodes[below + left] + nodes[below + left + 1] : nodes[below + left]
            i /= 2
        }
    }

    /// `update(x[t], n, leaf: leaf)` for `count` trees of `n` cells each, done together: the
    /// leaves are added four trees side by side (each tree's 64 cells still one after the
    /// other, from 0, so every leaf gets the same bits), then the paths are walked level by
    /// level across the trees, which have the same shape (`n` cells), so each level's place is
    /// worked out once for all of them. The trees' additions are independent chains the
    /// processor overlaps, and their loads miss the cache together instead of one after the other.
    static func update(_ trees: UnsafePointer<Unmanaged<SumTree>>, _ x: UnsafePointer<UnsafePointer<Double>>, count: Int, n: Int, leaf: Int) {
        let from = leaf * PairwiseSum.leaf, to = min(n, (leaf + 1) * PairwiseSum.leaf)
        var t = 0
        while t + 4 <= count {
            let x0 = x[t], x1 = x[t + 1], x2 = x[t + 2], x3 = x[t + 3]
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            for j in from..<to {
                s0 += x0[j]
                s1 += x1[j]
                s2 += x2[j]
                s3 += x3[j]
            }
            trees[t]._withUnsafeGuaranteedRef { $0.nodes[leaf] = s0 }
            trees[t + 1]._withUnsafeGuaranteedRef { $0.nodes[leaf] = s1 }
            trees[t + 2]._withUnsafeGuaranteedRef { $0.nodes[leaf] = s2 }
            trees[t + 3]._withUnsafeGuaranteedRef { $0.nodes[leaf] = s3 }
            t += 4
        }
        while t < count {
            let xt = x[t]
            var s = 0.0
            for j in from..<to { s += xt[j] }
            trees[t]._withUnsafeGuaranteedRef { $0.nodes[leaf] = s }
            t += 1
        }
        walkUp(trees, count: count, from: leaf)
    }

    /// `walkUp(from: leaf)` in each of `count` trees, level by level across them: each node
    /// the same `left + right` (or the lone left) as alone. Trees of another shape than the
    /// first are each walked alone.
    private static func walkUp(_ trees: UnsafePointer<Unmanaged<SumTree>>, count: Int, from leaf: Int) {
        guard count > 0 else { return }
        let (levels, starts) = trees[0]._withUnsafeGuaranteedRef { ($0.levels, $0.starts) }
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>.self, capacity: count) { nodes in
            var shared = 0
            for t in 0..<count {
                trees[t]._withUnsafeGuaranteedRef { tree in
                    if tree.levels == levels && tree.starts[levels] == starts[levels] {
                        nodes[shared] = tree.nodes
                        shared += 1
                    } else {
                        tree.walkUp(from: leaf)
                    }
                }
            }
            var i = leaf
            for l in 0..<(levels - 1) {
                let below = starts[l], above = starts[l + 1], left = i & ~1
                let up = above + i / 2
                if left + 1 < above - below {
                    for t in 0..<shared { let x = nodes[t]; x[up] = x[below + left] + x[below + left + 1] }
                } else {
                    for t in 0..<shared { let x = nodes[t]; x[up] = x[below + left] }
                }
                i /= 2
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
    /// Exclusivity unchecked here and in `version`: a planned edit reads them once each, and
    /// the run-time check cost about 60 instructions an access (callgrind) on a path of a few
    /// thousand. It sees one thread's accesses only, and on one thread none of these methods'
    /// accesses overlaps another.
    @exclusivity(unchecked) private var slots: [Slot] = []
    /// Periods of the timeline: each operation's row of trees.
    let periods: Int
    /// The full computation under way; bumped by each block computed afresh.
    var generation = 0
    /// Bumped whenever a tree is kept (and may replace another): a tree found before is still
    /// this one's while the version is the same (`LoneMemberPlan` keeps the trees it found).
    @exclusivity(unchecked) private(set) var version = 0

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
        version &+= 1
    }

    /// Forgets the tree there, if any: its SUM was just computed without it (its row held a
    /// text, a blank or an error), so the tree did not follow this computation's changes, and an
    /// update that later found it would add again only its own changed leaves to stale ones.
    /// Writes only when there is a tree, so the runs after the first of a parallel block, which
    /// find none, only read.
    func drop(slot: Int, op: Int, period: Int) {
        guard tree(slot: slot, op: op, period: period) != nil else { return }
        let i = op * periods + period
        slots[slot].trees[i] = nil
        slots[slot].builtIn[i] = -1
        version &+= 1
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
