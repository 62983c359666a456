/// Runs a compiled formula over a run of cells at once: every `Op` works on whole runs of
/// members in one period, so the cost of dispatch is paid once per run, not once per cell.
struct Interpreter {
    let timeline: Timeline
    /// Members per period of each definition's block, by slot.
    let memberCounts: [Int]
    /// Where long SUMs keep their trees, and which cells changed since (during an update).
    var sums: SumContext? = nil
    /// The definition being computed, whose SUMs' trees `sums` keeps (apart from the context,
    /// so that moving to the next definition copies no references).
    var sumSlot = 0
    /// Threads a SUM tree's leaves may be added on (see `SumTree.init`), and where that is logged.
    var threads = 1
    var workLog: WorkLog? = nil

    /// What a run needs to keep or use SUM's trees: the trees, and the cells changed by the
    /// update in progress (nil outside an update).
    struct SumContext {
        let trees: SumTrees
        let changed: UpdateChanges?
        /// During an edit of one member through its plan: the plan, which knows what changed,
        /// and the member.
        var lone: LoneMemberPlan? = nil
        var loneMember = 0
        /// During a full evaluation, the leaves of blocks added as they were computed.
        var fused: FusedLeaves? = nil
    }

    /// What sits on the evaluation stack.
    enum Operand {
        /// One value per cell (or one for all); `reference` when it came through a name,
        /// which matters to Excel's aggregates.
        case cells(Vec, reference: Bool)
        /// A set of cells for an aggregate, the same for every cell being computed.
        case range(RangeCells)
        /// A set of cells for an aggregate, one set per cell being computed.
        case ranges([[Value]])
        /// Each member's own cells over some periods, for an aggregate.
        case rows(RowRanges)
        case missing

        /// Whether the operand is the same for every cell being computed.
        var isUniform: Bool {
            switch self {
            case .cells(let v, _): v.stride == 0
            case .range, .missing: true
            case .ranges(let rs): rs.count == 1
            case .rows: false
            }
        }
    }

