/// A plan entry's formula compiled for the one cell an edit recomputes in each period: the
/// steps of its `NumericProgram` with every operand worked out when the plan is made (which
/// block, through the plan's table of blocks; which period, as an offset or a fixed one; which
/// member, a fixed one or the edited one; whether a run would hold it as one value for all),
/// so a cell is computed by reading the blocks' buffers, with no `Value`, no interpreter and
/// no reference counted. The arithmetic is `runNumericCell`'s own (`numericBinary`,
/// `numericLogical`, the same order of additions), and where `runNumericCell` gives up so does
/// this, so a cell it computes has the bits a full evaluation gives it; a cell it gives up on
/// goes the general way (`recomputeLoneCell`).
enum LoneOp {
    case constant(Double, Kind)
    /// A cell of `source` (a row of the plan's table of blocks): period `period` (added to the
    /// period computed, or the period itself when `fixed`), member `member` (the cell's own
    /// member when negative).
    case load(source: Int, period: Int, fixed: Bool, member: Int, uniform: Bool)
    /// The period's serial date, from the plan's `serials`.
    case axis
    /// PREV: the cell of the period before, or the initial value already on the stack in the first.
    case prev(source: Int, member: Int, uniform: Bool)
    /// YTD, TTD, QTD or ROLLING: the source's cells from the period at `starts + period` in the
    /// plan's table to the period computed.
    case window(source: Int, member: Int, starts: Int)
    case negate
    case binary(BinaryOperator)
    /// SUM of one member's cells over periods `first ... last` (offsets from the period computed,
    /// or fixed).
    case sumRow(source: Int, first: Int, last: Int, fixed: Bool, member: Int, uniform: Bool)
    /// SUM over every member of `source` in periods `first ... last`; `op` names the SUM's tree,
    /// `index` its place among the entry's SUMs over every member (`LoneMemberPlan.treeTotals`).
    case sumAll(source: Int, first: Int, last: Int, fixed: Bool, op: Int, index: Int)
    case logical(NumericProgram.Logical, argc: Int)
}

extension LoneOp {
    /// A program's steps as operations of a plan, or nil when a step reads a gather (a member
    /// that depends on the member computed through a table), which the plan leaves to
    /// `runNumericCell`. `source` gives a slot's row in the plan's table of blocks; a window's
    /// first periods, by period, are added to `table`.
    static func compile(_ program: NumericProgram, memberCounts: [Int], timeline: Timeline,
                        source: (Int) -> Int, table: inout [Int], treeSums: inout Int) -> [LoneOp]? {
        func member(_ read: NumericProgram.MemberRead, slot: Int) -> (Int, Bool)? {
            switch read {
            case .identity: memberCounts[slot] == 1 ? (0, true) : (-1, false)
            case .single(let s): (s, true)
            case .gather: nil
            }
        }
        func periods(_ time: TimeAccess) -> (Int, Bool) {
            switch time {
            case .none: (0, true)
            case .shifted(let k): (k, false)
            case .fixed(let f): (f, true)
            }
        }
        var ops: [LoneOp] = []
        for step in program.steps {
            switch step {
            case .constant(let x, let kind):
                ops.append(.constant(x, kind))
            case .load(let slot, let time, let read):
                guard let (m, uniform) = member(read, slot: slot) else { return nil }
                let (p, fixed) = periods(time)
                ops.append(.load(source: source(slot), period: p, fixed: fixed, member: m, uniform: uniform))
            case .axis:
                ops.append(.axis)
            case .prev(let slot, let read):
                guard let (m, uniform) = member(read, slot: slot) else { return nil }
                ops.append(.prev(source: source(slot), member: m, uniform: uniform))
            case .window(let slot, let read, let group, let rolling):
                guard let (m, _) = member(read, slot: slot) else { return nil }
                ops.append(.window(source: source(slot), member: m, starts: table.count))
                for p in 0..<timeline.count {
                    // -1: a rolling window the timeline cannot fill, #N/A, left to the general course.
                    table.append(group.map { timeline.startIndex(of: p, in: $0) } ?? RollingWindow.start(of: p, count: rolling) ?? -1)
                }
            case .negate:
                ops.append(.negate)
            case .binary(let op):
                ops.append(.binary(op))
            case .sum(let slot, let range, let read, let op):
                let first: Int, last: Int, fixed: Bool
                switch range {
                case .none: (first, last, fixed) = (0, 0, true)
                case .shifted(let k): (first, last, fixed) = (k, k, false)
                case .fixed(let r): (first, last, fixed) = (r.lowerBound, r.upperBound, true)
                }
                if let read {
                    guard let (m, _) = member(read, slot: slot) else { return nil }
                    let uniform: Bool
                    if case .single = read { uniform = true } else { uniform = false }
                    ops.append(.sumRow(source: source(slot), first: first, last: last, fixed: fixed, member: m, uniform: uniform))
                } else {
                    ops.append(.sumAll(source: source(slot), first: first, last: last, fixed: fixed, op: op, index: treeSums))
                    treeSums += 1
                }
            case .logical(let f, let argc):
                ops.append(.logical(f, argc: argc))
            }
        }
        return ops
    }
}

