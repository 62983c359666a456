/// A model's values under one scenario, kept up to date as inputs change.
///
/// `evaluateAll()` computes every definition in graph order. `set(_:)` changes an input and
/// recomputes only the definitions it reaches, stopping where a recomputed block comes out
/// bit-for-bit the same as before (the early cut-off).
///
/// Not `Sendable`: it changes its cells in place, unsynchronised, for speed. Hold it in one
/// task, or inside `ModelSession` (an actor), and hand out its `Sendable` copies (`Column`)
/// and reports.
public final class Evaluation {
    public let model: CheckedModel
    public let order: EvaluationOrder
    public let scenario: Scenario?
    /// Each definition's cells, by slot. A block is replaced, never changed, once handed out.
    @exclusivity(unchecked) var blocks: [CellStorage]
    /// Members computed per run: enough to amortise dispatch, few enough to stay in cache
    /// (tests make it short, so that small models have many runs).
    var runLength = 4096
    /// Threads a full computation of a block may use: its runs of members, and the leaves of
    /// its long SUMs, are shared out over them (`Parallel`), with the same bits on any number.
    /// `KALKYL_THREADS`, or the processors the process may run on, unless set.
    public var threads = Parallel.defaultThreads
    /// When set, what the parallel parts cost, thread by thread (for the benchmark).
    public var workLog: WorkLog?
    /// By slot, whether some formula sums the block whole, period by period (`FusedLeaves`).
    let summedWhole: [Bool]
    /// During `evaluateAll`, the SUM leaves of blocks added as they were computed.
    var fusedLeaves: FusedLeaves?
    let interpreter: Interpreter
    /// Which cells read which: how an update finds what it reaches.
    let readers: CellReaders
    /// The trees of long SUMs, for updates that give the same bits as a full recompute.
    @exclusivity(unchecked) private(set) var sumTrees: SumTrees
    /// Each formula's constants as cells, made once.
    let constants: [[Vec?]]
    /// Each formula compiled for single cells on plain doubles, where it can be (see `NumericProgram`).
    let numericPrograms: [NumericProgram?]
    /// Each formula's period-independent parts.
    let invariants: [InvariantPlan]
    /// Each formula compiled to be computed in one pass per run of members, where it can be
    /// (`FusedProgram`); used while `fusion` is on (tests turn it off to compare).
    let fusedPrograms: [FusedProgram?]
    var fusion = true
    /// Whether a formula's block computed whole is stored one byte a cell when every cell is
    /// 0 or 1 (`CellStorage.narrow()`); tests turn it off to compare.
    var narrowing = true
    /// By slot, whether computing the block narrow from the start gave a cell other than 0 or 1.
    var narrowFailed: [Bool]
    /// For each definition over versions, its (forecast, actual) member pairs.
    let forecastPairs: [[(forecast: Int, actual: Int)]]
    /// The cells an update in progress has changed so far, by slot; nil outside an update
    /// (and while a block is computed whole within one). Points at `changes`.
    var changedInUpdate: UpdateChanges?
    /// The change log updates write into, kept from one update to the next.
    let changes: UpdateChanges
    /// Members per period, cells and compiled formula of each definition, by slot: what the
    /// update path reads for every cell, without copying a definition.
    let memberCounts: [Int]
    let cellCounts: [Int]
    let formulas: [[Op]]
    /// Scratch space for `CellReaders.addDependents`, kept from one update to the next.
    var dependentsScratch: [Int] = []
    /// For each input over members, what a change of one member reaches, when that is only
    /// the member's own rows and totals (`LoneMemberPlan`); by slot.
    @exclusivity(unchecked) var lonePlans: [LoneMemberPlan?]

    /// The interpreter for computing `slot`, with its SUM trees, building a tree's leaves on
    /// `threads` threads (the evaluation's unless told).
    func interpreter(for slot: Int, threads: Int? = nil) -> Interpreter {
        var i = interpreter
        i.sums = Interpreter.SumContext(trees: sumTrees, changed: changedInUpdate, fused: fusedLeaves)
        i.sumSlot = slot
        i.threads = threads ?? self.threads
        i.workLog = workLog
        return i
    }