    /// Computes `ops` for members `members` of one period (`period`; 0 for a definition
    /// without periods), reading other definitions from `blocks`, and writes the results
    /// to `out`.
    ///
    /// `constants` holds the formula's constants already in cells (see `constantCells`), so
    /// that a run of one cell does not allocate them again.
    ///
    /// `fused`, the formula's `FusedProgram` when it has one, computes the run in one pass
    /// when its cells allow (`runFused`); the operations below compute it otherwise.
    func run(_ ops: [Op], period: Int, members: Range<Int>, blocks: [CellStorage], into out: Destination, constants: [Vec?]? = nil,
             invariants: InvariantPlan? = nil, cache: InvariantCache? = nil, fused: FusedProgram? = nil) {
        if let fused, runFused(fused, period: period, members: members, blocks: blocks, into: out, invariants: invariants, cache: cache) {
            return
        }
        let n = members.count
        var stack: [Operand] = []
        stack.reserveCapacity(8)
        var k = -1
        while k + 1 < ops.count {
            k += 1
            // A period-independent part computed for an earlier period of this run: reuse it.
            if let cache, let end = invariants?.spans[k] {
                if let kept = cache.results[end] {
                    stack.append(kept)
                    k = end
                    continue
                }
            }
            defer {
                if let cache, let invariants, invariants.spans.values.contains(k), cache.results[k] == nil, let top = stack.last {
                    cache.results[k] = top
                }
            }
            let op = ops[k]
            // The last operation writes straight into place; the others into scratch runs.
            var target: Destination { k == ops.count - 1 ? out : Destination(storage: CellStorage(count: n, zeroed: false), offset: 0) }
            func push(_ target: Destination) { stack.append(.cells(Vec(storage: target.storage, offset: target.offset, stride: 1), reference: false)) }
            switch op {
            case .constant(let v):
                stack.append(.cells(constants?[k] ?? .constant(v), reference: false))
            case .missing:
                stack.append(.missing)
            case .array(let a):
                stack.append(.range(RangeCells(loose: a.values)))
            case .load(let slot, let time, let map):
                stack.append(.cells(widened(load(blocks[slot], slot: slot, time: time, members: map, period: period, run: members), n), reference: true))
            case .loadRange(let slot, let access):
                stack.append(loadRange(blocks[slot], slot: slot, access: access, period: period, run: members))
            case .axis:
                stack.append(.cells(.constant(.number(timeline.serial(ofAbsolute: timeline.first + period))), reference: false))
            case .prev(let slot, let map):
                let initial = stack.removeLast()
                if period == 0 {
                    stack.append(initial)
                } else {
                    stack.append(.cells(widened(load(blocks[slot], slot: slot, time: .shifted(-1), members: map, period: period, run: members), n),
                                        reference: true))
                }
            case .toDate(let slot, let group, let map):
                let t = target
                windowSums(blocks[slot], slot: slot, members: map, period: period, run: members,
                           from: timeline.startIndex(of: period, in: group), into: t)
                push(t)
            case .rolling(let slot, let count, let map):
                let t = target
                if let from = RollingWindow.start(of: period, count: count) {
                    windowSums(blocks[slot], slot: slot, members: map, period: period, run: members, from: from, into: t)
                } else {
                    for i in 0..<members.count { t.set(i, .error(.na)) }
                }
                push(t)
            case .negate where isArray(stack[stack.count - 1]):
                stack.append(elementwise([stack.removeLast()], n) { Operators.negate($0[0]) })
            case .negate:
                let t = target
                Kernels.negate(vec(stack.removeLast()), n, into: t)
                push(t)
            case .plus:
                break
            case .percent where isArray(stack[stack.count - 1]):
                stack.append(elementwise([stack.removeLast()], n) { Operators.percent($0[0]) })
            case .percent:
                let t = target
                Kernels.percent(vec(stack.removeLast()), n, into: t)
                push(t)
            case .binary(let op) where isArray(stack[stack.count - 1]) || isArray(stack[stack.count - 2]):
                let b = stack.removeLast()
                let a = stack.removeLast()
                stack.append(elementwise([a, b], n) { Operators.binary(op, $0[0], $0[1]) })
            case .binary(let op):
                let b = vec(stack.removeLast())
                let a = vec(stack.removeLast())
                if a.stride == 0 && b.stride == 0 {   // the same for every cell: compute it once
                    stack.append(.cells(.constant(Operators.binary(op, a.value(0), b.value(0))), reference: false))
                    continue
                }
                let t = target
                Kernels.binary(op, a, b, n, into: t)
                push(t)
            case .call(let spec, let argc):
                var args = Array(stack[(stack.count - argc)...])
                stack.removeLast(argc)
                if spec.fastPath == .sum, args.count == 1, case .range(let range) = args[0],
                   let total = treeSum(range, op: k, period: period) {
                    stack.append(.cells(.constant(FunctionKernels.finite(total)), reference: false))
                    continue
                }
                args = args.map(widened)   // the kernels read doubles
                if args.allSatisfy(\.isUniform) {   // the same for every cell: compute it once
                    let one = Destination(storage: CellStorage(count: 1), offset: 0)
                    if FunctionKernels.kernel(spec.fastPath).map({ $0(args, 1, one) }) != true { call(spec, args, 1, into: one) }
                    stack.append(.cells(Vec(storage: one.storage, offset: 0, stride: 0), reference: false))
                    continue
                }
                let t = target
                if let kernel = FunctionKernels.kernel(spec.fastPath), kernel(args, n, t) {
                    push(t)
                } else if GroupedCriteria.run(spec, args, n, into: t) {   // SUMIFS by groups of facts
                    push(t)
                } else {
                    call(spec, args, n, into: t)
                    push(t)
                }
            }
        }
        // A load, a constant or `+x` left as the result still has to be put in place.
        switch stack.last {
        case .cells(let v, _) where !(v.storage === out.storage && v.offset == out.offset):
            Kernels.copy(v, n, into: out)
        case .range, .ranges, .rows, .missing:
            for i in 0..<n { out.set(i, cellValue(stack.last!, i)) }
        default:
            break
        }
        // A formula never computes an empty cell: `=IF(TRUE, empty)` shows 0 in Excel.
        if let kinds = out.storage.kinds {
            for i in 0..<n where kinds[out.offset + i] == .blank { out.set(i, .number(0)) }
        }
    }

