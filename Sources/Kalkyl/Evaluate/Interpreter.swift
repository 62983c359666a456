/// Runs a compiled formula over a slab of cells at once: every `Op` works on whole columns,
/// so the cost of dispatch is paid once per slab, not once per cell.
struct Interpreter {
    let timeline: Timeline

    /// What sits on the evaluation stack.
    enum Operand {
        /// One value per cell (or one for all); `reference` when it came through a name,
        /// which matters to Excel's aggregates.
        case cells(Column, reference: Bool)
        /// A fixed set of cells for an aggregate, the same for every cell of the slab.
        case range([Value])
        case missing
    }

    /// Computes `ops` for periods `start ..< start + count` (a scalar uses 0 ..< 1), reading
    /// other definitions from `blocks`. The result has `count` cells.
    func run(_ ops: [Op], start: Int, count: Int, blocks: [Column]) -> Column {
        var stack: [Operand] = []
        stack.reserveCapacity(8)
        for op in ops {
            switch op {
            case .constant(let v):
                stack.append(.cells(Column.repeating(v, count: 1), reference: false))
            case .missing:
                stack.append(.missing)
            case .load(let slot, let offset):
                stack.append(.cells(shifted(blocks[slot], start: start + offset, count: count), reference: true))
            case .loadScalar(let slot):
                stack.append(.cells(blocks[slot], reference: true))
            case .loadPeriod(let slot, let period):
                stack.append(.cells(Column.repeating(blocks[slot][period], count: 1), reference: true))
            case .loadRange(let slot, let from, let to):
                let block = blocks[slot]
                stack.append(.range((from...to).map { block[$0] }))
            case .axis:
                stack.append(.cells(.numbers((start..<(start + count)).map { timeline.serial(ofAbsolute: timeline.first + $0) }), reference: false))
            case .prev(let slot):
                let initial = cells(stack.removeLast())
                let block = blocks[slot]
                var out: [Value] = []
                out.reserveCapacity(count)
                for i in 0..<count {
                    let p = start + i
                    out.append(p == 0 ? initial[i] : block[p - 1])
                }
                stack.append(.cells(Column(out), reference: true))
            case .ytd(let slot):
                stack.append(.cells(windowSums(blocks[slot], start: start, count: count) { timeline.fiscalYearStartIndex(of: $0) }, reference: false))
            case .rolling(let slot, let n):
                stack.append(.cells(windowSums(blocks[slot], start: start, count: count) { max(0, $0 - n + 1) }, reference: false))
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

    func cells(_ operand: Operand) -> Column {
        switch operand {
        case .cells(let c, _): c
        case .range(let vs): Column.repeating(vs.count == 1 ? vs[0] : .error(.value), count: 1)
        case .missing: Column.repeating(.blank, count: 1)
        }
    }

    /// Periods `start ..< start + count` of a block; #REF! for periods off the timeline.
    func shifted(_ block: Column, start: Int, count: Int) -> Column {
        if block.count == 1 { return block }
        if start >= 0 && start + count <= block.count { return block.slice(start..<(start + count)) }
        var out: [Value] = []
        out.reserveCapacity(count)
        for p in start..<(start + count) {
            out.append(p >= 0 && p < block.count ? block[p] : .error(.ref))
        }
        return Column(out)
    }

    /// For each period, SUM over `windowStart(p) ... p`, with Excel's range rules: numbers
    /// count, text, booleans and blanks in cells are skipped, the first error wins.
    func windowSums(_ block: Column, start: Int, count: Int, windowStart: (Int) -> Int) -> Column {
        var out: [Value] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let p = start + i
            var sum = 0.0
            var failure: ExcelError?
            for q in windowStart(p)...p {
                switch block[q] {
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
        for case .cells(let c, _) in operands where c.count > 1 { width = c.count }
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
                case .missing: args.append(.missing)
                }
            }
            results.append(spec.evaluate(args))
        }
        return Column(results)
    }
}
