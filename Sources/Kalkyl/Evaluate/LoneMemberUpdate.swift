/// An edit of one member of an input (`salary[e7919]=41000`) through the input's
/// `LoneMemberPlan`: the plan's definitions in order, each computing the edited member's
/// cells (or a total's) in the periods a changed cell reaches, with the same early cut-off
/// and the same cells as the general path (`propagate`, `recomputeStepwise`), so the same bits.
extension Evaluation {
    /// The update, or nil when `assignments` is not one assignment of one member of an input
    /// with a plan. The assignment is read where it is, not copied (a copy retains its arrays
    /// and strings); `overrides` keeps a plain number's as plain values.
    func setLoneMember(_ assignments: [InputAssignment], record: Bool) -> UpdateReport? {
        guard assignments.count == 1 else { return nil }
        return assignments.withUnsafeBufferPointer { setLoneMember($0.baseAddress!, record: record) }
    }

    private func setLoneMember(_ a: UnsafePointer<InputAssignment>, record: Bool) -> UpdateReport? {
        guard case .none = a.pointee.data, let plan = lonePlans[a.pointee.slot],
              let member = plan.member(of: a.pointee.members) else { return nil }
        // A what-if's plain number, as `constant` gives it, without going through it.
        var number: Double? = nil
        a.pointee.formula.withUnsafeBufferPointer { f in   // matched where it is, not copied out
            if f.count == 1, case .constant(.number(let x)) = f[0] { number = x }
        }
        if record { overrideLog.append(a, number: number) }
        let value = number.map(Value.number) ?? constant(a.pointee.formula)
        plan.clear()
        var report = UpdateReport()
        // The blocks are read from the evaluation once, not per cell.
        let blocks = self.blocks
        // The input's own cells.
        let input = plan.entries[0]
        let block = blocks[a.pointee.slot]
        var first = 0, last = 0
        if input.periodCount > 1 {
            (first, last) = a.pointee.periods.map { ($0.lowerBound, $0.upperBound) } ?? (0, input.periodCount - 1)
        }
        var any = false
        if case .number(let x) = value, block.kinds == nil, block.uniformKind == .number, !block.isNarrow {
            // A number into a block of plain numbers: what the subscript does, on its doubles.
            let cells = block.numbers
            var p = first
            while p <= last {
                let cell = p &* input.memberCount &+ member
                report.recomputedCells += 1
                if cells[cell].bitPattern != x.bitPattern {
                    cells[cell] = x
                    plan.noteChanged(0, period: p)
                    any = true
                }
                p &+= 1
            }
        } else {
            var p = first
            while p <= last {
                let cell = p * input.memberCount + member
                report.recomputedCells += 1
                if !block[cell].isIdentical(to: value) {
                    block[cell] = value
                    plan.noteChanged(0, period: p)
                    any = true
                }
                p += 1
            }
        }
        guard any else { return report }
        // Then each definition it reaches, in order; a recurrence period by period.
        plan.code.fill(from: blocks)
        let trees = sumTrees
        var runner = false   // whether `loneRunner` was made for this edit (for the first cell that goes the general way)
        defer { if runner { loneRunner = nil } }
        var k = 1
        while k < plan.entries.count {
            guard let end = plan.entries[k].groupEnd else {
                if plan.code.readsTrees[k] { plan.prepareTrees(entry: k, edited: member, trees: trees) }
                if plan.entries[k].periodCount == 1 {
                    // One cell (a row's total, a grand total): no pass over words of periods or lanes.
                    if plan.isDirty(k, 0) {
                        recomputeLoneCell(entry: k, period: 0, plan: plan, member: member, blocks: blocks, trees: trees, runner: &runner, report: &report)
                    }
                } else if plan.words == 1 && plan.code.compiled[k] && plan.code.shapes[k] != .none {
                    // Periods in one word, an entry of a shape: its loop, and the periods it leaves
                    // the general course.
                    let e = plan.entries[k]
                    let due = plan.dirty[k] & LoneMemberPlan.bits(below: e.periodCount)
                    let left = plan.writeShaped(k, word: 0, due: due, member: e.row ? member : 0, edited: member, trees: trees,
                                                recomputed: &report.recomputedCells)
                    if left != 0 {
                        recomputeLoneCells(entry: k, word: 0, due: left, plan: plan, member: member, blocks: blocks, trees: trees,
                                           runner: &runner, report: &report)
                    }
                } else {
                    recomputeLoneCells(entry: k, plan: plan, member: member, blocks: blocks, trees: trees, runner: &runner, report: &report)
                }
                k += 1
                continue
            }
            // A recurrence of one entry `PREV(x, v) op cell` in one loop (`writeRecurrence`) up to
            // its first cell that gives up; from there, and any other group, period by period.
            var from = 0
            if end == k &+ 1 && plan.words == 1 && plan.code.compiled[k] && plan.code.depth < 64 && plan.code.cellShapes[k] == .prevPair {
                from = plan.writeRecurrence(k, member: plan.entries[k].row ? member : 0, recomputed: &report.recomputedCells)
            }
            for p in from..<plan.stride {
                for j in k..<end where p < plan.entries[j].periodCount && plan.isDirty(j, p) {
                    recomputeLoneCell(entry: j, period: p, plan: plan, member: member, blocks: blocks, trees: trees, runner: &runner, report: &report)
                }
            }
            k = end
        }
        report.changedSlots = plan.changedSlots()
        return report
    }