    /// The constants of a formula as cells, by operation.
    static func constantCells(_ ops: [Op]) -> [Vec?] {
        ops.map { op in
            if case .constant(let v) = op { return .constant(v) }
            return nil
        }
    }

    /// A long SUM over all members of one period, through its tree: built on a full
    /// computation, updated along the changed cells' paths during an update.
    ///
    /// A SUM computed without its tree (its cells are not all plain numbers now) drops the tree
    /// kept from before, which this computation's changes did not reach.
    func treeSum(_ range: RangeCells, op: Int, period: Int) -> Double? {
        guard let source = range.source, range.segments.count == 1, range.loose.isEmpty,
              range.segments[0].stride == 1, range.allNumbers else {
            sums?.trees.drop(slot: sumSlot, op: op, period: period)
            return nil
        }
        let segment = range.segments[0]
        return treeSum(source: source, segment.storage, offset: segment.offset, count: segment.count, op: op, period: period)
    }

    /// SUM of `count` consecutive plain numbers of `source`'s block from `offset`, through
    /// its tree; nil when too short to keep a tree for.
    ///
    /// A narrow source (`CellStorage.bytes`) is read as its bytes, never widened: this runs
    /// beside other runs of the block being computed. An edit through a plan widened its blocks first.
    func treeSum(source: Int, _ storage: CellStorage, offset: Int, count: Int, op: Int, period: Int) -> Double? {
        guard let sums, count > PairwiseSum.leaf else { return nil }
        let bytes = storage.bytes.map { UnsafePointer($0 + offset) }
        let trees = sums.trees
        if let tree = trees.tree(slot: sumSlot, op: op, period: period) {
            if let lone = sums.lone {
                return lone.updateTree(tree, source: source, member: sums.loneMember, UnsafePointer(storage.numbers + offset), offset: offset, count: count)
            }
            if let changes = sums.changed {
                guard let entry = changes[source] else { return tree.total }        // this source did not change
                if let cells = entry {
                    guard cells.intersects(offset..<(offset + count)) else { return tree.total }
                    if let bytes { return tree.update(bytes: bytes, count, changed: cells, offset: offset) }
                    return tree.update(UnsafePointer(storage.numbers + offset), count, changed: cells, offset: offset)
                }
            } else if trees.isCurrent(slot: sumSlot, op: op, period: period) {
                return tree.total   // built by an earlier run of members in this computation
            }
        }
        let tree = sums.fused?.leaves(of: source, storage: storage, offset: offset, count: count).map(SumTree.init(leaves:))
            ?? bytes.map { SumTree(leaves: TruthBytes.leafSums($0, count)) }
            ?? SumTree(UnsafePointer(storage.numbers + offset), count, threads: threads, log: workLog)
        trees.keep(tree, slot: sumSlot, op: op, period: period)
        return tree.total
    }

    func vec(_ operand: Operand) -> Vec {
        if case .cells(let v, _) = operand { return v }
        return .constant(cellValue(operand, 0))
    }

