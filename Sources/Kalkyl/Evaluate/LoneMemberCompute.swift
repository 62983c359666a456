/// Running a plan entry's compiled operations (`LoneOp`) for one cell, and the SUMs over every
/// member an entry reads, brought up to date together before its cells.
extension LoneMemberPlan {
    typealias Scalar = Interpreter.Scalar

    /// Entry `k`'s cell in period `p` computed from its operations, for `member` (the cell's
    /// member: the edited one in a row, 0 in a total; `edited` is the edited one), or nil where
    /// `runNumericCell` would give up too (`computeOne`).
    @inline(__always)
    func compute(_ k: Int, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        computeOne(k, period: p, member: member, edited: edited, trees: trees)
    }

    /// Entry `k`'s cells in the periods `code.lanePeriods[0 ..< n]` (n at most `LoneCode.lanes`),
    /// one lane each, computed from its operations together: each operation is taken once and
    /// done for every lane, so an entry's dozen cells cost one pass over its operations, not a
    /// dozen. Returns the lanes that gave a number, as bits: lane j's at `code.laneX[j]`, a
    /// truth value where bit j of `code.laneBool[0]` is set; where a lane did not,
    /// `runNumericCell` would give up too. Each lane goes through `runNumericCell`'s checks in
    /// its order, as the cell alone would. The lanes are the periods of one definition that is
    /// no recurrence (a recurrence is computed a cell at a time), so no lane reads a cell
    /// another lane computes.
    ///
    /// The stack is kept entry by entry across the lanes (`LoneCode.laneX`), a lane's kind and
    /// uniformity as bits, so each operation is a loop over consecutive doubles, and a check of
    /// kinds is a mask. An operation whose operands are the same in every lane
    /// (`salary * (1 + payroll_overhead)`: the edited member's salary, a constant, a cell of a
    /// fixed period) gives the same in every lane, or gives up in every lane, so it is done
    /// once, in the first live lane, and its result copied to the others.
    func computeLanes(_ k: Int, count n: Int, member: Int, edited: Int, trees: SumTrees) -> UInt64 {
        let t = code.blocks
        let width = LoneCode.lanes
        let X = code.laneX, B = code.laneBool, U = code.laneUniform, periods = code.lanePeriods
        let every: UInt64 = n >= 64 ? ~0 : (1 &<< UInt64(n)) &- 1
        var alive = every         // the lanes still giving a number
        var top = 0               // the same in every lane: every operation pops and pushes the same in each
        var same: UInt64 = 0      // bit i: stack entry i is the same in every live lane (i < 64)
        @inline(__always) func isSame(_ i: Int) -> Bool { i < 64 && same & (1 &<< UInt64(i)) != 0 }
        @inline(__always) func setSame(_ i: Int, _ v: Bool) {
            guard i < 64 else { return }
            if v { same |= 1 &<< UInt64(i) } else { same &= ~(1 &<< UInt64(i)) }
        }
        @inline(__always) func bit(_ j: Int) -> UInt64 { 1 &<< UInt64(j) }
        /// Stack entry `i`'s lanes.
        @inline(__always) func row(_ i: Int) -> UnsafeMutablePointer<Double> { X + i &* width }
        /// The lanes an operation is done in: the first live one when `once`, else every live one.
        @inline(__always) func lanes(_ once: Bool) -> UInt64 { once ? alive & (0 &- alive) : alive }
        /// After an operation done once in lane `lead`: its result, stack entry `i`, copied to
        /// every lane, or every lane given up when it gave up.
        @inline(__always) func spread(_ i: Int, _ lead: UInt64) {
            guard alive & lead != 0 else { alive = 0; return }
            let j = lead.trailingZeroBitCount
            let x = row(i), v = x[j]
            for l in 0..<n { x[l] = v }
            B[i] = B[i] & lead != 0 ? every : 0
            U[i] = U[i] & lead != 0 ? every : 0
        }
        for i in code.ranges[k] {
            guard alive != 0 else { return 0 }
            switch code.ops[i] {
            case .constant(let v, let kind):
                let x = row(top)
                for j in 0..<n { x[j] = v }
                B[top] = kind == .bool ? every : 0
                U[top] = every
                setSame(top, true)
                top += 1
            case .load(let r, let dp, let fixed, let m, let uniform):
                // A number or a boolean of the row's block, or the lane gives up (another kind,
                // or off the timeline).
                let mc = t.memberCounts[r], cells = t.cellCounts[r], kinds = t.kinds[r], kind0 = t.uniformKinds[r]
                let s = m < 0 ? member : m
                let x = row(top)
                if !fixed && kinds == nil && periods[0] &+ dp >= 0 && (periods[n &- 1] &+ dp &+ 1) &* mc <= cells {
                    // Every lane on the timeline (the lanes' periods rise), every cell a plain
                    // number, or every cell of a narrow block one kind: a straight loop.
                    var straight = true
                    if kind0 == .number, let src = t.numbers[r] {
                        for j in 0..<n { x[j] = src[(periods[j] &+ dp) &* mc &+ s] }
                        B[top] = 0
                    } else if let b = t.bytes[r] {
                        for j in 0..<n { x[j] = Double(b[(periods[j] &+ dp) &* mc &+ s]) }
                        B[top] = kind0 == .bool ? every : 0
                    } else {
                        straight = false   // truth values in doubles: lane by lane below
                    }
                    if straight {
                        U[top] = uniform ? every : 0
                        setSame(top, false)
                        top += 1
                        continue
                    }
                }
                var bools: UInt64 = 0
                let done = lanes(fixed)
                var todo = done
                while todo != 0 {
                    let j = todo.trailingZeroBitCount
                    todo &= todo &- 1
                    let q = fixed ? dp : periods[j] &+ dp
                    guard q >= 0, (q &+ 1) &* mc <= cells else { alive &= ~bit(j); continue }
                    let c = q &* mc &+ s
                    let kind = kinds?[c] ?? kind0
                    guard kind == .number || kind == .bool else { alive &= ~bit(j); continue }
                    x[j] = t.number(r, c)
                    if kind == .bool { bools |= bit(j) }
                }
                B[top] = bools
                U[top] = uniform ? every : 0
                if fixed { spread(top, done) }
                setSame(top, fixed)
                top += 1
            case .axis:
                let x = row(top)
                for j in 0..<n { x[j] = code.serials[periods[j]] }
                B[top] = 0
                U[top] = every
                setSame(top, false)
                top += 1
            case .prev(let r, let m, let uniform):
                // The initial value, already on the stack, stays in the first period.
                let mc = t.memberCounts[r], cells = t.cellCounts[r], kinds = t.kinds[r], kind0 = t.uniformKinds[r]
                let s = m < 0 ? member : m
                let x = row(top - 1)
                var todo = alive
                while todo != 0 {
                    let j = todo.trailingZeroBitCount
                    todo &= todo &- 1
                    guard periods[j] > 0 else { continue }
                    let q = periods[j] &- 1
                    guard (q &+ 1) &* mc <= cells else { alive &= ~bit(j); continue }
                    let c = q &* mc &+ s
                    let kind = kinds?[c] ?? kind0
                    guard kind == .number || kind == .bool else { alive &= ~bit(j); continue }
                    x[j] = t.number(r, c)
                    if kind == .bool { B[top - 1] |= bit(j) } else { B[top - 1] &= ~bit(j) }
                    if uniform { U[top - 1] |= bit(j) } else { U[top - 1] &= ~bit(j) }
                }
                setSame(top - 1, false)
            case .window(let r, let m, let starts):
                guard t.isAllNumbers(r) else { return 0 }
                let mc = t.memberCounts[r], s = m < 0 ? member : m
                let src = t.numbers[r]!
                let x = row(top)
                var todo = alive
                // The lanes' periods rise: a window starting where the one of the period before
                // started (a YTD within its year) is that window's sum plus one cell, the same
                // additions in the same order.
                var before = -2, beforeStart = -1, beforeSum = 0.0
                while todo != 0 {
                    let j = todo.trailingZeroBitCount
                    todo &= todo &- 1
                    let p = periods[j], start = code.periodStarts[starts &+ p]
                    guard start >= 0 else { alive &= ~bit(j); continue }   // a rolling window the timeline cannot fill: #N/A
                    var sum: Double
                    if before == p &- 1 && beforeStart == start {
                        sum = beforeSum + src[p &* mc &+ s]
                    } else {
                        sum = 0.0
                        for q in start...p { sum += src[q &* mc &+ s] }
                    }
                    (before, beforeStart, beforeSum) = (p, start, sum)
                    guard !Kernels.isUnusual(sum) else { alive &= ~bit(j); continue }
                    x[j] = sum
                }
                B[top] = 0
                U[top] = 0
                setSame(top, false)
                top += 1
            case .negate:
                // A truth value gives up; a number is negated (0 stays 0), the same in every
                // lane when it was.
                alive &= ~B[top - 1]
                let x = row(top - 1)
                for j in 0..<n { x[j] = x[j] == 0 ? 0 : -x[j] }
                U[top - 1] = 0
            case .binary(let op):
                let once = isSame(top - 2) && isSame(top - 1)
                alive &= ~(B[top - 2] | B[top - 1])   // truth values give up
                let done = lanes(once)
                let x = row(top - 2), y = row(top - 1)
                // Where both are uniform a run computes it once with `Operators`: as
                // `numericBinary` does, lane by lane.
                var general = done & U[top - 2] & U[top - 1]
                var plain = done & ~general
                var bools: UInt64 = 0, uniforms: UInt64 = 0
                if !once && general == 0 && (op == .add || op == .subtract || op == .multiply || op == .divide) {
                    // + - * / in every lane, none through `Operators`: a straight loop, each
                    // lane's result checked as `numericBinary` checks it, a given-up lane's
                    // cells computed too and never used.
                    var unusual: UInt64 = 0
                    switch op {
                    case .add: for j in 0..<n { let r = x[j] + y[j]; x[j] = r; if Kernels.isUnusual(r) { unusual |= bit(j) } }
                    case .subtract: for j in 0..<n { let r = x[j] - y[j]; x[j] = r; if Kernels.isUnusual(r) { unusual |= bit(j) } }
                    case .multiply: for j in 0..<n { let r = x[j] * y[j] + 0; x[j] = r; if Kernels.isUnusual(r) { unusual |= bit(j) } }
                    default: for j in 0..<n { let r = x[j] / y[j] + 0; x[j] = r; if Kernels.isUnusual(r) { unusual |= bit(j) } }
                    }
                    alive &= ~unusual
                    plain = 0
                }
                if plain != 0 {
                    switch op {
                    case .add, .subtract, .multiply, .divide:
                        while plain != 0 {
                            let j = plain.trailingZeroBitCount
                            plain &= plain &- 1
                            let a = x[j], b = y[j]
                            let r: Double
                            switch op {
                            case .add: r = a + b
                            case .subtract: r = a - b
                            case .multiply: r = a * b + 0
                            default: r = a / b + 0
                            }
                            guard !Kernels.isUnusual(r) else { alive &= ~bit(j); continue }
                            x[j] = r
                        }
                    default:
                        general |= plain
                    }
                }
                let arithmetic = op == .add || op == .subtract || op == .multiply || op == .divide
                while general != 0 {
                    let j = general.trailingZeroBitCount
                    general &= general &- 1
                    if arithmetic && U[top - 2] & U[top - 1] & bit(j) != 0 {
                        // Both uniform: as `Operators` computes it, without making values.
                        guard let r = LoneMemberPlan.uniformArithmetic(op, x[j], y[j]) else { alive &= ~bit(j); continue }
                        x[j] = r
                        uniforms |= bit(j)
                        continue
                    }
                    let a = Scalar(x: x[j], kind: .number, uniform: U[top - 2] & bit(j) != 0)
                    let b = Scalar(x: y[j], kind: .number, uniform: U[top - 1] & bit(j) != 0)
                    guard let r = Interpreter.numericBinary(op, a, b) else { alive &= ~bit(j); continue }
                    x[j] = r.x
                    if r.kind == .bool { bools |= bit(j) }
                    if r.uniform { uniforms |= bit(j) }
                }
                B[top - 2] = bools
                U[top - 2] = uniforms
                if once { spread(top - 2, done) }
                setSame(top - 2, once)
                top -= 1
            case .sumRow(let r, let first, let last, let fixed, let m, let uniform):
                guard t.isAllNumbers(r) else { return 0 }
                let mc = t.memberCounts[r], cells = t.cellCounts[r]
                let src = t.numbers[r]!, s = m < 0 ? member : m
                let x = row(top)
                let done = lanes(fixed)
                var todo = done
                while todo != 0 {
                    let j = todo.trailingZeroBitCount
                    todo &= todo &- 1
                    let p = periods[j]
                    let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                    guard f >= 0, l >= f, (l &+ 1) &* mc <= cells, l &- f < PairwiseSum.leaf else { alive &= ~bit(j); continue }
                    var sum = 0.0
                    for q in f...l { sum += src[q &* mc &+ s] }
                    guard !Kernels.isUnusual(sum) else { alive &= ~bit(j); continue }
                    x[j] = sum
                }
                B[top] = 0
                U[top] = uniform ? every : 0
                if fixed { spread(top, done) }
                setSame(top, fixed)
                top += 1
            case .sumAll(let r, let first, let last, let fixed, let op, let index):
                // Each period has its own tree, so this is done lane by lane.
                guard t.isAllNumbers(r) else { return 0 }
                let mc = t.memberCounts[r], cells = t.cellCounts[r]
                let src = t.numbers[r]!
                let x = row(top)
                var todo = alive
                if !fixed && first == last && mc > PairwiseSum.leaf && periods[0] &+ first >= 0 && (periods[n &- 1] &+ first &+ 1) &* mc <= cells {
                    // One period a lane, each through its tree, every lane on the timeline (the
                    // lanes' periods rise): what the loop below does, its checks made once.
                    let base = k &* stride &* code.treeSums &+ index
                    while todo != 0 {
                        let j = todo.trailingZeroBitCount
                        todo &= todo &- 1
                        let p = periods[j], at = base &+ p &* code.treeSums
                        let sum = code.isReady(at) ? code.treeTotals[at]
                            : treeSum(entry: k, row: r, src + (p &+ first) &* mc, count: mc, op: op, period: p, edited: edited, trees: trees)
                        guard !Kernels.isUnusual(sum) else { alive &= ~bit(j); continue }
                        x[j] = sum
                    }
                }
                while todo != 0 {
                    let j = todo.trailingZeroBitCount
                    todo &= todo &- 1
                    let p = periods[j]
                    let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                    guard f >= 0, l >= f, (l &+ 1) &* mc <= cells else { alive &= ~bit(j); continue }
                    var sum = 0.0
                    if (l &- f &+ 1) &* mc <= PairwiseSum.leaf {
                        for c in (f &* mc)..<((l &+ 1) &* mc) { sum += src[c] }
                    } else {
                        guard f == l else { alive &= ~bit(j); continue }
                        let at = (k &* stride &+ p) &* code.treeSums &+ index
                        sum = code.isReady(at) ? code.treeTotals[at]
                            : treeSum(entry: k, row: r, src + f &* mc, count: mc, op: op, period: p, edited: edited, trees: trees)
                    }
                    guard !Kernels.isUnusual(sum) else { alive &= ~bit(j); continue }
                    x[j] = sum
                }
                B[top] = 0
                U[top] = every
                setSame(top, false)
                top += 1
            case .logical(let f, let argc):
                var once = true
                for a in (top - argc)..<top where !isSame(a) { once = false }
                let first = top - argc
                let done = lanes(once)
                // Uniform where every argument is (`numericLogical`).
                var uniforms = done
                for a in first..<top { uniforms &= U[a] }
                let x = row(first)
                var bools: UInt64 = 0
                switch f {
                case .choose:
                    // Both choices must be numbers; the condition may be either.
                    alive &= ~(B[first + 1] | B[first + 2])
                    let yes = row(first + 1), no = row(first + 2)
                    var todo = done & alive
                    while todo != 0 {
                        let j = todo.trailingZeroBitCount
                        todo &= todo &- 1
                        x[j] = x[j] != 0 ? yes[j] : no[j]
                    }
                case .and, .or:
                    let all = f == .and
                    var todo = done & alive
                    while todo != 0 {
                        let j = todo.trailingZeroBitCount
                        todo &= todo &- 1
                        var truth = all
                        for a in first..<top where (row(a)[j] != 0) != all { truth = !all }
                        x[j] = truth ? 1 : 0
                    }
                    bools = done
                case .not:
                    var todo = done & alive
                    while todo != 0 {
                        let j = todo.trailingZeroBitCount
                        todo &= todo &- 1
                        x[j] = x[j] != 0 ? 0 : 1
                    }
                    bools = done
                }
                B[first] = bools
                U[first] = uniforms
                if once { spread(first, done) }
                setSame(first, once)
                top = first + 1
            }
        }
        return top == 1 ? alive : 0
    }