/// The blocks a plan's operations read, as plain pointers: filled from the evaluation's blocks
/// when an edit starts, and a row again after a write that may have given its block kinds.
///
/// Sound because nothing replaces or frees a block during one edit through a plan: cells are
/// written in place (`CellStorage`'s buffers never move), and the only pointer a write can
/// change, a block's `kinds` when its first cell of another kind is written, is read again
/// after every such write (`refresh`).
///
/// A narrow block (one byte a cell, `CellStorage.bytes`) that the plan only reads cell by cell
/// (`mayStayNarrow`) is read as its bytes, not widened for good as `CellStorage.numbers`
/// would: `active` of the personnel model, 1.2 M cells, is not turned back into doubles by the
/// first edit after a full evaluation. Nothing else widens it during the edit: those rows are
/// written by no entry, summed by no operation, and the general path's cells read them through
/// `CellStorage.number(_:)`, the subscript, which does not widen.
struct LoneBlockTable {
    let count: Int
    /// Each row's doubles, or nil while it is read as bytes.
    let numbers: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>
    /// Each row's bytes while it is read narrow, else nil.
    let bytes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>
    /// Whether a row may be read as bytes (fixed when the plan is made).
    let mayStayNarrow: UnsafeMutablePointer<Bool>
    let kinds: UnsafeMutablePointer<UnsafeMutablePointer<Kind>?>
    let uniformKinds: UnsafeMutablePointer<Kind>
    let cellCounts: UnsafeMutablePointer<Int>
    /// Members per period of each row's definition; fixed.
    let memberCounts: UnsafeMutablePointer<Int>

    init(memberCounts m: [Int], mayStayNarrow narrow: [Bool]) {
        count = m.count
        numbers = .allocate(capacity: max(count, 1))
        numbers.initialize(repeating: nil, count: max(count, 1))
        bytes = .allocate(capacity: max(count, 1))
        bytes.initialize(repeating: nil, count: max(count, 1))
        mayStayNarrow = .allocate(capacity: max(count, 1))
        mayStayNarrow.initialize(repeating: false, count: max(count, 1))
        for (i, n) in narrow.enumerated() { mayStayNarrow[i] = n }
        kinds = .allocate(capacity: max(count, 1))
        kinds.initialize(repeating: nil, count: max(count, 1))
        uniformKinds = .allocate(capacity: max(count, 1))
        uniformKinds.initialize(repeating: .number, count: max(count, 1))
        cellCounts = .allocate(capacity: max(count, 1))
        cellCounts.initialize(repeating: 0, count: max(count, 1))
        memberCounts = .allocate(capacity: max(count, 1))
        memberCounts.initialize(repeating: 0, count: max(count, 1))
        for (i, c) in m.enumerated() { memberCounts[i] = c }
    }

