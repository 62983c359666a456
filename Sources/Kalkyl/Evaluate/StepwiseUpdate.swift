/// Updating a recurrence (a stepwise group: definitions that read their own earlier periods)
/// from the edit onward.
///
/// Inside a group a cell reads the group only in its own period (an earlier member of the
/// group's order) or in earlier periods (`PREV`, `x[month-1]`); the order refuses anything
/// else. So the group can be brought up to date period by period, from the first period an
/// edit reached: in each period, each definition in the group's order recomputes the cells
/// marked dirty so far, and a cell that changed marks the cells reading it, which are never
/// in an earlier period. A salary edit then recomputes that employee's later months of a
/// per-employee recurrence, not the other employees' or the months before.
extension Evaluation {
    /// Recomputes the dirty cells of the group `slots`, period by period, following each
    /// change to the cells that read it (inside the group and after it).
    func recomputeStepwise(_ slots: [Int], dirty: inout [PendingCells], report: inout UpdateReport) {
        let periods = model.timeline.count
        var first = periods
        for slot in slots {
            switch dirty[slot] {
            case .none: break
            case .all: first = 0
            case .some(let cells): if let cell = cells.cells.first { first = min(first, cell / memberCounts[slot]) }
            }
        }
        guard first < periods else { return }
        for p in first..<periods {
            for slot in slots {
                let m = memberCounts[slot]
                var inPeriod: [Int] = []
                switch dirty[slot] {
                case .none:
                    continue
                case .all:
                    break
                case .some(let cells):
                    let span = (p * m)..<((p + 1) * m)
                    let count = cells.firstIndex(notBelow: span.upperBound) - cells.firstIndex(notBelow: span.lowerBound)
                    guard count > 0 else { continue }
                    // Past a 64th of the period, one pass over all of it at full speed is cheaper
                    // than the cells one by one (a lone cell costs about what 200 cells of a pass do).
                    if count <= max(4, m / 64) { cells.forEach(in: span) { inPeriod.append($0) } }
                }
                let result: (computed: Int, changed: CellSet)
                if inPeriod.isEmpty {
                    result = recomputePeriod(slot, period: p)
                } else {
                    let r = recompute(slot, cells: CellSet(sorted: inPeriod))
                    result = (r.computed, r.changed ?? CellSet())
                }
                report.recomputedCells += result.computed
                noteChanged(slot, result.changed, dirty: &dirty)
            }
        }
    }

    /// One period of a formula computed afresh, run by run as a full evaluation computes it,
    /// and written where it differs: what a group member with every cell dirty needs.
    func recomputePeriod(_ slot: Int, period p: Int) -> (computed: Int, changed: CellSet) {
        let m = memberCounts[slot]
        let scratch = CellStorage(count: m, zeroed: false)
        let formula = formulas[slot]
        let runner = interpreter(for: slot)
        var start = 0
        while start < m {
            let end = min(m, start + runLength)
            runner.run(formula, period: p, members: start..<end, blocks: blocks,
                       into: Destination(storage: scratch, offset: start), constants: constants[slot], fused: fused(slot))
            start = end
        }
        let block = blocks[slot]
        var changed: [Int] = []
        let plain = scratch.kinds == nil && block.kinds == nil && scratch.uniformKind == block.uniformKind
        for k in 0..<m {
            let cell = p * m + k
            if plain {
                guard scratch.numbers[k].bitPattern != block.numbers[cell].bitPattern else { continue }
                block.numbers[cell] = scratch.numbers[k]
            } else {
                guard !scratch[k].isIdentical(to: block[cell]) else { continue }
                block[cell] = scratch[k]
            }
            changed.append(cell)
        }
        changed += applyForecast(slot, to: block, periods: p...p)
        return (m, CellSet(changed))
    }

    /// Records cells of `slot` that changed in this update and marks the cells reading them.
    /// Past a sixteenth of the block the slot counts as changed all over, as `differences`
    /// says of a block computed whole, and everything reading it is recomputed.
    func noteChanged(_ slot: Int, _ cells: CellSet, dirty: inout [PendingCells]) {
        guard !cells.isEmpty else { return }
        var all = cells
        if let entry = changes[slot] {
            guard let earlier = entry else { return }   // already changed all over: its readers are all dirty
            all.formUnion(earlier)
        }
        if all.count > max(64, cellCounts[slot] / 16) {
            changes[slot] = .some(nil)
            for reader in readers.readers[slot] { dirty[reader.slot] = .all }
        } else {
            changes[slot] = all
            readers.addDependents(of: slot, cells: cells, to: &dirty, scratch: &dependentsScratch)
        }
    }
}