    /// A SUM over every member of one period of a row, through the tree entry `k` keeps for
    /// operation `op` in period `period`, as `Interpreter.treeSum` does during a planned edit:
    /// brought up to date when the row's cell in that period changed, built when there is none.
    func treeSum(entry k: Int, row r: Int, _ x: UnsafePointer<Double>, count: Int, op: Int, period: Int, edited: Int,
                 trees: SumTrees) -> Double {
        let slot = entries[k].slot
        if let tree = trees.tree(slot: slot, op: op, period: period) {
            return updateTree(tree, source: code.slots[r], member: edited, x, offset: x - UnsafePointer(code.blocks.numbers[r]!), count: count)
        }
        let tree = SumTree(x, count)
        trees.keep(tree, slot: slot, op: op, period: period)
        return tree.total
    }

    /// Before entry `k`'s dirty cells are computed: each SUM over every member that they read
    /// through a tree, brought up to date now, all trees whose row changed walked together
    /// (`SumTree.update(_:_:count:n:leaf:)`), their totals kept for `compute`. A tree is taken
    /// exactly where `compute` would take it (a row of plain numbers longer than a leaf, one
    /// period), and brought up to date exactly where `updateTree` would, so the totals are the
    /// same bits; a cell that then goes the general way updates its tree again, to the same.
    /// The trees found are kept (`code.treeCache`) while `trees` keeps the same ones.
    func prepareTrees(entry k: Int, edited: Int, trees: SumTrees) {
        guard code.readsTrees[k], entries[k].groupEnd == nil else { return }
        if treeSource !== trees || treeVersion != trees.version {
            code.treeCache.update(repeating: nil, count: code.treeSlots)
            treeSource = trees
            treeVersion = trees.version
        }
        let t = code.blocks
        let e = entries[k]
        var batched = 0
        var leaf = -1, n = 0
        func flush() {
            guard batched > 0 else { return }
            SumTree.update(code.batchTrees, code.batchCells, count: batched, n: n, leaf: leaf)
            for b in 0..<batched { code.treeTotals[code.batchTotals[b]] = code.batchTrees[b]._withUnsafeGuaranteedRef { $0.total } }
            batched = 0
        }
        for i in code.ranges[k] {
            guard case .sumAll(let r, let first, let last, let fixed, let op, let index) = code.ops[i], t.isAllNumbers(r) else { continue }
            let mc = t.memberCounts[r]
            guard mc > PairwiseSum.leaf else { continue }
            let source = code.entryOfRow[r]
            let l0 = source >= 0 ? (entries[source].row ? edited : 0) / PairwiseSum.leaf : 0   // the leaf the change is in
            if words == 1 && !fixed && first == last && source >= 0 {
                // Every period in one word, each reading its own period `first` away: the
                // bounds checked once for the first and last period due (they rise), whether
                // the source changed read from its word of bits. What the loop below does.
                var due = dirty[k] & LoneMemberPlan.bits(below: e.periodCount)
                guard due != 0 else { continue }
                let lo = due.trailingZeroBitCount, hi = 63 &- due.leadingZeroBitCount
                if lo &+ first >= 0 && (hi &+ first &+ 1) &* mc <= t.cellCounts[r] {
                    let sourceChanged = changed[source], x = t.numbers[r].unsafelyUnwrapped
                    let base = k &* stride &* code.treeSums &+ index
                    if batched > 0 && (l0 != leaf || mc != n) { flush() }
                    (leaf, n) = (l0, mc)
                    while due != 0 {
                        let p = due.trailingZeroBitCount
                        due &= due &- 1
                        let f = p &+ first, at = base &+ p &* code.treeSums
                        if code.treeCache[at] == nil, let tree = trees.tree(slot: e.slot, op: op, period: p) {
                            code.treeCache[at] = Unmanaged.passUnretained(tree)
                        }
                        guard let tree = code.treeCache[at] else { continue }
                        code.setReady(at)
                        guard sourceChanged & (1 &<< UInt64(f)) != 0 else {
                            code.treeTotals[at] = tree._withUnsafeGuaranteedRef { $0.total }
                            continue
                        }
                        code.batchTrees[batched] = tree
                        code.batchCells[batched] = UnsafePointer(x + f &* mc)
                        code.batchTotals[batched] = at
                        batched &+= 1
                    }
                    continue
                }
            }
            for w in 0..<words {
                var due = dirty[k &* words &+ w] & LoneMemberPlan.bits(below: e.periodCount &- w &* 64)
                while due != 0 {
                    let p = w &* 64 &+ due.trailingZeroBitCount
                    due &= due &- 1
                    let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                    guard f >= 0, f == l, (l &+ 1) &* mc <= t.cellCounts[r] else { continue }
                    let at = (k &* stride &+ p) &* code.treeSums &+ index
                    if code.treeCache[at] == nil, let tree = trees.tree(slot: e.slot, op: op, period: p) {
                        code.treeCache[at] = Unmanaged.passUnretained(tree)
                    }
                    guard let tree = code.treeCache[at] else { continue }
                    guard source >= 0, hasChanged(source, f) else {
                        code.treeTotals[at] = tree._withUnsafeGuaranteedRef { $0.total }
                        code.setReady(at)
                        continue
                    }
                    if batched > 0 && (l0 != leaf || mc != n) { flush() }
                    (leaf, n) = (l0, mc)
                    code.batchTrees[batched] = tree
                    code.batchCells[batched] = UnsafePointer(t.numbers[r].unsafelyUnwrapped + f &* mc)
                    code.batchTotals[batched] = at
                    code.setReady(at)
                    batched += 1
                }
            }
        }
        flush()
    }
}