    func deallocate() {
        numbers.deallocate()
        bytes.deallocate()
        mayStayNarrow.deallocate()
        kinds.deallocate()
        uniformKinds.deallocate()
        cellCounts.deallocate()
        memberCounts.deallocate()
    }

    @inline(__always)
    func refresh(_ row: Int, from block: CellStorage) {
        if mayStayNarrow[row], let b = block.bytes {
            numbers[row] = nil
            bytes[row] = b
        } else {
            numbers[row] = block.numbers   // widens a narrow block for good
            bytes[row] = nil
        }
        kinds[row] = block.kinds
        uniformKinds[row] = block.uniformKind
        cellCounts[row] = block.count
    }

    @inline(__always)
    func kind(_ row: Int, _ cell: Int) -> Kind { kinds[row]?[cell] ?? uniformKinds[row] }

    /// A cell's number slot (a number, a truth value's 0 or 1), from its doubles or its byte.
    @inline(__always)
    func number(_ row: Int, _ cell: Int) -> Double {
        if let x = numbers[row] { return x[cell] }
        return Double(bytes[row].unsafelyUnwrapped[cell])
    }

    /// Whether every cell of the row's block is a plain number (in doubles: a row read as bytes
    /// is only ever loaded cell by cell, never summed).
    @inline(__always)
    func isAllNumbers(_ row: Int) -> Bool { kinds[row] == nil && uniformKinds[row] == .number }
}

/// Every entry's compiled operations and what they read, owned by a plan (which frees them).
struct LoneCode {
    /// The operations of every entry, one after the other.
    let ops: UnsafeMutableBufferPointer<LoneOp>
    /// Each entry's operations in `ops`; an empty range for an entry without them.
    let ranges: UnsafeMutableBufferPointer<Range<Int>>
    /// Whether an entry has operations (an entry whose formula has no `NumericProgram`, or
    /// reads a gather, is computed the general way).
    let compiled: UnsafeMutableBufferPointer<Bool>
    /// Each entry's shape, when one loop computes and writes its cells (`LoneShape`).
    let shapes: UnsafeMutableBufferPointer<LoneShape>
    /// Each entry's shape, when its one cell is computed without a pass over its operations
    /// (`LoneCellShape`).
    let cellShapes: UnsafeMutableBufferPointer<LoneCellShape>
    /// The form of each `scaledRow` entry's first operations (`LonePrefix`).
    let prefixes: UnsafeMutableBufferPointer<LonePrefix>
    /// Each entry's row in `blocks`.
    let rows: UnsafeMutableBufferPointer<Int>
    /// Each row's entry, or -1 for a block the edit does not change.
    let entryOfRow: UnsafeMutableBufferPointer<Int>
    /// The slot of each row of `blocks`.
    let slots: UnsafeMutableBufferPointer<Int>
    let blocks: LoneBlockTable
    /// First periods of windows, by period (`LoneOp.window`), and each period's serial date.
    let periodStarts: UnsafeMutableBufferPointer<Int>
    let serials: UnsafeMutableBufferPointer<Double>
    /// An entry's cells are computed together, up to 64 at once, one lane per period
    /// (`LoneMemberPlan.computeLanes`). The evaluation stack (`depth` deep, as the deepest
    /// program) is kept entry by entry across the lanes: entry i's numbers at
    /// `laneX[i * LoneCode.lanes + lane]`, and as bits of one word a lane, whether each lane's
    /// entry i is a truth value (`laneBool[i]`) and whether a run would hold it as one value
    /// for all members (`laneUniform[i]`). So an operation is a loop over consecutive doubles,
    /// and a lane's kind is a bit. `lanePeriods` holds the lanes' periods.
    static let lanes = 64
    let depth: Int
    let laneX: UnsafeMutablePointer<Double>
    let laneBool: UnsafeMutablePointer<UInt64>
    let laneUniform: UnsafeMutablePointer<UInt64>
    let lanePeriods: UnsafeMutablePointer<Int>
    /// The stack of one cell computed without lanes (`LoneMemberPlan.computeOne`), `depth` deep.
    let oneX: UnsafeMutablePointer<Double>
    /// SUMs over every member per entry at most (`LoneOp.sumAll`'s index), and their totals,
    /// worked out before an entry's cells, at `(entry * stride + period) * treeSums + index`.
    let treeSums: Int
    let treeTotals: UnsafeMutablePointer<Double>
    /// Which of `treeTotals` this edit has worked out: those whose stamp is the edit's
    /// (`readyStamp`), so that starting an edit forgets them all by counting one up.
    let treeReady: UnsafeMutablePointer<Int>
    let readyStamp: UnsafeMutablePointer<Int>
    /// Whether an entry reads a SUM over every member (`LoneOp.sumAll`).
    let readsTrees: UnsafeMutableBufferPointer<Bool>
    /// The trees those SUMs go through, at the place of their totals, as they were found in
    /// the evaluation's `SumTrees`; valid while it keeps the same trees (its `version`), which
    /// `LoneMemberPlan.prepareTrees` checks. `treeSlots` places.
    let treeCache: UnsafeMutablePointer<Unmanaged<SumTree>?>
    let treeSlots: Int
    /// Scratch for walking trees together: the trees, their cells, and where their totals go.
    let batchTrees: UnsafeMutablePointer<Unmanaged<SumTree>>
    let batchCells: UnsafeMutablePointer<UnsafePointer<Double>>
    let batchTotals: UnsafeMutablePointer<Int>