    public init(model: CheckedModel, order: EvaluationOrder, scenario: Scenario? = nil) {
        self.model = model
        self.order = order
        self.scenario = scenario
        let memberCounts = model.definitions.indices.map { model.memberCount(of: $0) }
        self.memberCounts = memberCounts
        self.cellCounts = model.definitions.indices.map { model.cellCount(of: $0) }
        self.formulas = model.definitions.map(\.formula)
        self.changes = UpdateChanges(slots: model.definitions.count)
        self.interpreter = Interpreter(timeline: model.timeline, memberCounts: memberCounts)
        self.sumTrees = SumTrees(periods: model.timeline.count)
        self.blocks = model.definitions.indices.map { CellStorage(count: model.cellCount(of: $0)) }
        self.readers = CellReaders(model: model)
        self.constants = model.definitions.map { Interpreter.constantCells($0.formula) }
        self.numericPrograms = model.definitions.map { $0.isInput ? nil : NumericProgram($0.formula, memberCounts: memberCounts) }
        self.invariants = model.definitions.map { $0.isSeries ? InvariantPlan($0.formula) : InvariantPlan([]) }
        self.fusedPrograms = model.definitions.map { $0.isInput ? nil : FusedProgram($0.formula) }
        self.forecastPairs = model.definitions.indices.map { model.forecastPairs(of: $0) }
        self.summedWhole = FusedLeaves.summedWhole(model, memberCounts: memberCounts)
        self.narrowFailed = Array(repeating: false, count: memberCounts.count)
        self.lonePlans = LoneMemberPlan.plans(model: model, order: order, readers: readers, forecastPairs: forecastPairs,
                                              programs: numericPrograms)
    }

    public var scenarioName: String { scenario?.name ?? "base" }

    /// Cells in all definitions, and in formula (non-input) definitions.
    public var cellCount: Int { model.definitions.indices.reduce(0) { $0 + model.cellCount(of: $1) } }
    public var formulaCellCount: Int {
        model.definitions.indices.filter { !model.definitions[$0].isInput }.reduce(0) { $0 + model.cellCount(of: $1) }
    }

    /// Computes everything from the inputs (base values, then the scenario's overrides).
    public func evaluateAll() {
        fusedLeaves = FusedLeaves(summedWhole: summedWhole)
        defer { fusedLeaves = nil }
        for step in order.steps { compute(step) }
    }

    /// A copy of a definition's cells: later updates do not change it.
    public func values(of slot: Int) -> Column {
        Column(copying: blocks[slot])
    }

    /// A block's total, counts and ends, read in place (``BlockSummary``).
    public func summary(of slot: Int) -> BlockSummary {
        BlockSummary(of: blocks[slot])
    }

