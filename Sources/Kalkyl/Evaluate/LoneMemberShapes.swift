/// Entries of a plan whose cells one loop computes and writes, without `computeLanes`' pass
/// over operations and its rows of lanes, and without the lanes' second pass to write them:
///
/// - `treeTotals`: one SUM over every member of one period (`total_cost[month] = SUM(cost[employee])`),
///   each period's total through its tree;
/// - `window`: one YTD, QTD, TTD or ROLLING of a row (`cost_ytd[month] = YTD(total_cost)`);
/// - `scaledRow`: a value the same in every period (constants, cells of a fixed period, what is
///   made of them) `+ - * /` one cell of a row in the period (`salary * (1 + payroll_overhead) * active`).
///
/// The loop does for each cell the operations and checks `computeLanes` does for its lane, in the
/// same order, so each cell gets the same bits; where a cell would give up (an unusual result)
/// the loop stops, and that cell and the rest go the general course.
enum LoneShape: UInt8 {
    case none, treeTotals, window, scaledRow

    /// The shape of an entry's compiled operations; `depth` is its program's.
    static func of(_ ops: ArraySlice<LoneOp>, depth: Int) -> LoneShape {
        if ops.count == 1 {
            switch ops[ops.startIndex] {
            case .sumAll(_, let first, let last, let fixed, _, _) where !fixed && first == last: return .treeTotals
            case .window: return .window
            default: return .none
            }
        }
        guard ops.count >= 3, depth < 64, case .load(_, _, false, _, _) = ops[ops.endIndex - 2],
              case .binary(let op) = ops[ops.endIndex - 1], op == .add || op == .subtract || op == .multiply || op == .divide
        else { return .none }
        // The first operations: constants and cells of a fixed period, and what is made of them,
        // leaving one value (the same in every lane of `computeLanes`).
        var height = 0
        for op in ops.dropLast(2) {
            switch op {
            case .constant, .load(_, _, true, _, _): height += 1
            case .negate: guard height >= 1 else { return .none }
            case .binary: guard height >= 2 else { return .none }; height -= 1
            case .logical(_, let argc): guard argc >= 1, height >= argc else { return .none }; height -= argc - 1
            default: return .none
            }
        }
        return height == 1 ? .scaledRow : .none
    }
}

/// The first operations of a `scaledRow` entry, which make its value the same in every period,
/// when they are a constant or a cell (`single`), two of them `+ - * /` (`pair`), or three,
/// `a op (b op c)` (`triple`: `salary * (1 + payroll_overhead)`): computed without
/// `computeOne`'s pass over operations (`LoneMemberPlan.prefixValue`); else `general`.
enum LonePrefix: UInt8 {
    case general, single, pair, triple

    static func of(_ ops: ArraySlice<LoneOp>) -> LonePrefix {
        let o = ops.startIndex
        func single(_ i: Int) -> Bool {
            switch ops[o + i] {
            case .load, .constant: true
            default: false
            }
        }
        func arithmetic(_ i: Int) -> Bool {
            guard case .binary(let op) = ops[o + i] else { return false }
            return op == .add || op == .subtract || op == .multiply || op == .divide
        }
        switch ops.count {
        case 1 where single(0): return .single
        case 3 where single(0) && single(1) && arithmetic(2): return .pair
        case 5 where single(0) && single(1) && single(2) && arithmetic(3) && arithmetic(4): return .triple
        default: return .general
        }
    }
}

extension LoneMemberPlan {
    /// The value of entry `k`'s first operations `ops` (of form `code.prefixes[k]`, not
    /// `general`) in period `p` for `member`, as `computeOne` gives it for them, or nil where
    /// it gives up or gives a truth value (which `writeShaped` leaves to the general course).
    @inline(__always)
    func prefixValue(_ k: Int, ops: Range<Int>, period p: Int, member: Int) -> Scalar? {
        let i = ops.lowerBound
        guard let a = operand(i, p, member) else { return nil }
        switch code.prefixes[k] {
        case .pair:
            guard let b = operand(i &+ 1, p, member), case .binary(let op) = code.ops[i &+ 2] else { return nil }
            return LoneMemberPlan.arithmetic(op, a.x, a.uniform, b.x, b.uniform)
        case .triple:
            guard let b = operand(i &+ 1, p, member), let c = operand(i &+ 2, p, member),
                  case .binary(let inner) = code.ops[i &+ 3], case .binary(let outer) = code.ops[i &+ 4],
                  let bc = LoneMemberPlan.arithmetic(inner, b.x, b.uniform, c.x, c.uniform) else { return nil }
            return LoneMemberPlan.arithmetic(outer, a.x, a.uniform, bc.x, bc.uniform)
        default:
            return Scalar(x: a.x, kind: .number, uniform: a.uniform)
        }
    }

