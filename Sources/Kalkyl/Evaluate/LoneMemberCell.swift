/// One cell of a plan entry computed from its compiled operations without lanes: the cell of
/// an entry with one period to compute (`total[employee]`, `variance`, `year_cost`) and a
/// recurrence's cells, one at a time. `computeLanes` with one lane would do the same checks in
/// the same order (`runNumericCell`'s); this keeps the stack as one double an entry and the
/// entries' kinds as bits of two words in registers, so an operation costs a few instructions
/// instead of a pass's setup over lanes.
extension LoneMemberPlan {
    /// Entry `k`'s cell in period `p`, for `member` (the cell's member: the edited one in a
    /// row, 0 in a total; `edited` is the edited one), or nil where `runNumericCell` would give
    /// up too.
    @inline(__always)
    func computeOne(_ k: Int, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        // Bits of one word say each stack entry's kind; a deeper program (never seen) goes by lanes.
        guard code.depth < 64 else { return computeOneLane(k, period: p, member: member, edited: edited, trees: trees) }
        // A common shape without the pass over operations (`LoneCellShape`).
        return computeShaped(k, period: p, member: member, edited: edited, trees: trees)
    }

    /// The operations `ops` of entry `k` (all of them, or the first ones, which leave one
    /// value on the stack) for one cell: what `computeOne(_:period:member:edited:trees:)` does.
    /// The program is less than 64 deep.
    func computeOne(_ k: Int, ops: Range<Int>, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        let t = code.blocks
        let x = code.oneX
        var top = 0
        var bools: UInt64 = 0      // bit i: stack entry i is a truth value
        var uniforms: UInt64 = 0   // bit i: a run would hold stack entry i as one value for all members
        @inline(__always) func bit(_ i: Int) -> UInt64 { 1 &<< UInt64(i) }
        @inline(__always) func push(_ v: Double, bool: Bool, uniform: Bool) {
            x[top] = v
            bools = bools & ~bit(top) | (bool ? bit(top) : 0)
            uniforms = uniforms & ~bit(top) | (uniform ? bit(top) : 0)
            top &+= 1
        }
        /// Cell of period `q`, member `s` of row `r` when it is on the timeline and a number or
        /// a truth value.
        @inline(__always) func read(_ r: Int, _ q: Int, _ s: Int) -> (x: Double, bool: Bool)? {
            let mc = t.memberCounts[r]
            guard q >= 0, (q &+ 1) &* mc <= t.cellCounts[r] else { return nil }
            let c = q &* mc &+ s
            let kind = t.kind(r, c)
            guard kind == .number || kind == .bool else { return nil }
            return (t.number(r, c), kind == .bool)
        }
        for i in ops {
            switch code.ops[i] {
            case .constant(let v, let kind):
                push(v, bool: kind == .bool, uniform: true)
            case .load(let r, let dp, let fixed, let m, let uniform):
                guard let c = read(r, fixed ? dp : p &+ dp, m < 0 ? member : m) else { return nil }
                push(c.x, bool: c.bool, uniform: uniform)
            case .axis:
                push(code.serials[p], bool: false, uniform: true)
            case .prev(let r, let m, let uniform):
                // The initial value, already on the stack, stays in the first period.
                guard p > 0 else { continue }
                guard let c = read(r, p &- 1, m < 0 ? member : m) else { return nil }
                top &-= 1
                push(c.x, bool: c.bool, uniform: uniform)
            case .window(let r, let m, let starts):
                guard t.isAllNumbers(r) else { return nil }
                let mc = t.memberCounts[r], s = m < 0 ? member : m
                let src = t.numbers[r]!
                let start = code.periodStarts[starts &+ p]
                guard start >= 0 else { return nil }   // a rolling window the timeline cannot fill: #N/A
                var sum = 0.0
                for q in start...p { sum += src[q &* mc &+ s] }
                guard !Kernels.isUnusual(sum) else { return nil }
                push(sum, bool: false, uniform: false)
            case .negate:
                guard bools & bit(top &- 1) == 0 else { return nil }
                let v = x[top &- 1]
                x[top &- 1] = v == 0 ? 0 : -v
                uniforms &= ~bit(top &- 1)
            case .binary(let op):
                guard bools & (bit(top &- 2) | bit(top &- 1)) == 0 else { return nil }   // truth values give up
                let a = x[top &- 2], b = x[top &- 1]
                let ua = uniforms & bit(top &- 2) != 0, ub = uniforms & bit(top &- 1) != 0
                top &-= 2
                let r: Double
                switch op {
                case .add where !(ua && ub): r = a + b
                case .subtract where !(ua && ub): r = a - b
                case .multiply where !(ua && ub): r = a * b + 0
                case .divide where !(ua && ub): r = a / b + 0
                case .add, .subtract, .multiply, .divide:
                    // Both uniform: a run computes it once with `Operators`.
                    guard let v = LoneMemberPlan.uniformArithmetic(op, a, b) else { return nil }
                    push(v, bool: false, uniform: true)
                    continue
                default:
                    // A comparison, `^` or `&`.
                    guard let s = Interpreter.numericBinary(op, Scalar(x: a, kind: .number, uniform: ua),
                                                            Scalar(x: b, kind: .number, uniform: ub)) else { return nil }
                    push(s.x, bool: s.kind == .bool, uniform: s.uniform)
                    continue
                }
                guard !Kernels.isUnusual(r) else { return nil }
                push(r, bool: false, uniform: false)
            case .sumRow(let r, let first, let last, let fixed, let m, let uniform):
                guard t.isAllNumbers(r) else { return nil }
                let mc = t.memberCounts[r], src = t.numbers[r]!, s = m < 0 ? member : m
                let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                guard f >= 0, l >= f, (l &+ 1) &* mc <= t.cellCounts[r], l &- f < PairwiseSum.leaf else { return nil }
                var sum = 0.0
                for q in f...l { sum += src[q &* mc &+ s] }
                guard !Kernels.isUnusual(sum) else { return nil }
                push(sum, bool: false, uniform: uniform)
            case .sumAll(let r, let first, let last, let fixed, let op, let index):
                guard t.isAllNumbers(r) else { return nil }
                let mc = t.memberCounts[r], src = t.numbers[r]!
                let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                guard f >= 0, l >= f, (l &+ 1) &* mc <= t.cellCounts[r] else { return nil }
                var sum = 0.0
                if (l &- f &+ 1) &* mc <= PairwiseSum.leaf {
                    for c in (f &* mc)..<((l &+ 1) &* mc) { sum += src[c] }
                } else {
                    guard f == l else { return nil }
                    let at = (k &* stride &+ p) &* code.treeSums &+ index
                    sum = code.isReady(at) ? code.treeTotals[at]
                        : treeSum(entry: k, row: r, src + f &* mc, count: mc, op: op, period: p, edited: edited, trees: trees)
                }
                guard !Kernels.isUnusual(sum) else { return nil }
                push(sum, bool: false, uniform: true)
            case .logical(let f, let argc):
                let first = top &- argc
                let args = bit(top) &- bit(first)   // bits first ..< top
                let uniform = uniforms & args == args
                let v: Double
                switch f {
                case .choose:
                    // Both choices must be numbers; the condition may be either.
                    guard bools & (bit(first &+ 1) | bit(first &+ 2)) == 0 else { return nil }
                    v = x[first] != 0 ? x[first &+ 1] : x[first &+ 2]
                case .and, .or:
                    let all = f == .and
                    var truth = all
                    for a in first..<top where (x[a] != 0) != all { truth = !all }
                    v = truth ? 1 : 0
                case .not:
                    v = x[first] != 0 ? 0 : 1
                }
                top = first
                push(v, bool: f != .choose, uniform: uniform)
            }
        }
        guard top == 1 else { return nil }
        return Scalar(x: x[0], kind: bools & 1 != 0 ? .bool : .number, uniform: uniforms & 1 != 0)
    }

    /// `a op b` for + - * / on two numbers a run holds as one value each, as
    /// `Interpreter.numericBinary` gives it through `Operators.binary` (`ExcelMath.finite`: a
    /// result too small for a normal double is 0, -0 is 0; a division by 0 is an error): nil
    /// where that is not a number.
    @inline(__always)
    static func uniformArithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double? {
        let r: Double
        switch op {
        case .add: r = a + b
        case .subtract: r = a - b
        case .multiply: r = a * b
        case .divide:
            guard b != 0 else { return nil }
            r = a / b
        default: return nil
        }
        guard r.isFinite else { return nil }
        return abs(r) < Double.leastNormalMagnitude ? 0 : r
    }

    /// `computeOne` through `computeLanes` with one lane.
    func computeOneLane(_ k: Int, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        code.lanePeriods[0] = p
        guard computeLanes(k, count: 1, member: member, edited: edited, trees: trees) != 0 else { return nil }
        return Scalar(x: code.laneX[0], kind: code.laneBool[0] & 1 != 0 ? .bool : .number, uniform: code.laneUniform[0] & 1 != 0)
    }
}
