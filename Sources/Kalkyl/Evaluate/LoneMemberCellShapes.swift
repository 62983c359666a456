/// Entries whose compiled operations are one of a few common shapes, their one cell computed
/// without `computeOne`'s pass over operations (its stack, its bits of kinds, its dispatch per
/// operation):
///
/// - `rowSum`: one SUM of the cell's member over periods (`total[employee] = SUM(cost)`);
/// - `shortSum`: one SUM over every member of periods whose cells fit in a leaf, added in
///   storage order (`year_cost = SUM(total_cost)`);
/// - `pair`: two cells `+ - * /` (`variance[employee] = total - budget`);
/// - `prevPair`: a recurrence's `PREV(x, v) + - * / a cell` (`cost_to_date = PREV(cost_to_date, 0) + cost`);
/// - `choosePair`: `IF(a ≷ b, c, d + - * / e)`, each operand a cell or a constant
///   (`variance_pct = IF(budget = 0, 0, variance / budget)`), both choices computed as
///   `computeOne` computes them (a division by zero in the one not taken gives up there too).
///
/// Each does `computeOne`'s checks and arithmetic for those operations in the same order, and
/// gives up where it would, so a cell gets the same bits, kind and uniformity, or goes the
/// general way as before.
enum LoneCellShape: UInt8 {
    case none, rowSum, shortSum, pair, prevPair, choosePair