    /// Computes and writes entry `k`'s cells in the periods `due` of word `w` (no recurrence,
    /// compiled, of a shape other than `none`), for `member` (the cells' member; `edited` is the
    /// edited one), in rising period order, each written where its bits changed and its readers
    /// marked. Returns the periods left to the general course: all of `due` when the shape's
    /// conditions do not hold (a block with kinds, a period off the timeline, a value the same in
    /// every period that is a truth value or gives up), else those from the first cell that gives
    /// up. The entry reads none of its own cells, so writing some before others are computed
    /// gives each the bits it gets alone.
    func writeShaped(_ k: Int, word w: Int, due: UInt64, member: Int, edited: Int, trees: SumTrees,
                     recomputed: inout Int) -> UInt64 {
        let t = code.blocks, out = code.rows[k]
        guard due != 0, t.kinds[out] == nil, t.uniformKinds[out] == .number, let x = t.numbers[out] else { return due }
        let mc = entries[k].memberCount
        let lo = w &* 64 &+ due.trailingZeroBitCount, hi = w &* 64 &+ 63 &- due.leadingZeroBitCount
        var left = due
        var done = 0   // cells computed (counted as they are: the machine's baseline has no popcount)
        var changed: UInt64 = 0
        @inline(__always) func write(_ p: Int, _ v: Double) {
            let cell = p &* mc &+ member
            guard x[cell].bitPattern != v.bitPattern else { return }
            x[cell] = v
            changed |= 1 &<< UInt64(p & 63)
        }
        let range = code.ranges[k]
        switch code.shapes[k] {
        case .none:
            return due
        case .treeTotals:
            // `computeLanes`' `sumAll` with one period a lane, each through its tree.
            guard case .sumAll(let r, let first, _, _, let op, let index) = code.ops[range.lowerBound], t.isAllNumbers(r) else { return due }
            let rmc = t.memberCounts[r]
            guard rmc > PairwiseSum.leaf, lo &+ first >= 0, (hi &+ first &+ 1) &* rmc <= t.cellCounts[r] else { return due }
            let src = t.numbers[r].unsafelyUnwrapped
            let base = k &* stride &* code.treeSums &+ index
            while left != 0 {
                let p = w &* 64 &+ left.trailingZeroBitCount
                let at = base &+ p &* code.treeSums
                let sum = code.isReady(at) ? code.treeTotals[at]
                    : treeSum(entry: k, row: r, src + (p &+ first) &* rmc, count: rmc, op: op, period: p, edited: edited, trees: trees)
                guard !Kernels.isUnusual(sum) else { break }
                left &= left &- 1
                done &+= 1
                write(p, sum)
            }
        case .window:
            // `computeLanes`' `window`: a window starting where the one of the period before
            // started is that one's sum plus one cell, the same additions in the same order.
            guard case .window(let r, let m, let starts) = code.ops[range.lowerBound], t.isAllNumbers(r) else { return due }
            let rmc = t.memberCounts[r], s = m < 0 ? member : m
            let src = t.numbers[r].unsafelyUnwrapped
            var before = -2, beforeStart = -1, beforeSum = 0.0
            var unfilled: UInt64 = 0   // rolling windows the timeline cannot fill: #N/A, left to the general course
            while left != 0 {
                let p = w &* 64 &+ left.trailingZeroBitCount, start = code.periodStarts[starts &+ p]
                guard start >= 0 else {
                    unfilled |= left & (~left &+ 1)
                    left &= left &- 1
                    continue
                }
                var sum: Double
                if before == p &- 1 && beforeStart == start {
                    sum = beforeSum + src[p &* rmc &+ s]
                } else {
                    sum = 0.0
                    for q in start...p { sum += src[q &* rmc &+ s] }
                }
                (before, beforeStart, beforeSum) = (p, start, sum)
                guard !Kernels.isUnusual(sum) else { break }
                left &= left &- 1
                done &+= 1
                write(p, sum)
            }
            left |= unfilled
        case .scaledRow:
            // The value the same in every period, as `computeLanes` computes it once (through
            // `computeOne`'s steps, which are its lane's), then `computeLanes`' straight load and
            // its straight loop of `+ - * /`: neither a truth value, not both uniform.
            guard code.depth < 64, case .load(let r, let dp, false, let m, let uniform) = code.ops[range.upperBound - 2],
                  case .binary(let op) = code.ops[range.upperBound - 1] else { return due }
            let rmc = t.memberCounts[r], s = m < 0 ? member : m
            let prefix = range.lowerBound..<(range.upperBound - 2)
            guard t.kinds[r] == nil, t.uniformKinds[r] == .number, lo &+ dp >= 0, (hi &+ dp &+ 1) &* rmc <= t.cellCounts[r],
                  let a = code.prefixes[k] == .general
                    ? computeOne(k, ops: prefix, period: lo, member: member, edited: edited, trees: trees)
                    : prefixValue(k, ops: prefix, period: lo, member: member),
                  a.kind == .number, !(a.uniform && uniform) else { return due }
            let f = a.x
            @inline(__always) func cell(_ p: Int) -> Double {
                let c = (p &+ dp) &* rmc &+ s
                if let src = t.numbers[r] { return src[c] }
                return Double(t.bytes[r].unsafelyUnwrapped[c])
            }
            while left != 0 {
                let p = w &* 64 &+ left.trailingZeroBitCount
                let y = cell(p)
                let v: Double
                switch op {
                case .add: v = f + y
                case .subtract: v = f - y
                case .multiply: v = f * y + 0
                default: v = f / y + 0
                }
                guard !Kernels.isUnusual(v) else { break }
                left &= left &- 1
                done &+= 1
                write(p, v)
            }
        }
        recomputed &+= done
        noteChanged(k, word: w, periods: changed)
        return left
    }
}
