/// SUM over a long run of cells kept as the tree of `PairwiseSum`: leaf sums of 64 cells,
/// then pairwise sums level by level. When some cells change, only their leaves and the
/// paths above them are added again, in the same order as before, so the result has the
/// same bits as a full recompute (the requirement) at a fraction of the cost.
final class SumTree {
    private(set) var levels: [[Double]]

    init(_ x: UnsafePointer<Double>, _ n: Int) {
        var levels = [PairwiseSum.leafSums(x, n)]
        while levels[levels.count - 1].count > 1 { levels.append(PairwiseSum.nextLevel(levels[levels.count - 1])) }
        self.levels = levels
    }

    private init(levels: [[Double]]) { self.levels = levels }

    var total: Double { levels.last?.first ?? 0 }

    func copy() -> SumTree { SumTree(levels: levels) }

    /// Adds again the leaves holding `changed` cells (indices into x) and the paths above them.
    func update(_ x: UnsafePointer<Double>, _ n: Int, changed: [Int]) -> Double {
        var dirty = CellSet(changed.map { $0 / PairwiseSum.leaf }).cells
        for leaf in dirty {
            var sum = 0.0
            for j in (leaf * PairwiseSum.leaf)..<min(n, (leaf + 1) * PairwiseSum.leaf) { sum += x[j] }
            levels[0][leaf] = sum
        }
        for l in 0..<(levels.count - 1) {
            var parents: [Int] = []
            for i in dirty where parents.last != i / 2 {   // dirty is sorted, so siblings are adjacent
                let p = i / 2
                let left = 2 * p
                levels[l + 1][p] = left + 1 < levels[l].count ? levels[l][left] + levels[l][left + 1] : levels[l][left]
                parents.append(p)
            }
            dirty = parents
        }
        return total
    }
}

/// The sum trees of an evaluation, by the formula, operation and period they belong to.
final class SumTrees: @unchecked Sendable {
    struct Key: Hashable {
        let slot: Int
        let op: Int
        let period: Int
    }
    var trees: [Key: SumTree] = [:]
    /// Which full computation each tree was built in: a tree built earlier in the same one is
    /// current (every run of members reads the same SUM), one from an earlier one may not be.
    var builtIn: [Key: Int] = [:]
    /// The full computation under way; bumped by each block computed afresh.
    var generation = 0

    func copy() -> SumTrees {
        let c = SumTrees()
        c.trees = trees.mapValues { $0.copy() }
        c.builtIn = builtIn
        c.generation = generation
        return c
    }
}