    /// The shape of an entry's compiled operations.
    static func of(_ ops: ArraySlice<LoneOp>) -> LoneCellShape {
        if ops.count == 8 {
            let o = ops.startIndex
            func single(_ i: Int) -> Bool {
                switch ops[o + i] {
                case .load, .constant: true
                default: false
                }
            }
            guard single(0), single(1), case .binary(let compare) = ops[o + 2], single(3), single(4), single(5),
                  case .binary(let op) = ops[o + 6], case .logical(.choose, 3) = ops[o + 7],
                  [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(compare),
                  op == .add || op == .subtract || op == .multiply || op == .divide else { return .none }
            return .choosePair
        }
        if ops.count == 1 {
            switch ops[ops.startIndex] {
            case .sumRow: return .rowSum
            case .sumAll(_, _, _, let fixed, _, _) where fixed: return .shortSum
            default: return .none
            }
        }
        guard ops.count == 3 || ops.count == 4, case .load = ops[ops.endIndex - 2],
              case .binary(let op) = ops[ops.endIndex - 1], op == .add || op == .subtract || op == .multiply || op == .divide
        else { return .none }
        if ops.count == 3, case .load = ops[ops.startIndex] { return .pair }
        if ops.count == 4, case .constant = ops[ops.startIndex], case .prev = ops[ops.startIndex + 1] { return .prevPair }
        return .none
    }
}

extension LoneMemberPlan {
    /// Entry `k`'s cell in period `p` for an entry of a shape other than `none` (what
    /// `computeOne(_:ops:period:member:edited:trees:)` gives for its operations); a `shortSum`
    /// whose cells turn out not to fit in a leaf goes through `computeOne` itself.
    @inline(__always)
    func computeShaped(_ k: Int, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        let t = code.blocks
        let i = code.ranges[k].lowerBound
        switch code.cellShapes[k] {
        case .rowSum:
            guard case .sumRow(let r, let first, let last, let fixed, let m, let uniform) = code.ops[i], t.isAllNumbers(r) else { return nil }
            let mc = t.memberCounts[r], src = t.numbers[r].unsafelyUnwrapped, s = m < 0 ? member : m
            let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
            guard f >= 0, l >= f, (l &+ 1) &* mc <= t.cellCounts[r], l &- f < PairwiseSum.leaf else { return nil }
            var sum = 0.0
            var q = f
            while q <= l {
                sum += src[q &* mc &+ s]
                q &+= 1
            }
            guard !Kernels.isUnusual(sum) else { return nil }
            return Scalar(x: sum, kind: .number, uniform: uniform)
        case .shortSum:
            guard case .sumAll(let r, let f, let l, _, _, _) = code.ops[i], t.isAllNumbers(r) else { return nil }
            let mc = t.memberCounts[r], src = t.numbers[r].unsafelyUnwrapped
            guard f >= 0, l >= f, (l &+ 1) &* mc <= t.cellCounts[r] else { return nil }
            guard (l &- f &+ 1) &* mc <= PairwiseSum.leaf else {
                return computeOne(k, ops: code.ranges[k], period: p, member: member, edited: edited, trees: trees)
            }
            var sum = 0.0
            var c = f &* mc
            let end = (l &+ 1) &* mc
            while c < end {
                sum += src[c]
                c &+= 1
            }
            guard !Kernels.isUnusual(sum) else { return nil }
            return Scalar(x: sum, kind: .number, uniform: true)
        case .pair:
            guard case .load(let r1, let dp1, let fixed1, let m1, let u1) = code.ops[i],
                  case .load(let r2, let dp2, let fixed2, let m2, let u2) = code.ops[i &+ 1],
                  case .binary(let op) = code.ops[i &+ 2],
                  let a = number(r1, fixed1 ? dp1 : p &+ dp1, m1 < 0 ? member : m1),
                  let b = number(r2, fixed2 ? dp2 : p &+ dp2, m2 < 0 ? member : m2) else { return nil }
            return LoneMemberPlan.arithmetic(op, a, u1, b, u2)
        case .prevPair:
            // The initial value in the first period (a truth value gives up at `op`), else the
            // cell of the period before, as `computeOne`'s `prev` leaves it; then `pair`'s arithmetic.
            guard case .constant(let v, let kind) = code.ops[i], case .prev(let r1, let m1, let u1) = code.ops[i &+ 1],
                  case .load(let r2, let dp2, let fixed2, let m2, let u2) = code.ops[i &+ 2],
                  case .binary(let op) = code.ops[i &+ 3] else { return nil }
            let a: Double, ua: Bool
            if p > 0 {
                guard let x = number(r1, p &- 1, m1 < 0 ? member : m1) else { return nil }
                (a, ua) = (x, u1)
            } else {
                guard kind != .bool else { return nil }
                (a, ua) = (v, true)
            }
            guard let b = number(r2, fixed2 ? dp2 : p &+ dp2, m2 < 0 ? member : m2) else { return nil }
            return LoneMemberPlan.arithmetic(op, a, ua, b, u2)
        case .choosePair:
            guard let a = operand(i, p, member), let b = operand(i &+ 1, p, member), case .binary(let compare) = code.ops[i &+ 2],
                  let c = operand(i &+ 3, p, member), let d = operand(i &+ 4, p, member), let e = operand(i &+ 5, p, member),
                  case .binary(let op) = code.ops[i &+ 6],
                  let condition = LoneMemberPlan.comparison(compare, a, b),
                  let other = LoneMemberPlan.arithmetic(op, d.x, d.uniform, e.x, e.uniform) else { return nil }
            // IF on numbers: the condition may be a number or a truth value, uniform where all three are.
            return Scalar(x: condition.x != 0 ? c.x : other.x, kind: .number, uniform: condition.uniform && c.uniform && other.uniform)
        case .none:
            return computeOne(k, ops: code.ranges[k], period: p, member: member, edited: edited, trees: trees)
        }
    }

    /// A comparison of two numbers as `Interpreter.numericBinary` gives it: with `Operators`
    /// when both are uniform, else at Excel's 15 digits (`Operators.compareNumbers`), a truth
    /// value that is not uniform; its own code for the second, so that it costs no call.
    @inline(__always)
    static func comparison(_ op: BinaryOperator, _ a: (x: Double, uniform: Bool), _ b: (x: Double, uniform: Bool)) -> Scalar? {
        if a.uniform && b.uniform {
            return Interpreter.numericBinary(op, Scalar(x: a.x, kind: .number, uniform: true), Scalar(x: b.x, kind: .number, uniform: true))
        }
        let truth = Operators.holds(op, order: Operators.compareNumbers(a.x, b.x))
        return Scalar(x: truth ? 1 : 0, kind: .bool, uniform: false)
    }

    /// Operation `i`, a load or a constant, in period `p` for `member`, when it is a number (with
    /// whether a run holds it as one value for all members); nil where it is not, which every
    /// place `choosePair` puts one gives up on (`+ - * /` and comparisons on a truth value, a
    /// choice of IF that is one), and where a load is off the timeline or of another kind.
    @inline(__always)
    func operand(_ i: Int, _ p: Int, _ member: Int) -> (x: Double, uniform: Bool)? {
        switch code.ops[i] {
        case .constant(let v, let kind):
            return kind == .bool ? nil : (v, true)
        case .load(let r, let dp, let fixed, let m, let uniform):
            guard let x = number(r, fixed ? dp : p &+ dp, m < 0 ? member : m) else { return nil }
            return (x, uniform)
        default:
            return nil
        }
    }