    /// Computes the edited member's cells of entry `k` (no recurrence) again in every period
    /// still to be computed: up to 64 at once through the entry's compiled operations
    /// (`computeLanes`), then period by period each written where its bits changed, and each
    /// the compiled operations gave up on computed the general way; the cells reading the
    /// changed ones are marked together afterwards. No cell of the entry reads another of its
    /// cells, so computing them together before writing any gives each the bits it gets alone.
    private func recomputeLoneCells(entry k: Int, plan: LoneMemberPlan, member: Int, blocks: [CellStorage],
                                    trees: SumTrees, runner: inout Bool, report: inout UpdateReport) {
        let e = plan.entries[k]
        let cellMember = e.row ? member : 0
        let words = plan.words
        let shaped = plan.code.compiled[k] && plan.code.shapes[k] != .none
        for w in 0..<words {
            var due = plan.dirty[k &* words &+ w] & LoneMemberPlan.bits(below: e.periodCount &- w &* 64)
            if shaped {
                // Computed and written in one loop where the entry's shape allows, the rest below.
                due = plan.writeShaped(k, word: w, due: due, member: cellMember, edited: member, trees: trees,
                                       recomputed: &report.recomputedCells)
            }
            guard due != 0 else { continue }
            recomputeLoneCells(entry: k, word: w, due: due, plan: plan, member: member, blocks: blocks, trees: trees,
                               runner: &runner, report: &report)
        }
    }

    /// `recomputeLoneCells`' work for the periods `due` of word `w` of entry `k`: the cells
    /// computed together through the entry's lanes (or one alone), each written where its bits
    /// changed, each the lanes gave up on computed the general way.
    private func recomputeLoneCells(entry k: Int, word w: Int, due: UInt64, plan: LoneMemberPlan, member: Int, blocks: [CellStorage],
                                    trees: SumTrees, runner: inout Bool, report: inout UpdateReport) {
        let e = plan.entries[k]
        let periods = plan.code.lanePeriods
        let cellMember = e.row ? member : 0
        let compiled = plan.code.compiled[k]
        // `store`'s work, with the row's pointers read once and again only after a write that
        // may give the block kinds.
        let t = plan.code.blocks, r = plan.code.rows[k], mc = e.memberCount
        var due = due
        var n = 0
        while due != 0 {
            periods[n] = w &* 64 &+ due.trailingZeroBitCount
            due &= due &- 1
            n &+= 1
        }
        if n == 1 {
            // One cell (a total, or one period reached): no pass over lanes.
            recomputeLoneCell(entry: k, period: periods[0], plan: plan, member: member, blocks: blocks, trees: trees,
                              runner: &runner, report: &report)
            return
        }
        report.recomputedCells += n
        let alive = compiled ? plan.computeLanes(k, count: n, member: cellMember, edited: member, trees: trees) : 0
        let lanes = plan.code.laneX, bools = plan.code.laneBool[0]
        var x = t.numbers[r]!, kinds = t.kinds[r], kind0 = t.uniformKinds[r]
        var changed: UInt64 = 0
        if alive == LoneMemberPlan.bits(below: n) && bools == 0 && kinds == nil && kind0 == .number {
            // Every lane a number into a block of plain numbers: written where its bits changed.
            for j in 0..<n {
                let p = periods[j], v = lanes[j]
                let cell = p &* mc &+ cellMember
                guard x[cell].bitPattern != v.bitPattern else { continue }
                x[cell] = v
                changed |= 1 &<< UInt64(p & 63)
            }
            plan.noteChanged(k, word: w, periods: changed)
            return
        }
        for j in 0..<n {
            let p = periods[j]
            guard alive & (1 &<< UInt64(j)) != 0 else {
                recomputeGenerally(entry: k, period: p, plan: plan, member: member, blocks: blocks, trees: trees, runner: &runner)
                (x, kinds, kind0) = (t.numbers[r]!, t.kinds[r], t.uniformKinds[r])
                continue
            }
            let isBool = bools & (1 &<< UInt64(j)) != 0
            let kind: Kind = isBool ? .bool : .number
            let v = lanes[j]
            let cell = p &* mc &+ cellMember
            guard (kinds?[cell] ?? kind0) != kind || x[cell].bitPattern != v.bitPattern else { continue }
            if kinds == nil && kind0 == kind {
                x[cell] = isBool ? (v != 0 ? 1 : 0) : v
            } else {
                blocks[e.slot][cell] = isBool ? .bool(v != 0) : .number(v)
                t.refresh(r, from: blocks[e.slot])
                (x, kinds, kind0) = (t.numbers[r]!, t.kinds[r], t.uniformKinds[r])
            }
            changed |= 1 &<< UInt64(p & 63)
        }
        plan.noteChanged(k, word: w, periods: changed)
    }

