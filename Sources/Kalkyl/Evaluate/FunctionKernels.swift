/// Whole-run versions of the functions a model calls most, for runs of plain numbers and
/// booleans. Each returns false when its inputs need Excel's cell-by-cell rules; the caller
/// then calls the function's `FunctionSpec` for every cell, so both paths give one answer.
enum FunctionKernels {
    typealias Kernel = @Sendable ([Interpreter.Operand], Int, Destination) -> Bool

    /// The kernel a function's description names, if any.
    static func kernel(_ fastPath: FastPath?) -> Kernel? {
        switch fastPath {
        case nil: nil
        case .choose?: conditional
        case .and?: { logical($0, $1, $2, all: true) }
        case .or?: { logical($0, $1, $2, all: false) }
        case .not?: not
        case .sum?: { aggregate($0, $1, $2, .sum) }
        case .count?: { aggregate($0, $1, $2, .count) }
        case .average?: { aggregate($0, $1, $2, .average) }
        case .min?: { aggregate($0, $1, $2, .min) }
        case .max?: { aggregate($0, $1, $2, .max) }
        }
    }

    /// The cells of an operand that is one value per cell.
    static func cells(_ operand: Interpreter.Operand) -> Vec? {
        if case .cells(let v, _) = operand { return v }
        return nil
    }

    /// IF(condition, then, else) with a numeric or boolean condition and number branches.
    static func conditional(_ args: [Interpreter.Operand], _ n: Int, _ out: Destination) -> Bool {
        guard args.count == 3, let c = cells(args[0]), let a = cells(args[1]), let b = cells(args[2]),
              c.allNumbersOrBools(n), a.allNumbers(n), b.allNumbers(n) else { return false }
        let cx = c.numbers, ax = a.numbers, bx = b.numbers
        let o = out.numbers(n)
        // Four cells at a time, both branches read and the condition a select, not a jump.
        let sc = c.stride, sa = a.stride, sb = b.stride
        if sc == 0 {   // the same condition for every cell: one branch, copied
            let (x, s) = cx[0] != 0 ? (ax, sa) : (bx, sb)
            for i in 0..<n { o[i] = x[i * s] }
            return true
        }
        let zero = Lanes.V()
        Lanes.forEach(ax, sa, bx, sb, n) { i, p, q in
            let condition = i + Lanes.width <= n ? Lanes.load(cx, i) : Lanes.loadTail(cx, i, n)
            Lanes.store(q.replacing(with: p, where: condition .!= zero), o, i, n)
        }
        return true
    }

    /// AND/OR over values per cell that are numbers or booleans.
    static func logical(_ args: [Interpreter.Operand], _ n: Int, _ out: Destination, all: Bool) -> Bool {
        var vecs: [Vec] = []
        for arg in args {
            guard let v = cells(arg), v.allNumbersOrBools(n) else { return false }
            vecs.append(v)
        }
        let o = out.bools(n)
        // Uniform arguments decide once; the others are combined one whole run at a time.
        var start: Double = all ? 1 : 0
        var runs: [UnsafeMutablePointer<Double>] = []
        for v in vecs {
            if v.stride == 0 {
                let truth = v.numbers[0] != 0
                if all ? !truth : truth { start = all ? 0 : 1 }
            } else {
                runs.append(v.numbers)
            }
        }
        for i in 0..<n { o[i] = start }
        if (all && start == 0) || (!all && start == 1) { return true }
        let zero = Lanes.V(), one = Lanes.V(repeating: 1)
        for x in runs {
            var i = 0
            while i < n {
                let whole = i + Lanes.width <= n
                let r = whole ? Lanes.load(o, i) : Lanes.loadTail(o, i, n)
                let v = whole ? Lanes.load(x, i) : Lanes.loadTail(x, i, n)
                Lanes.store(all ? r.replacing(with: zero, where: v .== zero) : r.replacing(with: one, where: v .!= zero), o, i, n)
                i += Lanes.width
            }
        }
        return true
    }

    static func not(_ args: [Interpreter.Operand], _ n: Int, _ out: Destination) -> Bool {
        guard args.count == 1, let v = cells(args[0]), v.allNumbersOrBools(n) else { return false }
        let o = out.bools(n)
        let x = v.numbers
        for i in 0..<n { o[i] = x[i * v.stride] != 0 ? 0 : 1 }
        return true
    }