    /// Computes and writes the cells of entry `k`, a recurrence of its own (a stepwise group of
    /// one entry) of shape `prevPair`, for `member` (the cells' member), in rising period order
    /// from its first period to compute, as the period-by-period course does them (`computeShaped`
    /// for the cell, written where its bits changed and its readers marked, the next period due
    /// once this one changed): each cell reads the one before as it was just written. Returns the
    /// first period left to the general course: the first cell that gives up, or the entry's
    /// period count when none did; 0 when the entry's block is not one of plain numbers. Periods
    /// in one word (`words == 1`).
    func writeRecurrence(_ k: Int, member: Int, recomputed: inout Int) -> Int {
        let t = code.blocks, out = code.rows[k]
        guard t.kinds[out] == nil, t.uniformKinds[out] == .number, let x = t.numbers[out] else { return 0 }
        let i = code.ranges[k].lowerBound
        guard case .constant(let v, let kind) = code.ops[i], case .prev(let r1, let m1, let u1) = code.ops[i &+ 1],
              case .load(let r2, let dp2, let fixed2, let m2, let u2) = code.ops[i &+ 2],
              case .binary(let op) = code.ops[i &+ 3] else { return 0 }
        let n = entries[k].periodCount, mc = entries[k].memberCount
        let s1 = m1 < 0 ? member : m1, s2 = m2 < 0 ? member : m2
        var p = (dirty[k] & LoneMemberPlan.bits(below: n)).trailingZeroBitCount
        while p < n {
            // Read again each time: a cell that changed made the next period due.
            guard dirty[k] & (1 &<< UInt64(p)) != 0 else {
                p &+= 1
                continue
            }
            let a: Double, ua: Bool
            if p > 0 {
                guard let y = number(r1, p &- 1, s1) else { return p }
                (a, ua) = (y, u1)
            } else {
                guard kind != .bool else { return p }
                (a, ua) = (v, true)
            }
            guard let b = number(r2, fixed2 ? dp2 : p &+ dp2, s2), let c = LoneMemberPlan.arithmetic(op, a, ua, b, u2) else { return p }
            recomputed &+= 1
            let cell = p &* mc &+ member
            if x[cell].bitPattern != c.x.bitPattern {
                x[cell] = c.x
                noteChanged(k, period: p)
            }
            p &+= 1
        }
        return n
    }

    /// The number of period `q`, member `s` of row `r` when it is on the timeline and a number;
    /// nil where `computeOne` gives up on a load followed by `+ - * /` (off the timeline, a kind
    /// other than a number or a truth value, or a truth value, which `+ - * /` give up on).
    @inline(__always)
    func number(_ r: Int, _ q: Int, _ s: Int) -> Double? {
        let t = code.blocks
        let mc = t.memberCounts[r]
        guard q >= 0, (q &+ 1) &* mc <= t.cellCounts[r] else { return nil }
        let c = q &* mc &+ s
        guard t.kind(r, c) == .number else { return nil }
        return t.number(r, c)
    }

    /// `a op b` for + - * / on two numbers, each uniform (a run holds it as one value for all
    /// members) or not, as `computeOne`'s `binary` gives it: through `Operators` when both are
    /// uniform, else with -0 made 0 and an unusual result given up.
    @inline(__always)
    static func arithmetic(_ op: BinaryOperator, _ a: Double, _ ua: Bool, _ b: Double, _ ub: Bool) -> Scalar? {
        if ua && ub {
            guard let v = uniformArithmetic(op, a, b) else { return nil }
            return Scalar(x: v, kind: .number, uniform: true)
        }
        let v: Double
        switch op {
        case .add: v = a + b
        case .subtract: v = a - b
        case .multiply: v = a * b + 0
        default: v = a / b + 0
        }
        guard !Kernels.isUnusual(v) else { return nil }
        return Scalar(x: v, kind: .number, uniform: false)
    }
}