    /// An operand's value for cell i where one value is needed.
    func cellValue(_ operand: Operand, _ i: Int) -> Value {
        switch operand {
        case .cells(let v, _): v.value(i)
        case .range(let r): r.count == 1 ? r.values[0] : .error(.value)
        case .ranges(let rs): rs[rs.count == 1 ? 0 : i].count == 1 ? rs[rs.count == 1 ? 0 : i][0] : .error(.value)
        case .rows(let r): r.periodStarts.count == 1 ? r.values(i)[0] : .error(.value)
        case .missing: .blank
        }
    }

    /// The first cell of period q in a block, or nil when q is off the timeline.
    func base(_ block: CellStorage, slot: Int, period q: Int) -> Int? {
        let m = memberCounts[slot]
        guard q >= 0, (q + 1) * m <= block.count else { return nil }
        return q * m
    }

    func sourcePeriod(_ time: TimeAccess, period: Int) -> Int {
        switch time {
        case .none: 0
        case .shifted(let k): period + k
        case .fixed(let f): f
        }
    }

    /// One source cell per member being computed; #REF! for a period off the timeline.
    func load(_ block: CellStorage, slot: Int, time: TimeAccess, members: MemberMap, period: Int, run: Range<Int>) -> Vec {
        guard let start = base(block, slot: slot, period: sourcePeriod(time, period: period)) else {
            return .constant(.error(.ref))
        }
        switch members {
        case .identity:
            return memberCounts[slot] == 1 ? Vec(storage: block, offset: start, stride: 0) : Vec(storage: block, offset: start + run.lowerBound, stride: 1)
        case .single(let s):
            return Vec(storage: block, offset: start + s, stride: 0)
        case .gather(let indices):
            let out = CellStorage(count: run.count)
            for (i, m) in run.enumerated() { out[i] = block[start + indices[m]] }
            return Vec(storage: out, offset: 0, stride: 1)
        }
    }

    /// A load's cells as doubles: a narrow block's (`CellStorage.bytes`) copied widened for the
    /// run, as a gather copies its cells, since the kernels read doubles. The block itself is
    /// not widened: other runs may be reading it.
    func widened(_ v: Vec, _ n: Int) -> Vec {
        guard let bytes = v.storage.bytes else { return v }
        let count = v.stride == 0 ? 1 : n
        let out = CellStorage(count: count, zeroed: false)
        TruthBytes.widen(bytes + v.offset, count, into: out.numbers)
        out.setUniform(v.storage.uniformKind)
        return Vec(storage: out, offset: 0, stride: v.stride == 0 ? 0 : 1)
    }

    /// An operand with a narrow block's cells widened (as `widened(_:_:)`): the cells a range or
    /// rows read, copied as doubles in the same order; a range keeps its source for SUM's trees.
    func widened(_ operand: Operand) -> Operand {
        switch operand {
        case .range(var range) where range.segments.contains(where: { $0.storage.isNarrow }):
            range.segments = range.segments.map { s in
                guard let bytes = s.storage.bytes else { return s }
                let out = CellStorage(count: s.count, zeroed: false)
                let o = out.numbers
                for i in 0..<s.count { o[i] = Double(bytes[s.offset + i * s.stride]) }
                out.setUniform(s.storage.uniformKind)
                return .init(storage: out, offset: 0, count: s.count, stride: 1)
            }
            return .range(range)
        case .rows(let rows) where rows.storage.isNarrow:
            let bytes = rows.storage.bytes!, n = rows.members.count
            let out = CellStorage(count: max(rows.periodStarts.count * n, 1))
            let o = out.numbers
            for (k, start) in rows.periodStarts.enumerated() {
                guard let start else { continue }   // off the timeline: #REF!, as before
                for i in 0..<n { o[k * n + i] = Double(bytes[start + rows.members[i]]) }
            }
            out.setUniform(rows.storage.uniformKind)
            return .rows(RowRanges(storage: out, periodStarts: rows.periodStarts.enumerated().map { $1 == nil ? nil : $0 * n },
                                   members: Array(0..<n)))
        default:
            return operand
        }
    }