    /// The operations of each entry's slot whose program compiles; `stride` is the plan's.
    init(slots entrySlots: [Int], programs: [NumericProgram?], memberCounts: [Int], timeline: Timeline, stride: Int) {
        var rowOfSlot: [Int: Int] = [:]
        var slots: [Int] = []
        func row(_ slot: Int) -> Int {
            if let r = rowOfSlot[slot] { return r }
            rowOfSlot[slot] = slots.count
            slots.append(slot)
            return slots.count - 1
        }
        let entryRows = entrySlots.map(row)
        var ops: [LoneOp] = []
        var ranges: [Range<Int>] = []
        var compiled: [Bool] = []
        var readsTrees: [Bool] = []
        var shapes: [LoneShape] = []
        var cellShapes: [LoneCellShape] = []
        var prefixes: [LonePrefix] = []
        var table: [Int] = []
        var depth = 1, treeSums = 0
        for slot in entrySlots {
            var sums = 0
            if let program = programs[slot],
               let code = LoneOp.compile(program, memberCounts: memberCounts, timeline: timeline, source: row, table: &table, treeSums: &sums) {
                ranges.append(ops.count..<(ops.count + code.count))
                ops += code
                shapes.append(LoneShape.of(code[...], depth: program.depth))
                cellShapes.append(LoneCellShape.of(code[...]))
                prefixes.append(shapes.last == .scaledRow ? LonePrefix.of(code.dropLast(2)) : .general)
                compiled.append(true)
                readsTrees.append(sums > 0)
                depth = max(depth, program.depth)
                treeSums = max(treeSums, sums)
            } else {
                ranges.append(ops.count..<ops.count)
                shapes.append(.none)
                cellShapes.append(.none)
                prefixes.append(.general)
                compiled.append(false)
                readsTrees.append(false)
            }
        }
        var entryOfRow = [Int](repeating: -1, count: slots.count)
        for (k, r) in entryRows.enumerated() where entryOfRow[r] < 0 { entryOfRow[r] = k }
        // A row may be read as bytes when every entry after the input (which the edit writes,
        // not computes) is compiled (an entry computed the general way might read it through a
        // range, which widens), no entry writes it, and every operation reading it loads one cell.
        var mayStayNarrow = [Bool](repeating: !compiled.dropFirst().contains(false), count: slots.count)
        for (r, k) in entryOfRow.enumerated() where k >= 0 { mayStayNarrow[r] = false }
        for op in ops {
            switch op {
            case .load, .constant, .axis, .prev, .negate, .binary, .logical: break
            case .window(let r, _, _), .sumRow(let r, _, _, _, _, _), .sumAll(let r, _, _, _, _, _): mayStayNarrow[r] = false
            }
        }
        self.ops = .copying(ops)
        self.ranges = .copying(ranges)
        self.compiled = .copying(compiled)
        self.readsTrees = .copying(readsTrees)
        self.shapes = .copying(shapes)
        self.cellShapes = .copying(cellShapes)
        self.prefixes = .copying(prefixes)
        self.rows = .copying(entryRows)
        self.entryOfRow = .copying(entryOfRow)
        self.slots = .copying(slots)
        self.blocks = LoneBlockTable(memberCounts: slots.map { memberCounts[$0] }, mayStayNarrow: mayStayNarrow)
        self.periodStarts = .copying(table)
        self.serials = .copying((0..<max(timeline.count, 1)).map { timeline.serial(ofAbsolute: timeline.first + $0) })
        self.depth = depth
        laneX = .allocate(capacity: depth * LoneCode.lanes)
        laneX.initialize(repeating: 0, count: depth * LoneCode.lanes)
        laneBool = .allocate(capacity: depth)
        laneBool.initialize(repeating: 0, count: depth)
        laneUniform = .allocate(capacity: depth)
        laneUniform.initialize(repeating: 0, count: depth)
        lanePeriods = .allocate(capacity: LoneCode.lanes)
        lanePeriods.initialize(repeating: 0, count: LoneCode.lanes)
        oneX = .allocate(capacity: depth)
        oneX.initialize(repeating: 0, count: depth)
        self.treeSums = treeSums
        let totals = max(1, entrySlots.count * stride * treeSums)
        treeTotals = .allocate(capacity: totals)
        treeTotals.initialize(repeating: 0, count: totals)
        treeReady = .allocate(capacity: totals)
        treeReady.initialize(repeating: 0, count: totals)
        readyStamp = .allocate(capacity: 1)
        readyStamp.initialize(to: 1)
        treeSlots = totals
        treeCache = .allocate(capacity: totals)
        treeCache.initialize(repeating: nil, count: totals)
        batchTrees = .allocate(capacity: totals)
        batchCells = .allocate(capacity: totals)
        batchTotals = .allocate(capacity: totals)
    }

