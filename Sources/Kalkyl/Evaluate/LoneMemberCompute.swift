/// Running a plan entry's compiled operations (`LoneOp`) for one cell, and the SUMs over every
/// member an entry reads, brought up to date together before its cells.
extension LoneMemberPlan {
    typealias Scalar = Interpreter.Scalar

    /// Entry `k`'s cell in period `p` computed from its operations, for `member` (the cell's
    /// member: the edited one in a row, 0 in a total; `edited` is the edited one), or nil where
    /// `runNumericCell` would give up too. Every check is `runNumericCell`'s, in its order.
    func compute(_ k: Int, period p: Int, member: Int, edited: Int, trees: SumTrees) -> Scalar? {
        let t = code.blocks
        let stack = code.stack
        var top = 0
        @inline(__always) func push(_ s: Scalar) { stack[top] = s; top += 1 }
        /// A number or a boolean of the row's block, or nil (another kind, or off the timeline).
        @inline(__always) func cell(_ r: Int, period q: Int, member m: Int, uniform: Bool) -> Scalar? {
            let mc = t.memberCounts[r]
            guard q >= 0, (q + 1) * mc <= t.cellCounts[r] else { return nil }
            let i = q * mc + (m < 0 ? member : m)
            let kind = t.kind(r, i)
            guard kind == .number || kind == .bool else { return nil }
            return Scalar(x: t.numbers[r]![i], kind: kind, uniform: uniform)
        }
        for i in code.ranges[k] {
            switch code.ops[i] {
            case .constant(let x, let kind):
                push(Scalar(x: x, kind: kind, uniform: true))
            case .load(let r, let dp, let fixed, let m, let uniform):
                guard let s = cell(r, period: fixed ? dp : p + dp, member: m, uniform: uniform) else { return nil }
                push(s)
            case .axis:
                push(Scalar(x: code.serials[p], kind: .number, uniform: true))
            case .prev(let r, let m, let uniform):
                if p > 0 {
                    top -= 1
                    guard let s = cell(r, period: p - 1, member: m, uniform: uniform) else { return nil }
                    push(s)
                }
            case .window(let r, let m, let starts):
                guard t.isAllNumbers(r) else { return nil }
                let mc = t.memberCounts[r], s = m < 0 ? member : m
                let x = t.numbers[r]!
                var sum = 0.0
                for q in code.periodStarts[starts + p]...p { sum += x[q * mc + s] }
                guard !Kernels.isUnusual(sum) else { return nil }
                push(Scalar(x: sum, kind: .number, uniform: false))
            case .negate:
                top -= 1
                let a = stack[top]
                guard a.kind == .number else { return nil }
                push(Scalar(x: a.x == 0 ? 0 : -a.x, kind: .number, uniform: false))
            case .binary(let op):
                let b = stack[top - 1], a = stack[top - 2]
                top -= 2
                guard a.kind == .number, b.kind == .number, let r = Interpreter.numericBinary(op, a, b) else { return nil }
                push(r)
            case .sumRow(let r, let first, let last, let fixed, let m, let uniform):
                guard t.isAllNumbers(r) else { return nil }
                let f = fixed ? first : p + first, l = fixed ? last : p + last
                let mc = t.memberCounts[r]
                guard f >= 0, l >= f, (l + 1) * mc <= t.cellCounts[r], l - f < PairwiseSum.leaf else { return nil }
                let x = t.numbers[r]!, s = m < 0 ? member : m
                var sum = 0.0
                for q in f...l { sum += x[q * mc + s] }
                guard !Kernels.isUnusual(sum) else { return nil }
                push(Scalar(x: sum, kind: .number, uniform: uniform))
            case .sumAll(let r, let first, let last, let fixed, let op, let index):
                guard t.isAllNumbers(r) else { return nil }
                let f = fixed ? first : p + first, l = fixed ? last : p + last
                let mc = t.memberCounts[r]
                guard f >= 0, l >= f, (l + 1) * mc <= t.cellCounts[r] else { return nil }
                let x = t.numbers[r]!
                var sum = 0.0
                if (l - f + 1) * mc <= PairwiseSum.leaf {
                    for i in (f * mc)..<((l + 1) * mc) { sum += x[i] }
                } else {
                    guard f == l else { return nil }
                    let at = (k * stride + p) * code.treeSums + index
                    sum = code.treeReady[at] ? code.treeTotals[at]
                        : treeSum(entry: k, row: r, x + f * mc, count: mc, op: op, period: p, edited: edited, trees: trees)
                }
                guard !Kernels.isUnusual(sum) else { return nil }
                push(Scalar(x: sum, kind: .number, uniform: true))
            case .logical(let f, let argc):
                guard let r = Interpreter.numericLogical(f, code.stack, top - argc, argc) else { return nil }
                top -= argc
                push(r)
            }
        }
        return top == 1 ? stack[0] : nil
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
    func prepareTrees(entry k: Int, edited: Int, trees: SumTrees) {
        guard code.compiled[k], code.treeSums > 0, entries[k].groupEnd == nil else { return }
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
            for p in 0..<e.periodCount where dirty[k * stride + p] {
                let f = fixed ? first : p + first, l = fixed ? last : p + last
                guard f >= 0, f == l, (l + 1) * mc <= t.cellCounts[r], let tree = trees.tree(slot: e.slot, op: op, period: p) else { continue }
                let at = (k * stride + p) * code.treeSums + index
                guard source >= 0, hasChanged(source, f) else {
                    code.treeTotals[at] = tree.total
                    code.treeReady[at] = true
                    continue
                }
                let m = entries[source].row ? edited : 0
                let l0 = m / PairwiseSum.leaf
                if batched > 0 && (l0 != leaf || mc != n) { flush() }
                (leaf, n) = (l0, mc)
                code.batchTrees[batched] = Unmanaged.passUnretained(tree)
                code.batchCells[batched] = UnsafePointer(t.numbers[r]! + f * mc)
                code.batchTotals[batched] = at
                code.treeReady[at] = true
                batched += 1
            }
        }
        flush()
    }
}
