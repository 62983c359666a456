/// A definition's block computed on several threads, a run of members each (`Parallel.forEach`):
/// the runs of one definition read only other definitions' cells, so they are independent, and
/// each cell is computed by the same operations whichever thread computes it: the block has the
/// same bits on any number of threads.
extension Evaluation {
    /// Whether `slot`'s block may be computed on several threads: a formula with more than one
    /// run of members, outside an update (whose SUM trees change as they are read), that
    /// reads no cell of its own block (a forecast's other versions, a recurrence).
    func runsInParallel(_ slot: Int) -> Bool {
        guard threads > 1, changedInUpdate == nil, memberCounts[slot] > runLength else { return false }
        return runsAreIndependent(slot)
    }

    /// Whether `slot`'s runs of members are independent of each other: a formula that reads no
    /// cell of its own block (a forecast's other versions, a recurrence).
    func runsAreIndependent(_ slot: Int) -> Bool {
        let d = model.definitions[slot]
        guard !d.isInput, d.forecastFormula == nil else { return false }
        return !formulas[slot].contains { op in
            switch op {
            case .load(let s, _, _), .loadRange(let s, _), .prev(let s, _), .toDate(let s, _, _), .rolling(let s, _, _): s == slot
            default: false
            }
        }
    }

    /// Computes every period of `slot`'s block into `storage`, each run of members through all
    /// periods (keeping its period-independent parts across them), the runs on `threads` threads.
    ///
    /// The first run is computed here, before the others start: it builds every SUM tree the
    /// formula reads (each run computes every operation), so that the others only find them.
    func computeRunsInParallel(_ slot: Int, into storage: CellStorage, leaves: LeafBuffer?) {
        let job = runs(of: slot, into: storage, leaves: leaves)
        job.compute(run: 0, direct: true)
        Parallel.forEach(job.count - 1, threads: threads, log: workLog) { job.compute(run: $0 + 1, direct: false) }
        job.merge()
    }

    /// `slot`'s runs, to be computed into `storage`.
    func runs(of slot: Int, into storage: CellStorage, leaves: LeafBuffer?) -> ParallelRuns {
        ParallelRuns(slot: slot, members: memberCounts[slot], periods: model.definitions[slot].isSeries ? model.timeline.count : 1, runLength: runLength,
                     firstRunner: interpreter(for: slot), runner: interpreter(for: slot, threads: 1), formula: formulas[slot], blocks: blocks,
                     constants: constants[slot], invariants: invariants[slot], fused: fused(slot), storage: storage, leaves: leaves)
    }
}

/// One definition's runs, handed to the threads that compute them.
///
/// `@unchecked Sendable` because it carries the evaluation's non-`Sendable` state (the
/// interpreter, the blocks, the destination block) to the threads. Why no two threads touch the
/// same memory, and none writes what another reads, while `Parallel.forEach` runs:
/// - **Writes.** Run r is the members `r * runLength ..< (r + 1) * runLength` in every period;
///   its cells are written only through `views[r]`, views over those cells' numbers alone that the
///   thread computing run r makes (different runs, disjoint cells). A view keeps its own kinds
///   and texts; `merge`, on the calling thread after every thread has finished, copies them into
///   the block. Nothing writes the block's own fields (kinds, texts) during the region, and
///   `views[r]` is written by run r's thread alone and read only after the join. Run r's SUM
///   leaves (`leaves`) are the leaves of its own cells, 64 a run, never another run's.
/// - **Reads.** The formula reads no cell of its own block (`runsInParallel`), so the threads read
///   only other definitions' blocks (a narrow one as its bytes, never widened: see
///   `CellStorage.numbers`), the formula's constants and the SUM trees, which nothing
///   writes during the region: run 0 is computed before it, on the calling thread, and builds
///   every tree the formula reads, which the later runs find current (`Interpreter.treeSum` keeps
///   a tree only when it finds none current); an update in progress, whose trees change as they
///   are read, never gets here. The functions a formula calls are pure (`FunctionSpec`).
/// - **Scratch.** Each run's intermediate runs, its invariant cache and its gathered loads are
///   made by the thread computing it, inside `Interpreter.run`.
/// - **A narrow block** (`storage.isNarrow`, `Evaluation.computeNarrow`): run r computes each
///   period into doubles of its own and writes them as bytes into its own cells of
///   `storage.bytes`, and its outcome into `outcomes[r]` alone; its SUM leaves come from those
///   doubles. Nothing reads `storage` during the region.
final class ParallelRuns: @unchecked Sendable {
    let slot: Int, members: Int, periods: Int, runLength: Int
    /// Run 0's interpreter, which may add a new SUM tree's leaves on several threads, and the
    /// others', which do not (they build no tree, and a thread waits for no other thread).
    let firstRunner: Interpreter, runner: Interpreter
    let formula: [Op]
    let blocks: [CellStorage]
    let constants: [Vec?]
    let invariants: InvariantPlan
    let fused: FusedProgram?
    let storage: CellStorage
    let leaves: LeafBuffer?
    /// For each run, its views by period (written by that run's thread, read after the join).
    private let views: UnsafeMutableBufferPointer<[CellStorage]>
    /// For a narrow block, each run's outcome (written by that run's thread, read after the
    /// join): the kind of its cells' raw value, or `unfinished` (not yet computed) or `wide`
    /// (a cell that is not 0 or 1, or not of the kind of the run's first period).
    private let outcomes: UnsafeMutableBufferPointer<Int8>
    private static let unfinished: Int8 = -2, wide: Int8 = -1
    /// The number of runs.
    var count: Int { views.count }

