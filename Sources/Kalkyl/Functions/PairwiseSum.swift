/// SUM's order of addition, one for every path (kernels, the per-cell path, the function's
/// own fallback, the incremental sum trees), so that a sum's bits depend only on the
/// numbers and where they stand, never on which path computed it or on what else the range
/// holds: up to 64 cells are added in order (as Excel does); more are added in blocks of
/// 64 cells, and the blocks' sums pairwise, level by level, the odd one carried up. A cell
/// that SUM skips (text, a blank, a truth value in a cell) keeps its place in its block.
enum PairwiseSum {
    static let leaf = 64

    /// Adds numbers one position at a time, in SUM's order, for a caller that walks cells
    /// of any kind: `skip()` for a cell that holds no number.
    struct Accumulator {
        private var leaves: [Double] = []
        private var current = 0.0
        private var filled = 0

        init() {}

        mutating func add(_ x: Double) {
            current += x
            advance()
        }

        mutating func skip() { advance() }

        private mutating func advance() {
            filled += 1
            if filled == PairwiseSum.leaf {
                leaves.append(current)
                current = 0
                filled = 0
            }
        }

        var total: Double {
            if leaves.isEmpty { return current }
            return PairwiseSum.combine(filled > 0 ? leaves + [current] : leaves)
        }
    }

    /// Adds numbers at their places in a range of cells, in SUM's order, for a caller that
    /// meets only some of the cells (SUMIF's matching ones, the facts of one group): the total
    /// is SUM's over the range with every other cell skipped, whatever that cell holds, so
    /// `SUMIF(kind, "*", x)` is `SUM(x)` to the last bit with blanks or text among x. Places
    /// come in increasing order; only the blocks of 64 that hold a number are kept (a group of
    /// facts spread over a long range keeps no more than its numbers).
    struct Placed {
        private var blocks: [(index: Int, sum: Double)] = []
        private var current = 0.0
        private var block = -1

        init() {}

        mutating func add(_ x: Double, at place: Int) {
            let b = place / PairwiseSum.leaf
            if b != block {
                if block >= 0 { blocks.append((block, current)) }
                block = b
                current = 0
            }
            current += x
        }

        /// SUM's total over a range of `count` cells that holds these numbers at their places:
        /// the blocks' sums added pairwise level by level, a block without a number being 0.
        func total(count: Int) -> Double {
            var level = blocks
            if block >= 0 { level.append((block, current)) }
            var width = PairwiseSum.leafCount(count)
            while width > 1 {
                var next: [(index: Int, sum: Double)] = []
                next.reserveCapacity(level.count)
                var i = 0
                while i < level.count {
                    let (k, x) = level[i]
                    if k % 2 == 1 {
                        next.append((k / 2, 0 + x))   // its left neighbour holds no number
                    } else if i + 1 < level.count, level[i + 1].index == k + 1 {
                        next.append((k / 2, x + level[i + 1].sum))
                        i += 1
                    } else {
                        next.append((k / 2, k + 1 < width ? x + 0 : x))   // the odd one is carried up as it is
                    }
                    i += 1
                }
                level = next
                width = (width + 1) / 2
            }
            return level.first?.sum ?? 0
        }
    }

    /// The sums of consecutive runs of 64, each added in order. Eight runs are added side by
    /// side, one lane each, so the processor works on eight independent chains of additions;
    /// each lane still adds its own 64 cells one after the other, so no bit of any sum changes.
    static func leafSums(_ x: UnsafePointer<Double>, _ n: Int) -> [Double] {
        let count = leafCount(n)
        return [Double](unsafeUninitializedCapacity: count) { leaves, initialized in
            leafSums(x, n, leaves: 0..<count, into: leaves.baseAddress!)
            initialized = count
        }
    }

    /// How many leaves `n` cells make.
    static func leafCount(_ n: Int) -> Int { (n + leaf - 1) / leaf }

    /// The sums of leaves `leaves` of x's `n` cells, into `out[leaves]`: eight at a time from
    /// the first, then one by one. A leaf's sum is the same whichever group it falls in (a
    /// lane adds its 64 cells in order from 0, as the loop for one does), so a caller may
    /// split the leaves anywhere.
    static func leafSums(_ x: UnsafePointer<Double>, _ n: Int, leaves: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        let full = min(leaves.upperBound, n / leaf)
        var l = leaves.lowerBound
        while l + 8 <= full {
            let p = x + l * leaf
            var s = SIMD8<Double>()
            for j in 0..<leaf {
                s += SIMD8(p[j], p[leaf + j], p[2 * leaf + j], p[3 * leaf + j],
                           p[4 * leaf + j], p[5 * leaf + j], p[6 * leaf + j], p[7 * leaf + j])
            }
            for k in 0..<8 { out[l + k] = s[k] }
            l += 8
        }
        while l < leaves.upperBound {
            var a = 0.0
            for j in (l * leaf)..<min(n, (l + 1) * leaf) { a += x[j] }
            out[l] = a
            l += 1
        }
    }

    /// Sums leaf totals pairwise, level by level.
    static func combine(_ leaves: [Double]) -> Double {
        var level = leaves
        while level.count > 1 { level = nextLevel(level) }
        return level.first ?? 0
    }

    /// One level up: neighbours added in pairs, an odd one carried up as it is.
    static func nextLevel(_ level: [Double]) -> [Double] {
        var next: [Double] = []
        next.reserveCapacity(level.count / 2 + 1)
        var i = 0
        while i + 1 < level.count {
            next.append(level[i] + level[i + 1])
            i += 2
        }
        if i < level.count { next.append(level[i]) }
        return next
    }
}
