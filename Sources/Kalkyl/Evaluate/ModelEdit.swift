/// What an edit of the model file changed, for `kalkyl watch`.
public struct EditReport: Sendable {
    /// Cells computed again, including edited inputs' own.
    public var recomputedCells: Int
    /// The cells whose value changed, largest change first: all of them, or the largest
    /// `limit` when the edit was reconciled keeping only those.
    public var changes: [CellChange]
    /// How many cells changed, also those not kept in `changes`.
    public var changedCells: Int
    /// Whether the whole model had to be computed again (a new timeline, new dimensions or a
    /// new last closed month).
    public var recomputedEverything: Bool
    /// The definitions the edit removed, in the order the model had them.
    public var removed: [RemovedDefinition] = []
}

/// A definition an edit removed: its name and how many cells it had.
public struct RemovedDefinition: Sendable, Equatable {
    public var name: String
    public var cells: Int
}

/// One cell's old and new value.
public struct CellChange: Sendable {
    public var name: String
    public var label: String?
    /// `employees[2021-05]`, `cost[Datacenter, 2021-05]`, or the name alone.
    public var cell: String
    /// nil for a cell that is new.
    public var old: Value?
    /// nil for a cell the edit removed (its member or period gone, or its definition saved
    /// over other dimensions).
    public var new: Value?
    /// The cell in the evaluation after the edit; nil for a removed cell.
    public var reference: CellReference?
    /// For an input, where its value now comes from (a data file's cell, the rows summed
    /// into it, the statement that sets it): filled in by `EditReport.withOrigins(from:limit:)`
    /// for the cells watch lists.
    public var origin: InputSource?

    /// How large a change is, for ordering: the absolute difference of two numbers, a new
    /// cell's number as a change from 0 and a removed cell's as a change to 0, so that a longer
    /// timeline's new months (or a removed member's cells) rank among the other changes by
    /// their size instead of all before them (hiding, past `--limit`, the figures that moved).
    /// A change to or from anything but a number ranks first.
    static func size(old: Value?, new: Value?) -> Double {
        switch (old, new) {
        case (.number(let a)?, .number(let b)?): abs(b - a)
        case (nil, .number(let b)?): abs(b)
        case (.number(let a)?, nil): abs(a)
        default: .infinity
        }
    }
}

/// The largest changes of an edit, at most `limit`, and how many there were: a save that
/// changes every cell of a 100,000-employee model names only the ones watch prints, instead
/// of naming and sorting 1.3 million. Equal sizes are in the model's order (definition, then
/// member, then period), not in the order they were offered, which follows dictionaries and
/// so varied from run to run.
struct ChangeSelection {
    struct Candidate {
        var size: Double
        var slot: Int
        /// For a cell the edit removed, its definition's slot in the evaluation before the
        /// edit, where `member`, `period` and `index` are (`slot` is in the new model, for the order).
        var removedFrom: Int? = nil
        var member: Int
        var period: Int
        var index: Int
        var old: Value?

        /// Larger first; equal sizes in the model's order, a definition's removed cells after
        /// its others (in the order the model before the edit had them).
        func precedes(_ other: Candidate) -> Bool {
            if size != other.size { return size > other.size }
            if slot != other.slot { return slot < other.slot }
            if (removedFrom == nil) != (other.removedFrom == nil) { return removedFrom == nil }
            return (member, period) < (other.member, other.period)
        }
    }

    let limit: Int
    private(set) var count = 0
    private var kept: [Candidate] = []
    /// The last of the `limit` kept at the last cut: a change that does not precede it can
    /// never be among the first `limit`, so it is only counted (most of a save that changes
    /// every cell, which otherwise spent half its time sorting).
    private var last: Candidate?

    init(limit: Int) { self.limit = max(0, limit) }

    /// A changed cell: `index` in its block, which holds `members` cells a period.
    mutating func offer(slot: Int, index: Int, members: Int, old: Value?, new: Value) {
        consider(Candidate(size: CellChange.size(old: old, new: new), slot: slot, member: index % members, period: index / members,
                           index: index, old: old))
    }

    /// A cell the edit removed, of the definition now at `slot` and before at `oldSlot`:
    /// `index` in its block before the edit, which held `members` cells a period.
    mutating func offerRemoved(slot: Int, oldSlot: Int, index: Int, members: Int, old: Value) {
        consider(Candidate(size: CellChange.size(old: old, new: nil), slot: slot, removedFrom: oldSlot, member: index % members,
                           period: index / members, index: index, old: old))
    }

