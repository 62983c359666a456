/// Running a plan entry's compiled operations (`LoneOp`) for one cell, and the SUMs over every
/// member an entry reads, brought up to date together before its cells.
extension LoneMemberPlan {
    typealias Scalar = Interpreter.Scalar

    /// Entry `k`'s cell in period `p` computed from its operations, for `member` (the cell's
    /// member: the edited one in a row, 0 in a total; `edited` is the edited one), or nil where
    /// `runNumericCell` would give up too: `computeLanes` with one lane.
    func compute(_ k: Int, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        code.lanePeriods[0] = p
        computeLanes(k, count: 1, member: member, edited: edited, trees: trees)
        return code.laneAlive[0] ? code.stacks[0] : nil
    }

    /// Entry `k`'s cells in the periods `code.lanePeriods[0 ..< n]`, one lane each, computed
    /// from its operations together: each operation is taken once and done for every lane,
    /// so an entry's dozen cells cost one pass over its operations, not a dozen. Afterwards
    /// `code.laneAlive[j]` says whether lane j gave a number, at `code.stacks[j * code.depth]`;
    /// where it did not, `runNumericCell` would give up too. Each lane goes through
    /// `runNumericCell`'s checks in its order, as the cell alone would. The lanes are the
    /// periods of one definition that is no recurrence (a recurrence is computed a cell at a
    /// time), so no lane reads a cell another lane computes.
    ///
    /// An operation whose operands are the same in every lane (`salary * (1 + payroll_overhead)`:
    /// the edited member's salary, a constant, a cell of a fixed period) gives the same in
    /// every lane, or gives up in every lane, so it is done once, in the first live lane, and
    /// its result copied to the others.
    func computeLanes(_ k: Int, count n: Int, member: Int, edited: Int, trees: SumTrees) {
        let t = code.blocks
        let depth = code.depth
        let stacks = code.stacks, periods = code.lanePeriods, alive = code.laneAlive
        for j in 0..<n { alive[j] = true }
        var live = n, lead = 0    // the lanes still giving a number, and the first of them
        var top = 0               // the same in every lane: every operation pops and pushes the same in each
        var same: UInt64 = 0      // bit i: stack entry i is the same in every live lane (i < 64)
        @inline(__always) func isSame(_ i: Int) -> Bool { i < 64 && same & (1 &<< UInt64(i)) != 0 }
        @inline(__always) func setSame(_ i: Int, _ v: Bool) {
            guard i < 64 else { return }
            if v { same |= 1 &<< UInt64(i) } else { same &= ~(1 &<< UInt64(i)) }
        }
        @inline(__always) func fail(_ j: Int) { alive[j] = false; live -= 1 }
        @inline(__always) func failAll() { for j in 0..<n { alive[j] = false }; live = 0 }
        /// Lane j's stack entry `i`.
        @inline(__always) func at(_ j: Int, _ i: Int) -> UnsafeMutablePointer<Scalar> { stacks + (j &* depth &+ i) }
        /// The lanes an operation is done in: the first live one when `once`, else all.
        @inline(__always) func lanes(_ once: Bool) -> Range<Int> { once ? lead..<(lead + 1) : 0..<n }
        /// After an operation done once: its result, stack entry `i`, copied to every lane.
        @inline(__always) func spread(_ i: Int) {
            guard alive[lead] else { failAll(); return }
            let v = at(lead, i).pointee
            for j in 0..<n { at(j, i).pointee = v }
        }
        for i in code.ranges[k] {
            guard live > 0 else { return }
            while !alive[lead] { lead += 1 }
            switch code.ops[i] {
            case .constant(let x, let kind):
                let s = Scalar(x: x, kind: kind, uniform: true)
                for j in 0..<n { at(j, top).pointee = s }
                setSame(top, true)
                top += 1
            case .load(let r, let dp, let fixed, let m, let uniform):
                // A number or a boolean of the row's block, or the lane gives up (another kind,
                // or off the timeline).
                let mc = t.memberCounts[r], cells = t.cellCounts[r], kinds = t.kinds[r], kind0 = t.uniformKinds[r]
                let x = t.numbers[r], s = m < 0 ? member : m
                for j in lanes(fixed) where alive[j] {
                    let q = fixed ? dp : periods[j] &+ dp
                    guard q >= 0, (q &+ 1) &* mc <= cells else { fail(j); continue }
                    let c = q &* mc &+ s
                    let kind = kinds?[c] ?? kind0
                    guard kind == .number || kind == .bool else { fail(j); continue }
                    at(j, top).pointee = Scalar(x: x![c], kind: kind, uniform: uniform)
                }
                if fixed { spread(top) }
                setSame(top, fixed)
                top += 1
            case .axis:
                for j in 0..<n { at(j, top).pointee = Scalar(x: code.serials[periods[j]], kind: .number, uniform: true) }
                setSame(top, false)
                top += 1
            case .prev(let r, let m, let uniform):
                // The initial value, already on the stack, stays in the first period.
                let mc = t.memberCounts[r], cells = t.cellCounts[r], kinds = t.kinds[r], kind0 = t.uniformKinds[r]
                let x = t.numbers[r], s = m < 0 ? member : m
                for j in 0..<n where alive[j] && periods[j] > 0 {
                    let q = periods[j] &- 1
                    guard (q &+ 1) &* mc <= cells else { fail(j); continue }
                    let c = q &* mc &+ s
                    let kind = kinds?[c] ?? kind0
                    guard kind == .number || kind == .bool else { fail(j); continue }
                    at(j, top - 1).pointee = Scalar(x: x![c], kind: kind, uniform: uniform)
                }
                setSame(top - 1, false)
            case .window(let r, let m, let starts):
                guard t.isAllNumbers(r) else { failAll(); return }
                let mc = t.memberCounts[r], s = m < 0 ? member : m
                let x = t.numbers[r]!
                for j in 0..<n where alive[j] {
                    let p = periods[j]
                    var sum = 0.0
                    for q in code.periodStarts[starts &+ p]...p { sum += x[q &* mc &+ s] }
                    guard !Kernels.isUnusual(sum) else { fail(j); continue }
                    at(j, top).pointee = Scalar(x: sum, kind: .number, uniform: false)
                }
                setSame(top, false)
                top += 1
            case .negate:
                let once = isSame(top - 1)
                for j in lanes(once) where alive[j] {
                    let a = at(j, top - 1)
                    guard a.pointee.kind == .number else { fail(j); continue }
                    a.pointee = Scalar(x: a.pointee.x == 0 ? 0 : -a.pointee.x, kind: .number, uniform: false)
                }
                if once { spread(top - 1) }
            case .binary(let op):
                let once = isSame(top - 2) && isSame(top - 1)
                for j in lanes(once) where alive[j] {
                    let result = at(j, top - 2), a = result.pointee, b = at(j, top - 1).pointee
                    guard a.kind == .number, b.kind == .number, let r = Interpreter.numericBinary(op, a, b) else { fail(j); continue }
                    result.pointee = r
                }
                if once { spread(top - 2) }
                setSame(top - 2, once)
                top -= 1
            case .sumRow(let r, let first, let last, let fixed, let m, let uniform):
                guard t.isAllNumbers(r) else { failAll(); return }
                let mc = t.memberCounts[r], cells = t.cellCounts[r]
                let x = t.numbers[r]!, s = m < 0 ? member : m
                for j in lanes(fixed) where alive[j] {
                    let p = periods[j]
                    let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                    guard f >= 0, l >= f, (l &+ 1) &* mc <= cells, l &- f < PairwiseSum.leaf else { fail(j); continue }
                    var sum = 0.0
                    for q in f...l { sum += x[q &* mc &+ s] }
                    guard !Kernels.isUnusual(sum) else { fail(j); continue }
                    at(j, top).pointee = Scalar(x: sum, kind: .number, uniform: uniform)
                }
                if fixed { spread(top) }
                setSame(top, fixed)
                top += 1
            case .sumAll(let r, let first, let last, let fixed, let op, let index):
                // Each period has its own tree, so this is done lane by lane.
                guard t.isAllNumbers(r) else { failAll(); return }
                let mc = t.memberCounts[r], cells = t.cellCounts[r]
                let x = t.numbers[r]!
                for j in 0..<n where alive[j] {
                    let p = periods[j]
                    let f = fixed ? first : p &+ first, l = fixed ? last : p &+ last
                    guard f >= 0, l >= f, (l &+ 1) &* mc <= cells else { fail(j); continue }
                    var sum = 0.0
                    if (l &- f &+ 1) &* mc <= PairwiseSum.leaf {
                        for i in (f &* mc)..<((l &+ 1) &* mc) { sum += x[i] }
                    } else {
                        guard f == l else { fail(j); continue }
                        let at = (k &* stride &+ p) &* code.treeSums &+ index
                        sum = code.treeReady[at] ? code.treeTotals[at]
                            : treeSum(entry: k, row: r, x + f &* mc, count: mc, op: op, period: p, edited: edited, trees: trees)
                    }
                    guard !Kernels.isUnusual(sum) else { fail(j); continue }
                    at(j, top).pointee = Scalar(x: sum, kind: .number, uniform: true)
                }
                setSame(top, false)
                top += 1
            case .logical(let f, let argc):
                var once = true
                for a in (top - argc)..<top where !isSame(a) { once = false }
                for j in lanes(once) where alive[j] {
                    let stack = UnsafeMutableBufferPointer(start: at(j, 0), count: depth)
                    guard let r = Interpreter.numericLogical(f, stack, top - argc, argc) else { fail(j); continue }
                    stack[top - argc] = r
                }
                if once { spread(top - argc) }
                setSame(top - argc, once)
                top -= argc - 1
            }
        }
        if top != 1 { failAll() }
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
            for p in 0..<e.periodCount where isDirty(k, p) {
                let f = fixed ? first : p + first, l = fixed ? last : p + last
                guard f >= 0, f == l, (l + 1) * mc <= t.cellCounts[r] else { continue }
                let at = (k * stride + p) * code.treeSums + index
                if code.treeCache[at] == nil, let tree = trees.tree(slot: e.slot, op: op, period: p) {
                    code.treeCache[at] = Unmanaged.passUnretained(tree)
                }
                guard let tree = code.treeCache[at] else { continue }
                guard source >= 0, hasChanged(source, f) else {
                    code.treeTotals[at] = tree._withUnsafeGuaranteedRef { $0.total }
                    code.treeReady[at] = true
                    continue
                }
                let m = entries[source].row ? edited : 0
                let l0 = m / PairwiseSum.leaf
                if batched > 0 && (l0 != leaf || mc != n) { flush() }
                (leaf, n) = (l0, mc)
                code.batchTrees[batched] = tree
                code.batchCells[batched] = UnsafePointer(t.numbers[r]! + f * mc)
                code.batchTotals[batched] = at
                code.treeReady[at] = true
                batched += 1
            }
        }
        flush()
    }
}