    enum Aggregate { case sum, count, average, min, max }

    /// An aggregate of one range of plain numbers, the same for every cell, or of each
    /// member's own row of periods.
    static func aggregate(_ args: [Interpreter.Operand], _ n: Int, _ out: Destination, _ kind: Aggregate) -> Bool {
        if args.count == 1, case .rows(let rows) = args[0] { return aggregateRows(rows, n, out, kind) }
        guard args.count == 1, case .range(let range) = args[0], range.allNumbers else { return false }
        let result: Value
        switch kind {
        case .sum: result = finite(PairwiseSum.sum(range))
        case .count: result = .number(Double(range.count))
        case .average: result = range.count == 0 ? .error(.div0) : finite(PairwiseSum.sum(range) / Double(range.count))
        case .min, .max:
            var best: Double?
            for s in range.segments {
                let base = s.storage.numbers
                for i in 0..<s.count {
                    let x = base[s.offset + i * s.stride]
                    if let b = best { best = kind == .min ? Swift.min(b, x) : Swift.max(b, x) } else { best = x }
                }
            }
            result = .number(best ?? 0)
        }
        for i in 0..<n { out.set(i, result) }
        return true
    }

    /// Each member's aggregate over its periods, added in period order (a row is short:
    /// up to 64 periods this is SUM's order, see `PairwiseSum`).
    static func aggregateRows(_ rows: RowRanges, _ n: Int, _ out: Destination, _ kind: Aggregate) -> Bool {
        guard rows.allNumbers, rows.periodStarts.count <= PairwiseSum.leaf, !rows.periodStarts.isEmpty else { return false }
        let src = rows.storage.numbers
        let starts = rows.periodStarts.map { $0! }
        let count = Double(starts.count)
        let o = out.numbers(n)
        rows.members.withUnsafeBufferPointer { members in
            switch kind {
            case .sum, .average:
                for i in 0..<n { o[i] = 0 }
                let contiguous = members.count > 0 && members[n - 1] - members[0] == n - 1
                for start in starts {
                    if contiguous {   // the usual case: the same members, in order
                        let base = src + start + members[0]
                        for i in 0..<n { o[i] += base[i] }
                    } else {
                        let base = src + start
                        for i in 0..<n { o[i] += base[members[i]] }
                    }
                }
                if kind == .average { for i in 0..<n { o[i] /= count } }
            case .count:
                for i in 0..<n { o[i] = count }
            case .min, .max:
                for i in 0..<n { o[i] = src[starts[0] + members[i]] }
                for start in starts.dropFirst() {
                    let base = src + start
                    for i in 0..<n { o[i] = kind == .min ? Swift.min(o[i], base[members[i]]) : Swift.max(o[i], base[members[i]]) }
                }
            }
        }
        if Lanes.anyUnusual(o, n) {
            for i in 0..<n where Kernels.isUnusual(o[i]) { out.set(i, finite(o[i])) }
        }
        return true
    }

    static func finite(_ x: Double) -> Value {
        x.isFinite ? .number(abs(x) < Double.leastNormalMagnitude ? 0 : x) : .error(.num)
    }
}

/// SUM's order (see `PairwiseSum`) over the cells of a range of plain numbers.
extension PairwiseSum {
    static func sum(_ range: RangeCells) -> Double {
        if range.count <= leaf {
            var total = 0.0
            for s in range.segments {
                let base = s.storage.numbers
                for i in 0..<s.count { total += base[s.offset + i * s.stride] }
            }
            return total
        }
        if range.segments.count == 1, range.segments[0].stride == 1 {
            let s = range.segments[0]
            return combine(leafSums(s.storage.numbers + s.offset, s.count))
        }
        var leaves: [Double] = []
        leaves.reserveCapacity(range.count / leaf + 1)
        var current = 0.0
        var filled = 0
        for s in range.segments {
            let base = s.storage.numbers + s.offset
            for i in 0..<s.count {
                current += base[i * s.stride]
                filled += 1
                if filled == leaf {
                    leaves.append(current)
                    current = 0
                    filled = 0
                }
            }
        }
        if filled > 0 { leaves.append(current) }
        return combine(leaves)
    }
}