    private mutating func consider(_ candidate: Candidate) {
        defer { count += 1 }
        guard limit > 0 else { return }
        if let last, !candidate.precedes(last) { return }
        kept.append(candidate)
        // Cut back to the largest `limit` now and then: n log(limit) in all, memory 2 × limit.
        if limit < Int.max / 2 - 64, kept.count >= 2 * limit + 64 { trim() }
    }

    private mutating func trim() {
        kept.sort { $0.precedes($1) }
        if kept.count > limit { kept.removeLast(kept.count - limit) }
        if kept.count == limit { last = kept.last }
    }

    /// The kept changes, largest first, named in the evaluation after the edit (a removed
    /// cell in the one before it).
    mutating func changes(in evaluation: Evaluation, before earlier: Evaluation) -> [CellChange] {
        trim()
        return kept.map { candidate in
            guard let oldSlot = candidate.removedFrom else {
                return evaluation.cellChange(slot: candidate.slot, index: candidate.index, old: candidate.old)
            }
            return earlier.removedCell(slot: oldSlot, index: candidate.index, old: candidate.old)
        }
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
    /// model costs far more than computing them. For the same reason only the largest
    /// `keeping` changes are named (watch prints those), the others only counted.
    ///
    /// With `consuming` true (and no listing) this evaluation hands its blocks over instead of
    /// copying them, and must not be used again: a caller that keeps only the new evaluation,
    /// as a session does, saves copying every cell of the model on every keystroke.
    public func reconciled(with newModel: CheckedModel, order newOrder: EvaluationOrder, listingChanges: Bool = true,
                           keeping limit: Int = .max, consuming: Bool = false) -> (Evaluation, EditReport) {
        let moving = consuming && !listingChanges
        let scenario = self.scenario.flatMap { newModel.scenario(named: $0.name) }
        let next = Evaluation(model: newModel, order: newOrder, scenario: scenario)
        next.threads = threads
        next.runLength = runLength
        next.workLog = workLog
        guard newModel.timeline == model.timeline, newModel.actualsThrough == model.actualsThrough, sameDimensions(newModel) else {
            next.evaluateAll()
            var selection = ChangeSelection(limit: limit)
            // Each cell against the same cell before (same members and period by name): a
            // value that did not change is not a change because the blocks were made afresh.
            if listingChanges {
                for slot in newModel.definitions.indices {
                    let earlier = EarlierCells(slot: slot, of: newModel, in: self)
                    next.offerChanges(slot: slot, earlier: earlier, to: &selection)
                    offerRemovedCells(slot: slot, of: newModel, earlier: earlier, to: &selection)
                }
            }
            return (next, EditReport(recomputedCells: next.cellCount, changes: selection.changes(in: next, before: self), changedCells: selection.count,
                                     recomputedEverything: true, removed: listingChanges ? removedDefinitions(in: newModel) : []))
        }
        let compiled = CompiledForm(old: model, new: newModel)
        var dirty: [Int: CellSet?] = [:]
        var previous: [Int: CellStorage] = [:]
        for (slot, d) in newModel.definitions.enumerated() {
            guard let oldSlot = model.slot(named: d.name), sameShape(oldSlot, as: d) else {
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
        guard listingChanges else {
            return (next, EditReport(recomputedCells: update.recomputedCells, changes: [], changedCells: 0, recomputedEverything: false))
        }
        var selection = ChangeSelection(limit: limit)
        // Blocks recomputed whole were replaced; compare them with what they were.
        for (slot, cells) in update.changes {
            guard let old = previous[slot] else { continue }
            next.offerChanges(slot: slot, cells: cells, old: old, to: &selection)
        }
        // A new definition (or one re-added, or of another shape): every cell, whatever its
        // value. The update names only those that differ from a zeroed block.
        for slot in newModel.definitions.indices where previous[slot] == nil {
            let earlier = EarlierCells(slot: slot, of: newModel, in: self)
            next.offerChanges(slot: slot, earlier: earlier, to: &selection)
            offerRemovedCells(slot: slot, of: newModel, earlier: earlier, to: &selection)
        }
        return (next, EditReport(recomputedCells: update.recomputedCells, changes: selection.changes(in: next, before: self), changedCells: selection.count,
                                 recomputedEverything: false, removed: removedDefinitions(in: newModel)))
    }

    /// Whether a definition of the old model has the cells of `definition` in the same places:
    /// the same dimensions (the models' are the same here) and both a series or neither. The
    /// same cell count is not enough: `x[dept]` saved as `x[region]`, each of three members,
    /// has three new cells, not the old three changed.
    func sameShape(_ oldSlot: Int, as definition: CheckedDefinition) -> Bool {
        let old = model.definitions[oldSlot]
        return old.dimensions == definition.dimensions && old.isSeries == definition.isSeries
    }

    func sameDimensions(_ other: CheckedModel) -> Bool {
        other.dimensions.count == model.dimensions.count
            && zip(other.dimensions, model.dimensions).allSatisfy { $0.name == $1.name && $0.members == $1.members && $0.parentOf == $1.parentOf }
    }

    /// The definitions of this evaluation's model that `newModel` has no more.
    func removedDefinitions(in newModel: CheckedModel) -> [RemovedDefinition] {
        model.definitions.indices.filter { newModel.slot(named: model.definitions[$0].name) == nil }
            .map { RemovedDefinition(name: model.definitions[$0].name, cells: model.cellCount(of: $0)) }
    }

    /// Offers the changes in some cells of a block (all when nil), against its old storage
    /// (of the same shape).
    func offerChanges(slot: Int, cells: CellSet?, old: CellStorage, to selection: inout ChangeSelection) {
        let block = blocks[slot]
        let members = model.memberCount(of: slot)
        for i in cells.map({ Array($0) }) ?? Array(0..<block.count) {
            let before = old[i], after = block[i]
            if before.isIdentical(to: after) { continue }
            selection.offer(slot: slot, index: i, members: members, old: before, new: after)
        }
    }

    /// Offers every cell of a block made afresh, against the same cell before the edit: as
    /// new when there was none.
    func offerChanges(slot: Int, earlier: EarlierCells?, to selection: inout ChangeSelection) {
        let block = blocks[slot]
        let members = model.memberCount(of: slot)
        for i in 0..<block.count {
            let before = earlier?[i], after = block[i]
            if let before, before.isIdentical(to: after) { continue }
            selection.offer(slot: slot, index: i, members: members, old: before, new: after)
        }
    }

    /// Offers the cells this (earlier) evaluation had of the definition now at `slot` in
    /// `newModel` that the new block has no more: a removed member's or period's (`earlier`
    /// maps them, by name), or every cell when the definition was saved over another number of
    /// dimensions or with periods added or taken away (`earlier` is nil then). A definition
    /// removed whole is reported as one, not here.
    func offerRemovedCells(slot: Int, of newModel: CheckedModel, earlier: EarlierCells?, to selection: inout ChangeSelection) {
        guard let oldSlot = model.slot(named: newModel.definitions[slot].name), oldSlot < blocks.count else { return }
        let block = blocks[oldSlot]
        let members = model.memberCount(of: oldSlot)
        for i in earlier.map({ $0.removedIndices() }) ?? Array(0..<block.count) {
            selection.offerRemoved(slot: slot, oldSlot: oldSlot, index: i, members: members, old: block[i])
        }
    }

    /// A removed cell kept by a selection: named as watch prints it, in this (earlier)
    /// evaluation, where it still is.
    func removedCell(slot: Int, index: Int, old: Value?) -> CellChange {
        let d = model.definitions[slot]
        return CellChange(name: d.name, label: d.label, cell: cellName(slot: slot, index: index), old: old, new: nil, reference: nil)
    }

    /// A change kept by a selection, named as watch prints it.
    func cellChange(slot: Int, index i: Int, old: Value?) -> CellChange {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        let reference = CellReference(slot: slot, period: d.isSeries ? i / m : nil, member: i % m)
        return CellChange(name: d.name, label: d.label, cell: cellName(slot: slot, index: i), old: old, new: blocks[slot][i],
                          reference: reference)
    }

    /// `name[member, period]` for a cell of a block, each member on one line (escaped as a
    /// table escapes a text: a SIE code can hold a carriage return).
    public func cellName(slot: Int, index: Int) -> String {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        var parts = model.memberNames(of: slot, member: index % m).map { JSONNode.escaped($0, quotes: false) }
        if d.isSeries { parts.append(model.timeline.label(index / m)) }
        return parts.isEmpty ? d.name : d.name + "[" + parts.joined(separator: ", ") + "]"
    }
}