    /// The cells an aggregate reads, for the members being computed.
    func loadRange(_ block: CellStorage, slot: Int, access: RangeAccess, period: Int, run: Range<Int>) -> Operand {
        let m = memberCounts[slot]
        let periods: [Int]
        switch access.periods {
        case .none: periods = [0]
        case .shifted(let k): periods = [period + k]
        case .fixed(let r): periods = Array(r)
        }
        let starts = periods.map { base(block, slot: slot, period: $0) }
        func cellsOf(_ members: [Int]) -> [Value] {
            var out: [Value] = []
            out.reserveCapacity(members.count * starts.count)
            for start in starts {
                guard let start else { out.append(.error(.ref)); continue }
                for s in members { out.append(block[start + s]) }
            }
            return out
        }
        switch access.members {
        case .all(let members) where members.count == m && members.first == 0 && members.last == m - 1:
            // Every member in every period: whole runs of the block.
            var range = RangeCells()
            for start in starts {
                guard let start else { range.loose.append(.error(.ref)); continue }
                range.segments.append(.init(storage: block, offset: start, count: m, stride: 1))
            }
            range.source = slot
            return .range(range)
        case .map(.single(let s)) where !starts.contains(nil) && periods == Array((periods.first ?? 0)...(periods.last ?? -1)):
            // One member over consecutive periods: a run with a stride of a period.
            guard let first = starts.first, let first else { return .range(RangeCells()) }
            return .range(RangeCells(segments: [.init(storage: block, offset: first + s, count: periods.count, stride: m)]))
        case .all(let members): return .range(RangeCells(loose: cellsOf(members)))
        case .map(.single(let s)): return .range(RangeCells(loose: cellsOf([s])))
        case .map(.identity): return .rows(RowRanges(storage: block, periodStarts: starts, members: m == 1 ? run.map { _ in 0 } : Array(run)))
        case .map(.gather(let indices)): return .rows(RowRanges(storage: block, periodStarts: starts, members: run.map { indices[$0] }))
        case .groups(let groups): return .ranges(run.map { cellsOf(groups[$0]) })
        }
    }

    /// For each member, SUM over periods `from ... period` of its source cell, with Excel's
    /// range rules: numbers count; text, booleans and blanks are skipped; the first error wins.
    func windowSums(_ block: CellStorage, slot: Int, members: MemberMap, period: Int, run: Range<Int>, from: Int, into out: Destination) {
        for (i, member) in run.enumerated() {
            out.set(i, windowSum(block, slot: slot, members: members, member: member, from: from, to: period))
        }
    }

    /// Calls a function once per cell with Excel's argument rules.
    func call(_ spec: FunctionSpec, _ operands: [Operand], _ n: Int, into out: Destination) {
        let rangeValues: [[Value]?] = operands.map { if case .range(let r) = $0 { r.values } else { nil } }
        var varies = false
        for operand in operands {
            switch operand {
            case .cells(let v, _) where v.stride == 1: varies = true
            case .ranges(let rs) where rs.count > 1: varies = true
            case .rows: varies = true
            default: break
            }
        }
        var args: [Argument] = []
        args.reserveCapacity(operands.count)
        var shared: Value?
        for i in 0..<n {
            if !varies, let shared {
                out.set(i, shared)
                continue
            }
            args.removeAll(keepingCapacity: true)
            for (k, operand) in operands.enumerated() {
                switch operand {
                case .cells(let v, let reference): args.append(reference ? .reference(v.value(i)) : .value(v.value(i)))
                case .range: args.append(.range(rangeValues[k]!))
                case .ranges(let rs): args.append(.range(rs.count == 1 ? rs[0] : rs[i]))
                case .rows(let r): args.append(.range(r.values(i)))
                case .missing: args.append(.missing)
                }
            }
            let result = spec.call(args)
            if !varies { shared = result }
            out.set(i, result)
        }
    }
}