    /// Computes the edited member's cell of entry `k` in period `p` again (through the entry's
    /// compiled operations where they give a number, else the general way); when it changed,
    /// marks the cells reading it.
    private func recomputeLoneCell(entry k: Int, period p: Int, plan: LoneMemberPlan, member: Int, blocks: [CellStorage],
                                   trees: SumTrees, runner: inout Bool, report: inout UpdateReport) {
        report.recomputedCells += 1
        let cellMember = plan.entries[k].row ? member : 0
        if plan.code.compiled[k], let s = plan.compute(k, period: p, member: cellMember, edited: member, trees: trees) {
            store(s, entry: k, period: p, plan: plan, member: cellMember, blocks: blocks)
        } else {
            recomputeGenerally(entry: k, period: p, plan: plan, member: member, blocks: blocks, trees: trees, runner: &runner)
        }
    }

    /// Writes a compiled cell's result where its bits changed, and marks the cells reading it.
    @inline(__always)
    private func store(_ s: Interpreter.Scalar, entry k: Int, period p: Int, plan: LoneMemberPlan, member cellMember: Int, blocks: [CellStorage]) {
        let t = plan.code.blocks, r = plan.code.rows[k]
        let cell = p * plan.entries[k].memberCount + cellMember
        guard t.kind(r, cell) != s.kind || t.numbers[r]![cell].bitPattern != s.x.bitPattern else { return }
        if t.kinds[r] == nil && t.uniformKinds[r] == s.kind {
            t.numbers[r]![cell] = s.kind == .bool ? (s.x != 0 ? 1 : 0) : s.x
        } else {
            let slot = plan.entries[k].slot
            blocks[slot][cell] = s.kind == .bool ? .bool(s.x != 0) : .number(s.x)
            t.refresh(r, from: blocks[slot])
        }
        plan.noteChanged(k, period: p)
    }

    /// The cell the compiled operations gave up on (or an entry without them), computed the
    /// general way; when it changed, marks the cells reading it.
    private func recomputeGenerally(entry k: Int, period p: Int, plan: LoneMemberPlan, member: Int, blocks: [CellStorage],
                                    trees: SumTrees, runner: inout Bool) {
        let e = plan.entries[k]
        if !runner {
            loneRunner = interpreter
            loneRunner!.sums = Interpreter.SumContext(trees: trees, changed: nil, lone: plan, loneMember: member)
            runner = true
        }
        loneRunner!.sumSlot = e.slot
        let changed = recomputeLoneCell(e.slot, period: p, member: e.row ? member : 0, in: blocks[e.slot], blocks: blocks, runner: loneRunner!)
        plan.code.blocks.refresh(plan.code.rows[k], from: blocks[e.slot])   // the write may have given the block kinds
        guard changed else { return }
        plan.noteChanged(k, period: p)
    }

    /// Computes one cell of a formula again (on plain doubles where it can, else with the
    /// general rules) and writes it when its bits changed; whether they did.
    func recomputeLoneCell(_ slot: Int, period: Int, member: Int, in block: CellStorage, blocks: [CellStorage], runner: Interpreter) -> Bool {
        let cell = period * memberCounts[slot] + member
        if let program = numericPrograms[slot], let s = runner.runNumericCell(program, period: period, member: member, blocks: blocks) {
            let kind = block.kinds?[cell] ?? block.uniformKind
            guard kind != s.kind || block.numbers[cell].bitPattern != s.x.bitPattern else { return false }
            block[cell] = s.kind == .bool ? .bool(s.x != 0) : .number(s.x)
            return true
        }
        let new = runner.runCell(formulas[slot], period: period, member: member, blocks: blocks)
        guard !new.isIdentical(to: block[cell]) else { return false }
        block[cell] = new
        return true
    }
}