    func deallocate() {
        ops.baseAddress?.deallocate()
        ranges.baseAddress?.deallocate()
        compiled.baseAddress?.deallocate()
        readsTrees.baseAddress?.deallocate()
        shapes.baseAddress?.deallocate()
        cellShapes.baseAddress?.deallocate()
        prefixes.baseAddress?.deallocate()
        treeCache.deallocate()
        rows.baseAddress?.deallocate()
        entryOfRow.baseAddress?.deallocate()
        slots.baseAddress?.deallocate()
        periodStarts.baseAddress?.deallocate()
        serials.baseAddress?.deallocate()
        laneX.deallocate()
        laneBool.deallocate()
        laneUniform.deallocate()
        lanePeriods.deallocate()
        oneX.deallocate()
        blocks.deallocate()
        treeTotals.deallocate()
        treeReady.deallocate()
        readyStamp.deallocate()
        batchTrees.deallocate()
        batchCells.deallocate()
        batchTotals.deallocate()
    }

    /// Whether the tree total at `at` was worked out in this edit.
    @inline(__always)
    func isReady(_ at: Int) -> Bool { treeReady[at] == readyStamp.pointee }

    @inline(__always)
    func setReady(_ at: Int) { treeReady[at] = readyStamp.pointee }

    /// Forgets every tree total worked out, as an edit starts.
    func forgetTotals() { readyStamp.pointee &+= 1 }

    /// Reads every block's pointers from the evaluation's blocks, as an edit starts: borrowed
    /// from the array the caller holds (a class reference is one pointer, so its elements read
    /// as unmanaged references), not retained and released one by one.
    func fill(from evaluationBlocks: [CellStorage]) {
        evaluationBlocks.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: Unmanaged<CellStorage>.self) { refs in
                for r in slots.indices { refs[slots[r]]._withUnsafeGuaranteedRef { blocks.refresh(r, from: $0) } }
            }
        }
    }
}
