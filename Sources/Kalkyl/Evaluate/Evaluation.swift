/// A model's values under one scenario, kept up to date as inputs change.
///
/// `evaluateAll()` computes every definition in graph order. `set(_:)` changes an input and
/// recomputes only the definitions it reaches, stopping where a recomputed block comes out
/// bit-for-bit the same as before (the early cut-off).
public final class Evaluation: @unchecked Sendable {
    public let model: CheckedModel
    public let order: EvaluationOrder
    public let scenario: Scenario?
    /// Each definition's cells, by slot. A block is replaced, never changed, once handed out.
    var blocks: [CellStorage]
    /// Members computed per run: enough to amortise dispatch, few enough to stay in cache.
    static let runLength = 4096
    let interpreter: Interpreter

    public init(model: CheckedModel, order: EvaluationOrder, scenario: Scenario? = nil) {
        self.model = model
        self.order = order
        self.scenario = scenario
        self.interpreter = Interpreter(timeline: model.timeline, memberCounts: model.definitions.indices.map { model.memberCount(of: $0) })
        self.blocks = model.definitions.indices.map { CellStorage(count: model.cellCount(of: $0)) }
    }

    public var scenarioName: String { scenario?.name ?? "base" }

    /// Cells in all definitions, and in formula (non-input) definitions.
    public var cellCount: Int { model.definitions.indices.reduce(0) { $0 + model.cellCount(of: $1) } }
    public var formulaCellCount: Int {
        model.definitions.indices.filter { !model.definitions[$0].isInput }.reduce(0) { $0 + model.cellCount(of: $1) }
    }

    /// Computes everything from the inputs (base values, then the scenario's overrides).
    public func evaluateAll() {
        for step in order.steps { compute(step) }
    }

    public func values(of slot: Int) -> Column { Column(storage: blocks[slot]) }

    /// The value of a cell by name: `period` for a series, `member` (the index within a
    /// period) for a definition with dimensions.
    public func value(_ name: String, period: Int? = nil, member: Int = 0) -> Value? {
        guard let slot = model.slot(named: name) else { return nil }
        let block = blocks[slot]
        let m = model.memberCount(of: slot)
        guard member < m else { return nil }
        guard let period else { return model.definitions[slot].isSeries ? nil : block[member] }
        let index = period * m + member
        return index < block.count ? block[index] : nil
    }

    func compute(_ step: EvaluationOrder.Step) {
        switch step {
        case .block(let slot):
            blocks[slot] = computeBlock(slot)
        case .stepwise(let slots):
            let fresh = slots.map { CellStorage(count: model.cellCount(of: $0), zeroed: false) }
            for (k, slot) in slots.enumerated() { blocks[slot] = fresh[k] }
            for p in 0..<model.timeline.count {
                for (k, slot) in slots.enumerated() { computePeriod(slot, period: p, into: fresh[k]) }
            }
        }
    }

    /// One period of a formula's block, a run of members at a time.
    func computePeriod(_ slot: Int, period: Int, into storage: CellStorage) {
        let members = model.memberCount(of: slot)
        let formula = model.definitions[slot].formula
        var start = 0
        while start < members {
            let end = min(members, start + Evaluation.runLength)
            interpreter.run(formula, period: period, members: start..<end, blocks: blocks,
                            into: Destination(storage: storage, offset: period * members + start))
            start = end
        }
    }

    /// A definition's whole block: an input from its value and assignments; a formula
    /// period by period, each period in runs of members computed at once.
    func computeBlock(_ slot: Int) -> CellStorage {
        let d = model.definitions[slot]
        // A formula writes every cell; an input starts from 0.
        let storage = CellStorage(count: model.cellCount(of: slot), zeroed: d.isInput)
        guard d.isInput else {
            for p in 0..<(d.isSeries ? model.timeline.count : 1) { computePeriod(slot, period: p, into: storage) }
            storage.compact()
            return storage
        }
        let value = constant(d.formula)
        if value != .number(0) { for i in 0..<storage.count { storage[i] = value } }
        var assignments = model.baseAssignments.filter { $0.slot == slot }
        assignments += scenario?.assignments.filter { $0.slot == slot } ?? []
        assignments += overrides.filter { $0.slot == slot }
        for a in assignments { apply(a, to: storage) }
        storage.compact()
        return storage
    }

    func constant(_ formula: [Op]) -> Value {
        let s = CellStorage(count: 1)
        interpreter.run(formula, period: 0, members: 0..<1, blocks: blocks, into: Destination(storage: s, offset: 0))
        return s[0]
    }

    /// Sets the cells an assignment selects: its periods (all when nil) × its members
    /// (each dimension one member, or all).
    func apply(_ a: InputAssignment, to block: CellStorage) {
        let value = constant(a.formula)
        let d = model.definitions[a.slot]
        let periods = d.isSeries ? Array(a.periods ?? 0...(model.timeline.count - 1)) : [0]
        let sizes = d.dimensions.map { model.dimensions[$0].members.count }
        let m = sizes.reduce(1, *)
        var selected: [Int] = [0]
        for (k, size) in sizes.enumerated() {
            let choice = k < a.members.count ? a.members[k] : nil
            selected = selected.flatMap { i in choice.map { [i * size + $0] } ?? (0..<size).map { i * size + $0 } }
        }
        for p in periods { for s in selected { block[p * m + s] = value } }
    }

    /// `--set` assignments applied so far, kept so a recompute of an input includes them.
    var overrides: [InputAssignment] = []

    /// How many cells an assignment sets.
    func cellsSet(by a: InputAssignment) -> Int {
        let d = model.definitions[a.slot]
        let periods = d.isSeries ? (a.periods?.count ?? model.timeline.count) : 1
        var members = 1
        for (k, dim) in d.dimensions.enumerated() where k >= a.members.count || a.members[k] == nil {
            members *= model.dimensions[dim].members.count
        }
        return periods * members
    }

    /// What an update recomputed.
    public struct UpdateReport: Sendable {
        /// Cells computed again, including the changed input's own.
        public init() {}
        public var recomputedCells = 0
        /// Definitions whose values changed.
        public var changedSlots: [Int] = []
    }

    /// Applies input assignments and recomputes what they reach.
    @discardableResult
    public func set(_ assignments: [InputAssignment]) -> UpdateReport {
        overrides += assignments
        var changed = Set<Int>()
        var report = UpdateReport()
        for slot in Set(assignments.map(\.slot)) {
            let old = blocks[slot]
            let new = computeBlock(slot)
            report.recomputedCells += assignments.filter { $0.slot == slot }.reduce(0) { $0 + cellsSet(by: $1) }
            if !Column(storage: new).isIdentical(to: Column(storage: old)) {
                blocks[slot] = new
                changed.insert(slot)
            }
        }
        for step in order.steps {
            let slots: [Int]
            switch step {
            case .block(let s): slots = [s]
            case .stepwise(let ss): slots = ss
            }
            if slots.allSatisfy({ model.definitions[$0].isInput }) { continue }
            let reached = slots.contains { s in model.definitions[s].dependencies.contains { changed.contains($0.slot) } }
            guard reached else { continue }
            let old = slots.map { blocks[$0] }
            compute(step)
            for (k, s) in slots.enumerated() {
                report.recomputedCells += blocks[s].count
                if !Column(storage: blocks[s]).isIdentical(to: Column(storage: old[k])) { changed.insert(s) }
            }
        }
        report.changedSlots = changed.sorted()
        return report
    }
}
