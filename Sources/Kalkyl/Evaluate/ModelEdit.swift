/// What an edit of the model file changed, for `kalkyl watch`.
public struct EditReport: Sendable {
    /// Cells computed again, including edited inputs' own.
    public var recomputedCells: Int
    /// Every cell whose value changed, largest change first.
    public var changes: [CellChange]
    /// Whether the whole model had to be computed again (a new timeline, new dimensions or a
    /// new last closed month).
    public var recomputedEverything: Bool
}

/// One cell's old and new value.
public struct CellChange: Sendable {
    public var name: String
    public var label: String?
    /// `employees[2021-05]`, `cost[Datacenter, 2021-05]`, or the name alone.
    public var cell: String
    /// nil for a definition that is new.
    public var old: Value?
    public var new: Value
    /// The cell in the evaluation after the edit.
    public var reference: CellReference?
    /// For an input, where its value now comes from (a data file's cell, the rows summed
    /// into it, the statement that sets it): filled in by `EditReport.withOrigins(from:limit:)`
    /// for the cells watch lists.
    public var origin: InputSource?

    /// How large the change is, for ordering: the absolute difference of two numbers.
    var size: Double {
        if case .number(let a)? = old, case .number(let b) = new { return abs(b - a) }
        return .infinity
    }
}

extension Evaluation {
    /// The evaluation of an edited version of this model, computing again only what the edit
    /// reached: an edited formula's own cells and the cells that read them, an edited
    /// input's changed cells and the cells that read those. Cells of definitions the edit
    /// did not touch are carried over.
    ///
    /// With `listingChanges` false the report's `changes` stay empty: an editor that redraws
    /// values needs no list of them, and naming every changed cell of a 100,000-employee
    /// model costs far more than computing them.
    ///
    /// With `consuming` true (and no listing) this evaluation hands its blocks over instead of
    /// copying them, and must not be used again: a caller that keeps only the new evaluation,
    /// as a session does, saves copying every cell of the model on every keystroke.
    public func reconciled(with newModel: CheckedModel, order newOrder: EvaluationOrder, listingChanges: Bool = true,
                           consuming: Bool = false) -> (Evaluation, EditReport) {
        let moving = consuming && !listingChanges
        let scenario = self.scenario.flatMap { newModel.scenario(named: $0.name) }
        let next = Evaluation(model: newModel, order: newOrder, scenario: scenario)
        next.threads = threads
        next.runLength = runLength
        next.workLog = workLog
        guard newModel.timeline == model.timeline, newModel.actualsThrough == model.actualsThrough, sameDimensions(newModel) else {
            next.evaluateAll()
            let changes = listingChanges ? newModel.definitions.indices.flatMap { next.cellChanges(slot: $0, cells: nil, old: nil) } : []
            return (next, EditReport(recomputedCells: next.cellCount, changes: changes.sorted { $0.size > $1.size }, recomputedEverything: true))
        }
        let compiled = CompiledForm(old: model, new: newModel)
        var dirty: [Int: CellSet?] = [:]
        var previous: [Int: CellStorage] = [:]
        for (slot, d) in newModel.definitions.enumerated() {
            guard let oldSlot = model.slot(named: d.name), model.cellCount(of: oldSlot) == newModel.cellCount(of: slot) else {
                dirty[slot] = .some(nil)   // new, or of another shape: computed afresh
                continue
            }
            if moving {
                next.blocks[slot] = blocks[oldSlot]
            } else {
                previous[slot] = blocks[oldSlot]
                let copy = CellStorage(count: blocks[oldSlot].count, zeroed: false)   // the old evaluation stays as it was
                copy.copy(copy.count, from: blocks[oldSlot], at: 0, to: 0)
                next.blocks[slot] = copy
            }
            let unchanged = d.isInput ? compiled.sameInput(slot, as: oldSlot, scenario: scenario, oldScenario: self.scenario)
                                      : compiled.sameFormula(slot, as: oldSlot)
            if !unchanged { dirty[slot] = .some(nil) }
        }
        var update = UpdateReport()
        next.propagate(changed: [:], dirty: dirty, report: &update)
        var changes: [CellChange] = []
        guard listingChanges else {
            return (next, EditReport(recomputedCells: update.recomputedCells, changes: [], recomputedEverything: false))
        }
        // Blocks recomputed whole were replaced; compare them with what they were.
        for (slot, cells) in update.changedCells {
            changes += next.cellChanges(slot: slot, cells: cells, old: previous[slot])
        }
        for (slot, entry) in dirty where entry == nil && update.changedCells[slot] == nil && previous[slot] == nil {
            changes += next.cellChanges(slot: slot, cells: nil, old: nil)   // a new definition
        }
        return (next, EditReport(recomputedCells: update.recomputedCells, changes: changes.sorted { $0.size > $1.size }, recomputedEverything: false))
    }

    func sameDimensions(_ other: CheckedModel) -> Bool {
        other.dimensions.count == model.dimensions.count
            && zip(other.dimensions, model.dimensions).allSatisfy { $0.name == $1.name && $0.members == $1.members && $0.parentOf == $1.parentOf }
    }

    /// The changes in some cells of a block (all when nil), against its old storage.
    func cellChanges(slot: Int, cells: CellSet?, old: CellStorage?) -> [CellChange] {
        let d = model.definitions[slot]
        let block = blocks[slot]
        let indices = cells.map { Array($0) } ?? Array(0..<block.count)
        var out: [CellChange] = []
        for i in indices {
            let before = old.map { $0[i] }
            if let before, before.isIdentical(to: block[i]) { continue }
            let m = model.memberCount(of: slot)
            let reference = CellReference(slot: slot, period: d.isSeries ? i / m : nil, member: i % m)
            out.append(CellChange(name: d.name, label: d.label, cell: cellName(slot: slot, index: i), old: before, new: block[i],
                                  reference: reference))
        }
        return out
    }

    /// `name[member, period]` for a cell of a block.
    public func cellName(slot: Int, index: Int) -> String {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        var parts = model.memberNames(of: slot, member: index % m)
        if d.isSeries { parts.append(model.timeline.label(index / m)) }
        return parts.isEmpty ? d.name : d.name + "[" + parts.joined(separator: ", ") + "]"
    }
}
