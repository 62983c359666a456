/// A model's values under one scenario, kept up to date as inputs change.
///
/// `evaluateAll()` computes every definition in graph order. `set(_:)` changes an input and
/// recomputes only the definitions it reaches, stopping where a recomputed block comes out
/// bit-for-bit the same as before (the early cut-off).
public final class Evaluation: @unchecked Sendable {
    public let model: CheckedModel
    public let order: EvaluationOrder
    public let scenario: Scenario?
    /// Each definition's cells, by slot.
    public private(set) var blocks: [Column]
    let interpreter: Interpreter

    public init(model: CheckedModel, order: EvaluationOrder, scenario: Scenario? = nil) {
        self.model = model
        self.order = order
        self.scenario = scenario
        self.interpreter = Interpreter(timeline: model.timeline)
        self.blocks = model.definitions.indices.map { Column.repeating(.blank, count: model.cellCount(of: $0)) }
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

    public func values(of slot: Int) -> Column { blocks[slot] }

    public func value(_ name: String, period: Int? = nil) -> Value? {
        guard let slot = model.slot(named: name) else { return nil }
        let block = blocks[slot]
        guard let period else { return block.count == 1 ? block[0] : nil }
        return period < block.count ? block[period] : nil
    }

    func compute(_ step: EvaluationOrder.Step) {
        switch step {
        case .block(let slot):
            blocks[slot] = computeBlock(slot)
        case .stepwise(let slots):
            for p in 0..<model.timeline.count {
                for slot in slots {
                    let cell = interpreter.run(model.definitions[slot].formula, start: p, count: 1, blocks: blocks)
                    blocks[slot].write(cell, at: p)
                }
            }
        }
    }

    func computeBlock(_ slot: Int) -> Column {
        let d = model.definitions[slot]
        let count = model.cellCount(of: slot)
        guard d.isInput else {
            return interpreter.run(d.formula, start: 0, count: count, blocks: blocks)
        }
        var block = constant(d.formula).broadcast(to: count)
        var assignments = model.baseAssignments.filter { $0.slot == slot }
        assignments += scenario?.assignments.filter { $0.slot == slot } ?? []
        assignments += overrides.filter { $0.slot == slot }
        for a in assignments { apply(a, to: &block) }
        return block
    }

    func constant(_ formula: [Op]) -> Column {
        interpreter.run(formula, start: 0, count: 1, blocks: blocks)
    }

    func apply(_ a: InputAssignment, to block: inout Column) {
        let value = constant(a.formula)
        guard let periods = a.periods else {
            block = value.broadcast(to: block.count)
            return
        }
        block.write(value.broadcast(to: periods.count), at: periods.lowerBound)
    }

    /// `--set` assignments applied so far, kept so a recompute of an input includes them.
    var overrides: [InputAssignment] = []

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
            report.recomputedCells += assignments.filter { $0.slot == slot }.reduce(0) { $0 + ($1.periods?.count ?? new.count) }
            if !new.isIdentical(to: old) {
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
                if !blocks[s].isIdentical(to: old[k]) { changed.insert(s) }
            }
        }
        report.changedSlots = changed.sorted()
        return report
    }
}
