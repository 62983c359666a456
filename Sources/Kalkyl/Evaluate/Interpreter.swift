/// Runs a compiled formula over a slab of cells at once: every `Op` works on whole columns,
/// so the cost of dispatch is paid once per slab, not once per cell.
struct Interpreter {
    let timeline: Timeline
    /// Members per period of each definition's block, by slot.
    let memberCounts: [Int]

    /// What sits on the evaluation stack.
    enum Operand {
        /// One value per cell (or one for all); `reference` when it came through a name,
        /// which matters to Excel's aggregates.
        case cells(Column, reference: Bool)
        /// A set of cells for an aggregate, the same for every cell being computed.
        case range([Value])
        /// A set of cells for an aggregate, one set per cell being computed.
        case ranges([[Value]])
        case missing
    }

    /// Computes `ops` for the `count` members of one period (`period`; 0 for a definition
    /// without periods), reading other definitions from `blocks`. The result has `count` cells.
    func run(_ ops: [Op], period: Int, count: Int, blocks: [Column]) -> Column {
        var stack: [Operand] = []
        stack.reserveCapacity(8)
        for op in ops {
            switch op {
            case .constant(let v):
                stack.append(.cells(Column.repeating(v, count: 1), reference: false))
            case .missing:
                stack.append(.missing)
            case .load(let slot, let time, let members):
                stack.append(.cells(load(blocks[slot], slot: slot, time: time, members: members, period: period, count: count), reference: true))
            case .loadRange(let slot, let access):
                stack.append(loadRange(blocks[slot], slot: slot, access: access, period: period, count: count))
            case .axis:
                stack.append(.cells(.numbers([timeline.serial(ofAbsolute: timeline.first + period)]), reference: false))
            case .prev(let slot, let members):
                let initial = cells(stack.removeLast())
                if period == 0 {
                    stack.append(.cells(initial, reference: false))
                } else {
                    stack.append(.cells(load(blocks[slot], slot: slot, time: .shifted(-1), members: members, period: period, count: count), reference: true))
                }
            case .ytd(let slot, let members):
                stack.append(.cells(windowSums(blocks[slot], slot: slot, members: members, period: period, count: count,
                                               from: timeline.fiscalYearStartIndex(of: period)), reference: false))
            case .rolling(let slot, let n, let members):
                stack.append(.cells(windowSums(blocks[slot], slot: slot, members: members, period: period, count: count,
                                               from: max(0, period - n + 1)), reference: false))
            case .negate:
                stack.append(.cells(Kernels.negate(cells(stack.removeLast())), reference: false))
            case .plus:
                let a = stack.removeLast()
                stack.append(.cells(cells(a), reference: false))
            case .percent:
                stack.append(.cells(Kernels.percent(cells(stack.removeLast())), reference: false))
            case .binary(let op):
                let b = cells(stack.removeLast())
                let a = cells(stack.removeLast())
                stack.append(.cells(Kernels.binary(op, a, b), reference: false))
            case .call(let spec, let argc):
                let args = Array(stack[(stack.count - argc)...])
                stack.removeLast(argc)
                stack.append(.cells(call(spec, args), reference: false))
            }
        }
        guard let top = stack.last else { return Column.repeating(.error(.value), count: count) }
        return Interpreter.blanksAsZero(cells(top)).broadcast(to: count)
    }

    /// A formula never computes an empty cell: `=IF(TRUE, empty)` shows 0 in Excel.
    static func blanksAsZero(_ c: Column) -> Column {
        guard case .values(let vs) = c, vs.contains(.blank) else { return c }
        return Column(vs.map { $0 == .blank ? .number(0) : $0 })
    }

    /// The first cell of period q in a block, or nil when q is off the timeline.
    func base(_ block: Column, slot: Int, period q: Int) -> Int? {
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
    func load(_ block: Column, slot: Int, time: TimeAccess, members: MemberMap, period: Int, count: Int) -> Column {
        guard let start = base(block, slot: slot, period: sourcePeriod(time, period: period)) else {
            return Column.repeating(.error(.ref), count: 1)
        }
        switch members {
        case .identity:
            return memberCounts[slot] == 1 ? Column.repeating(block[start], count: 1) : block.slice(start..<(start + memberCounts[slot]))
        case .single(let s):
            return Column.repeating(block[start + s], count: 1)
        case .gather(let indices):
            return Column(indices.map { block[start + $0] })
        }
    }

    /// The cells an aggregate reads, for every member being computed.
    func loadRange(_ block: Column, slot: Int, access: RangeAccess, period: Int, count: Int) -> Operand {
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
        case .all(let members): return .range(cellsOf(members))
        case .map(.single(let s)): return .range(cellsOf([s]))
        case .map(.identity): return .ranges((0..<count).map { cellsOf([$0]) })
        case .map(.gather(let indices)): return .ranges(indices.map { cellsOf([$0]) })
        case .groups(let groups): return .ranges(groups.map(cellsOf))
        }
    }

    func cells(_ operand: Operand) -> Column {
        switch operand {
        case .cells(let c, _): c
        case .range(let vs): Column.repeating(vs.count == 1 ? vs[0] : .error(.value), count: 1)
        case .ranges(let rs): Column(rs.map { $0.count == 1 ? $0[0] : .error(.value) })
        case .missing: Column.repeating(.blank, count: 1)
        }
    }

    /// For each member, SUM over periods `from ... period` of its source cell, with Excel's
    /// range rules: numbers count; text, booleans and blanks are skipped; the first error wins.
    func windowSums(_ block: Column, slot: Int, members: MemberMap, period: Int, count: Int, from: Int) -> Column {
        let m = memberCounts[slot]
        let sourceMembers: [Int]
        switch members {
        case .identity: sourceMembers = Array(0..<m)
        case .single(let s): sourceMembers = [s]
        case .gather(let indices): sourceMembers = indices
        }
        var out: [Value] = []
        out.reserveCapacity(sourceMembers.count)
        for s in sourceMembers {
            var sum = 0.0
            var failure: ExcelError?
            for q in from...period {
                switch block[q * m + s] {
                case .number(let x): sum += x
                case .error(let e): failure = failure ?? e
                default: break
                }
            }
            out.append(failure.map { .error($0) } ?? (sum.isFinite ? .number(sum) : .error(.num)))
        }
        return Column(out)
    }

    /// Calls a function once per cell, or once for the whole slab when no argument varies.
    func call(_ spec: FunctionSpec, _ operands: [Operand]) -> Column {
        var width = 1
        for operand in operands {
            switch operand {
            case .cells(let c, _) where c.count > 1: width = c.count
            case .ranges(let rs) where rs.count > 1: width = rs.count
            default: break
            }
        }
        var results: [Value] = []
        results.reserveCapacity(width)
        var args: [Argument] = []
        args.reserveCapacity(operands.count)
        for i in 0..<width {
            args.removeAll(keepingCapacity: true)
            for operand in operands {
                switch operand {
                case .cells(let c, let reference): args.append(reference ? .reference(c[i]) : .value(c[i]))
                case .range(let vs): args.append(.range(vs))
                case .ranges(let rs): args.append(.range(rs.count == 1 ? rs[0] : rs[i]))
                case .missing: args.append(.missing)
                }
            }
            results.append(spec.evaluate(args))
        }
        return Column(results)
    }
}