    init(slot: Int, members: Int, periods: Int, runLength: Int, firstRunner: Interpreter, runner: Interpreter, formula: [Op], blocks: [CellStorage],
         constants: [Vec?], invariants: InvariantPlan, fused: FusedProgram?, storage: CellStorage, leaves: LeafBuffer?) {
        self.slot = slot
        self.members = members
        self.periods = periods
        self.runLength = runLength
        self.firstRunner = firstRunner
        self.runner = runner
        self.formula = formula
        self.blocks = blocks
        self.constants = constants
        self.invariants = invariants
        self.fused = fused
        self.storage = storage
        self.leaves = leaves
        views = .allocate(capacity: (members + runLength - 1) / runLength)
        views.initialize(repeating: [])
        outcomes = .allocate(capacity: max(views.count, 1))
        outcomes.initialize(repeating: Self.unfinished)
    }

    deinit {
        views.deinitialize()
        views.deallocate()
        outcomes.deallocate()
    }

    /// Run r through every period: into the block itself (`direct`, on the calling thread), or
    /// into views of its cells.
    func compute(run r: Int, direct: Bool) {
        let start = r * runLength, end = min(members, start + runLength)
        let keep = !invariants.isEmpty
        let cache = keep ? InvariantCache() : nil
        if let bytes = storage.bytes {
            outcomes[r] = computeNarrow(start..<end, into: bytes, runner: direct ? firstRunner : runner, cache: cache)
            return
        }
        var kept: [CellStorage] = []
        for p in 0..<periods {
            let destination: Destination
            if direct {
                destination = Destination(storage: storage, offset: p * members + start)
            } else {
                let view = CellStorage(viewing: storage.numbers + p * members + start, count: end - start)
                kept.append(view)
                destination = Destination(storage: view, offset: 0)
            }
            (direct ? firstRunner : runner).run(formula, period: p, members: start..<end, blocks: blocks, into: destination, constants: constants,
                       invariants: keep ? invariants : nil, cache: cache, fused: fused)
            leaves?.add(period: p, members: start..<end)
        }
        if !direct { views[r] = kept }
    }

    /// Members `run` through every period, each period into doubles that are then written as
    /// bytes into the narrow block; its outcome (see `outcomes`).
    private func computeNarrow(_ run: Range<Int>, into bytes: UnsafeMutablePointer<UInt8>, runner: Interpreter, cache: InvariantCache?) -> Int8 {
        let scratch = CellStorage(count: run.count, zeroed: false)
        var kind: Kind? = nil
        for p in 0..<periods {
            runner.run(formula, period: p, members: run, blocks: blocks, into: Destination(storage: scratch, offset: 0), constants: constants,
                       invariants: cache == nil ? nil : invariants, cache: cache, fused: fused)
            guard scratch.kinds == nil, scratch.uniformKind == (kind ?? scratch.uniformKind),
                  TruthBytes.narrow(scratch.numbers, run.count, into: bytes + p * members + run.lowerBound) else { return Self.wide }
            kind = scratch.uniformKind
            leaves?.add(period: p, members: run, cells: scratch.numbers)
        }
        return Int8(kind?.rawValue ?? Kind.number.rawValue)
    }

    /// Whether run r of a narrow block gave a cell that is not 0 or 1 (or of another kind).
    func isWide(run r: Int) -> Bool { outcomes[r] == Self.wide }

    /// For a narrow block computed by every run: the kind of all its cells, or nil when some run
    /// gave a cell that is not 0 or 1 or runs gave different kinds (the block is then computed wide).
    func narrowKind() -> Kind? {
        guard let first = outcomes.first, first >= 0, outcomes.allSatisfy({ $0 == first }) else { return nil }
        return Kind(rawValue: UInt8(first))
    }

    /// The views' kinds and texts into the block, after every run is computed.
    func merge() {
        for r in views.indices {
            for (p, view) in views[r].enumerated() { storage.adopt(view, at: p * members + r * runLength) }
        }
    }
}