    /// A definition's year totals as eval's table shows them, read from its block in place: a
    /// block of numbers only as doubles, its members added per period in order.
    public func yearTotals(of slot: Int) -> YearTotals {
        let block = blocks[slot]
        guard block.isAllNumbers, block.count > 0 else { return model.yearTotals(of: slot) { block[$0] } }
        let members = model.memberCount(of: slot)
        return model.yearTotals(of: slot, cells: EmptyCollection<Value>()) { p in
            block.withNumbers(p * members, members) { x in
                var total = 0.0
                for i in 0..<members { total += x[i] }
                return .number(total)
            }
        }
    }

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
            sumTrees.generation += 1
            let fresh = slots.map { CellStorage(count: model.cellCount(of: $0), zeroed: false) }
            for (k, slot) in slots.enumerated() { blocks[slot] = fresh[k] }
            for p in 0..<model.timeline.count {
                for (k, slot) in slots.enumerated() {
                    computePeriod(slot, period: p, into: fresh[k])
                    applyForecast(slot, to: fresh[k], periods: p...p)   // a recurrence's next period reads it
                }
            }
        }
    }

    /// One period of a formula's block, a run of members at a time.
    func computePeriod(_ slot: Int, period: Int, into storage: CellStorage) {
        computeRuns(slot, periods: period...period, into: storage, keepInvariants: false)
    }

    /// Computes `periods` of a formula's block, a run of members at a time, each run through
    /// every period; with `keepInvariants`, the run's period-independent parts are kept across them.
    /// `leaves`, when given, takes each run's SUM leaves as soon as it is written.
    func computeRuns(_ slot: Int, periods: ClosedRange<Int>, into storage: CellStorage, keepInvariants: Bool, leaves: LeafBuffer? = nil) {
        let members = memberCounts[slot]
        let formula = formulas[slot]
        let runner = interpreter(for: slot)
        var start = 0
        while start < members {
            let end = min(members, start + runLength)
            let cache = keepInvariants ? InvariantCache() : nil
            for p in periods {
                runner.run(formula, period: p, members: start..<end, blocks: blocks,
                           into: Destination(storage: storage, offset: p * members + start), constants: constants[slot],
                           invariants: keepInvariants ? invariants[slot] : nil, cache: cache, fused: fused(slot))
                leaves?.add(period: p, members: start..<end)
            }
            start = end
        }
    }

    /// `slot`'s formula compiled for one pass per run, unless it has none or fusion is off.
    func fused(_ slot: Int) -> FusedProgram? { fusion ? fusedPrograms[slot] : nil }

    /// A definition's whole block: an input from its value and assignments; a formula
    /// period by period, each period in runs of members computed at once.
    func computeBlock(_ slot: Int) -> CellStorage {
        sumTrees.generation += 1   // sums read afresh: trees from before are not to be trusted
        let d = model.definitions[slot]
        if !d.isInput, computesNarrow(slot), let narrow = computeNarrow(slot) { return narrow }
        // A formula writes every cell; an input starts from 0 (or from its data).
        let zeroed = d.isInput && d.data == nil
        let storage = reusableBlock(slot, zeroed: zeroed) ?? CellStorage(count: model.cellCount(of: slot), zeroed: zeroed)
        guard d.isInput else {
            let periods = d.isSeries ? model.timeline.count : 1
            let leaves = fusedLeaves?.buffer(for: slot, storage: storage, members: memberCounts[slot], periods: periods,
                                             runLength: runLength, forecast: !forecastPairs[slot].isEmpty)
            if runsInParallel(slot) {
                computeRunsInParallel(slot, into: storage, leaves: leaves)
            } else if d.isSeries && !invariants[slot].isEmpty {
                computeRuns(slot, periods: 0...(periods - 1), into: storage, keepInvariants: true, leaves: leaves)
            } else {
                for p in 0..<periods { computeRuns(slot, periods: p...p, into: storage, keepInvariants: false, leaves: leaves) }
            }
            applyForecast(slot, to: storage)
            storage.compact()
            if narrowing { storage.narrow() }
            return storage
        }
        if let data = d.data {
            data.write(into: storage)
        } else {
            let value = constant(d.formula)
            if value != .number(0) { for i in 0..<storage.count { storage[i] = value } }
        }
        var assignments = model.baseAssignments.filter { $0.slot == slot }
        assignments += scenario?.assignments.filter { $0.slot == slot } ?? []
        assignments += overrideLog.assignments(to: slot)
        for a in assignments { apply(a, to: storage) }
        if let forecast = d.forecastFormula { computeForecast(slot, forecast, into: storage) }
        applyForecast(slot, to: storage)
        storage.compact()
        return storage
    }

    /// A line's forecast computed by its formula in the months after the close, from the
    /// line's other versions (set above in `storage`) and the rest of the model. The formula
    /// is run for every member, in runs, and only the forecast members are kept.
    func computeForecast(_ slot: Int, _ forecast: ForecastFormula, into storage: CellStorage) {
        guard let closed = model.actualsThrough, closed + 1 < model.timeline.count else { return }
        let members = model.memberCount(of: slot)
        let pairs = forecastPairs[slot]
        blocks[slot] = storage   // the formula reads the other versions of this very block
        let constants = Interpreter.constantCells(forecast.formula)
        let scratch = CellStorage(count: members)
        for p in (closed + 1)..<model.timeline.count {
            var start = 0
            while start < members {
                let end = min(members, start + runLength)
                interpreter.run(forecast.formula, period: p, members: start..<end, blocks: blocks,
                                into: Destination(storage: scratch, offset: start), constants: constants)
                start = end
            }
            for (f, _) in pairs { storage[p * members + f] = scratch[f] }
        }
    }

    /// The block's storage from its last computation, to be written again in place, when
    /// nothing but this evaluation holds it (an update that compares the new block with the
    /// old one holds the old one, and gets fresh storage). Writing into memory already in use
    /// spares the allocator and the system 21.6 MB of fresh pages per evaluation at 100,000
    /// employees. A narrow block has no doubles to write into.
    func reusableBlock(_ slot: Int, zeroed: Bool) -> CellStorage? {
        guard isKnownUniquelyReferenced(&blocks[slot]), blocks[slot].count == model.cellCount(of: slot), !blocks[slot].isNarrow else { return nil }
        let storage = blocks[slot]
        storage.setUniform(.number)
        if zeroed { storage.numbers.update(repeating: 0, count: storage.count) }
        return storage
    }

    func constant(_ formula: [Op]) -> Value {
        if formula.count == 1, case .constant(let v) = formula[0], v != .blank { return v }   // a what-if's plain value
        let s = CellStorage(count: 1)
        interpreter.run(formula, period: 0, members: 0..<1, blocks: blocks, into: Destination(storage: s, offset: 0))
        return s[0]
    }

    /// Sets the cells an assignment selects: its periods (all when nil) × its members
    /// (each dimension one member, or all).
    func apply(_ a: InputAssignment, to block: CellStorage) {
        let cells = selectedCells(a)
        if let data = a.data {
            for (k, cell) in cells.enumerated() where k < data.count { block[cell] = data[k] }
            return
        }
        let value = constant(a.formula)
        for cell in cells { block[cell] = value }
    }

    /// The value an assignment gives its k-th cell.
    func assignedValue(_ a: InputAssignment, _ k: Int, constant value: Value) -> Value {
        guard let data = a.data else { return value }
        return k < data.count ? data[k] : .blank
    }

    /// Up to the last closed period, a forecast is its actuals: copies the actual cells of
    /// each (forecast, actual) pair into the forecast's, in periods `periods` (all closed ones
    /// when nil), and returns the cells that changed.
    @discardableResult
    func applyForecast(_ slot: Int, to block: CellStorage, periods: ClosedRange<Int>? = nil) -> [Int] {
        guard let closed = model.actualsThrough else { return [] }
        let pairs = forecastPairs[slot]
        guard !pairs.isEmpty else { return [] }
        let m = model.memberCount(of: slot)
        var changed: [Int] = []
        let range = periods ?? 0...min(closed, model.timeline.count - 1)
        for p in range where p <= closed {
            for (f, a) in pairs {
                let actual = block[p * m + a]
                if !block[p * m + f].isIdentical(to: actual) {
                    block[p * m + f] = actual
                    changed.append(p * m + f)
                }
            }
        }
        return changed
    }

    // `blocks`, `sumTrees`, `lonePlans`, `overrideLog` and `loneRunner` are read or changed
    // once each by every edit; their exclusivity is not checked at run time (about 60
    // instructions an access, by callgrind, on an edit of a few thousand). The evaluation is
    // used from one task at a time (it is not `Sendable`), so nothing else can access them.

    /// `--set` assignments applied so far, in order, kept so a recompute of an input includes them.
    var overrides: [InputAssignment] {
        get { overrideLog.all }
        set { overrideLog = OverrideLog(newValue) }
    }
    @exclusivity(unchecked) var overrideLog = OverrideLog()
    /// The interpreter an edit through a plan computes its cells the general way with, made
    /// for the first such cell of an edit (`recomputeGenerally`) and dropped when the edit ends,
    /// so that an edit whose cells all compile destroys no `Interpreter`.
    @exclusivity(unchecked) var loneRunner: Interpreter? = nil

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
        /// The cells that changed, by slot, in the order the slots changed; nil for a block
        /// that changed in too many to list. Listed by `propagate` (what `reconciled` reads);
        /// an edit of one member through its plan leaves it empty.
        var changes: [(slot: Int, cells: CellSet?)] = []
        var changedCells: [Int: CellSet?] { Dictionary(uniqueKeysWithValues: changes.map { ($0.slot, $0.cells) }) }
    }

    /// This evaluation under a scenario: a copy of its cells, with only what the scenario's
    /// overrides reach computed again (the `--set` assignments made here still win).
    public func fork(scenario: Scenario?) -> (Evaluation, UpdateReport) {
        let forked = Evaluation(model: model, order: order, scenario: scenario)
        forked.threads = threads
        forked.runLength = runLength
        forked.workLog = workLog
        forked.blocks = blocks.map { block in
            let copy = CellStorage(count: block.count, zeroed: false)
            copy.copy(block.count, from: block, at: 0, to: 0)
            return copy
        }
        forked.sumTrees = sumTrees.copy()
        var assignments = scenario?.assignments ?? []
        assignments += overrides
        forked.overrideLog = overrideLog   // before: a block computed again whole applies them
        let report = forked.set(assignments, record: false)
        return (forked, report)
    }

    /// Applies input assignments and recomputes only the cells they reach.
    ///
    /// Changed cells are followed through the formulas' access patterns (`CellReaders`) to
    /// the cells that read them, in evaluation order. A recomputed cell that comes out with
    /// the same bits as before changes nothing further (the early cut-off). When a change
    /// reaches more than a quarter of a block, the block is recomputed at full speed instead.
    @discardableResult
    public func set(_ assignments: [InputAssignment]) -> UpdateReport {
        set(assignments, record: true)
    }

    /// `record`: whether the assignments become `--set` overrides (a scenario's are not).
    /// Never inlined, so that an update is one function to count (callgrind's `--toggle-collect`).
    @inline(never)
    func set(_ assignments: [InputAssignment], record: Bool) -> UpdateReport {
        if let report = setLoneMember(assignments, record: record) { return report }
        if record { overrideLog.append(contentsOf: assignments) }
        var report = UpdateReport()
        /// Changed cells by slot; nil when (nearly) all of the block may have changed.
        var changed: [Int: CellSet?] = [:]
        for a in assignments {
            let value = a.data == nil ? constant(a.formula) : .blank
            let cells = selectedCells(a)
            report.recomputedCells += cells.count
            let block = blocks[a.slot]
            var hits: [Int] = []
            for (k, cell) in cells.enumerated() {
                let v = assignedValue(a, k, constant: value)
                if !block[cell].isIdentical(to: v) {
                    block[cell] = v
                    hits.append(cell)
                }
            }
            let forecast = applyForecast(a.slot, to: block)
            // The selected cells come in storage order, and so do the hits among them.
            if !hits.isEmpty || !forecast.isEmpty { merge(&changed, a.slot, forecast.isEmpty ? CellSet(sorted: hits) : CellSet(hits + forecast)) }
        }
        // A computed forecast reads its line's other versions: the line is computed again whole.
        var dirty: [Int: CellSet?] = [:]
        for slot in changed.keys where model.definitions[slot].forecastFormula != nil { dirty[slot] = .some(nil) }
        propagate(changed: changed, dirty: dirty, report: &report)
        return report
    }

    /// Recomputes, in evaluation order, the `dirty` cells and every cell that reads a changed
    /// one, following each change as far as it goes.
    func propagate(changed initial: [Int: CellSet?], dirty initialDirty: [Int: CellSet?], report: inout UpdateReport) {
        var dirty = [PendingCells](repeating: .none, count: blocks.count)
        for (slot, cells) in initialDirty { dirty[slot] = cells.map { .some($0) } ?? .all }
        // The changed cells live in `changes` alone, where the SUM trees read them; a second
        // copy would be copied again on every change.
        changes.removeAll()
        for (slot, cells) in initial { changes[slot] = cells }
        changedInUpdate = changes
        defer { changedInUpdate = nil }
        func spread(from slot: Int) {
            guard let cells = changes[slot] else { return }
            if let cells {
                readers.addDependents(of: slot, cells: cells, to: &dirty, scratch: &dependentsScratch)
            } else {
                for reader in readers.readers[slot] { dirty[reader.slot] = .all }
            }
        }
        func changed(_ slot: Int, _ cells: CellSet?) {
            guard cells.map({ !$0.isEmpty }) ?? true else { return }
            changes[slot] = cells
            spread(from: slot)
        }
        for slot in initial.keys { spread(from: slot) }
        for step in order.steps {
            switch step {
            case .block(let slot):
                guard let cells = dirty[slot].cells else { continue }
                let result = recompute(slot, cells: cells)
                report.recomputedCells += result.computed
                changed(slot, result.changed)
            case .stepwise(let slots):
                guard slots.contains(where: { dirty[$0].cells != nil }) else { continue }
                guard slots.contains(where: { if case .all = dirty[$0] { true } else { false } }) else {
                    // Some cells: from the first period they are in onward (StepwiseUpdate.swift).
                    recomputeStepwise(slots, dirty: &dirty, report: &report)
                    continue
                }
                // All of a member: the recurrence is recomputed whole, each period feeding the
                // next, its SUMs' trees built afresh (the group's own cells are not yet among
                // the changed ones a tree would follow).
                let old = slots.map { blocks[$0] }
                let inUpdate = changedInUpdate
                changedInUpdate = nil
                compute(step)
                changedInUpdate = inUpdate
                for (k, slot) in slots.enumerated() {
                    report.recomputedCells += blocks[slot].count
                    changed(slot, differences(old[k], blocks[slot]))
                }
            }
        }
        report.changes = changes.bySlotInOrder
        report.changedSlots = changes.slots.sorted()
    }

    /// The cells of a block an assignment covers.
    func selectedCells(_ a: InputAssignment) -> [Int] {
        let periods = model.definitions[a.slot].isSeries ? (a.periods ?? 0...(model.timeline.count - 1)) : 0...0
        var selected: [Int] = [0]
        for (k, dimension) in model.definitions[a.slot].dimensions.enumerated() {
            let size = model.dimensions[dimension].members.count
            if k < a.members.count, let choice = a.members[k] {
                for i in selected.indices { selected[i] = selected[i] * size + choice }
            } else {
                selected = selected.flatMap { i in (0..<size).map { i * size + $0 } }
            }
        }
        let m = memberCounts[a.slot]
        var cells: [Int] = []
        cells.reserveCapacity(periods.count * selected.count)
        for p in periods { for member in selected { cells.append(p * m + member) } }
        return cells
    }

    func merge(_ map: inout [Int: CellSet?], _ slot: Int, _ cells: CellSet) {
        switch map[slot] {
        case .none: map[slot] = cells
        case .some(.none): break
        case .some(.some(var existing)):
            existing.formUnion(cells)
            map[slot] = existing
        }
    }

    /// Recomputes some cells of a formula (all when nil) and says which changed.
    func recompute(_ slot: Int, cells: CellSet?) -> (computed: Int, changed: CellSet?) {
        guard let cells else {
            let old = blocks[slot]
            let inUpdate = changedInUpdate
            changedInUpdate = nil   // a whole block is computed afresh, trees and all
            defer { changedInUpdate = inUpdate }
            blocks[slot] = computeBlock(slot)
            return (blocks[slot].count, differences(old, blocks[slot]))
        }
        let members = memberCounts[slot]
        let formula = formulas[slot]
        let block = blocks[slot]
        let runner = interpreter(for: slot)
        // Consecutive members of one period are computed as one run.
        let sorted = cells.cells
        // Room for every cell at once: growing by appends cost an update about ten allocations.
        var changedCells: [Int] = []
        changedCells.reserveCapacity(sorted.count)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count && sorted[j] == sorted[j - 1] + 1 && sorted[j] / members == sorted[i] / members { j += 1 }
            let period = sorted[i] / members, first = sorted[i] % members
            if j - i == 1 {   // a lone cell: computed with plain values, no runs to allocate
                if recomputeLoneCell(slot, period: period, member: first, in: block, blocks: blocks, runner: runner) { changedCells.append(sorted[i]) }
                i = j
                continue
            }
            let scratch = CellStorage(count: j - i)
            runner.run(formula, period: period, members: first..<(first + j - i), blocks: blocks,
                       into: Destination(storage: scratch, offset: 0), constants: constants[slot], fused: fused(slot))
            for k in 0..<(j - i) where !scratch[k].isIdentical(to: block[sorted[i] + k]) {
                block[sorted[i] + k] = scratch[k]
                changedCells.append(sorted[i] + k)
            }
            i = j
        }
        // Closed periods of a forecast follow the actuals, whichever of the two was recomputed.
        guard !forecastPairs[slot].isEmpty else {
            return (cells.count, CellSet(sorted: changedCells))   // found in the cells' order
        }
        let periods = Set(sorted.map { $0 / members })
        for p in periods.sorted() { changedCells += applyForecast(slot, to: block, periods: p...p) }
        return (cells.count, CellSet(changedCells))
    }

    /// The cells that differ between two versions of a block; nil when more than a sixteenth
    /// of them do (then everything reading the block is recomputed whole, which is cheaper).
    func differences(_ old: CellStorage, _ new: CellStorage) -> CellSet? {
        var diff: [Int] = []
        let limit = max(64, new.count / 16)
        let plain = old.kinds == nil && new.kinds == nil && old.uniformKind == new.uniformKind
        for i in 0..<new.count {
            // Either may be narrow: its cells are read as the doubles they stand for.
            let same = plain ? old.number(i).bitPattern == new.number(i).bitPattern : old[i].isIdentical(to: new[i])
            if !same {
                diff.append(i)
                if diff.count > limit { return nil }
            }
        }
        return CellSet(diff)
    }
}
