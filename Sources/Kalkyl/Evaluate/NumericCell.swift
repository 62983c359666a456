/// One cell of a formula computed on plain doubles: the first path of an update, which
/// recomputes a few scattered cells. It reads numbers and booleans straight from the blocks'
/// buffers and keeps its stack in temporary memory, so a cell costs no allocation and no
/// reference counting. It does exactly what the run kernels do for a run of numbers
/// (`Kernels`, `FunctionKernels`), so a cell gets the bits a full evaluation gives it; at the
/// first value or function it does not handle (text, an error, a blank, a result Excel shows
/// differently) it gives up and `runCell` computes the cell with Excel's general rules.
extension Interpreter {
    /// A number or a boolean (0 or 1) on the stack; `uniform` when a run would hold it as one
    /// value for all its members (stride 0), which decides how the run computes with it.
    struct Scalar {
        var x: Double
        var kind: Kind
        var uniform: Bool
    }

    /// The cell's value and kind, or nil when it needs the general rules.
    func runNumericCell(_ program: NumericProgram, period: Int, member: Int, blocks: [CellStorage]) -> Scalar? {
        withUnsafeTemporaryAllocation(of: Scalar.self, capacity: max(program.depth, 1)) { stack in
            var top = 0
            func push(_ s: Scalar) { stack[top] = s; top += 1 }
            func pop() -> Scalar { top -= 1; return stack[top] }
            func source(_ read: NumericProgram.MemberRead) -> MemberSource {
                switch read {
                case .identity: .identity
                case .single(let s): .single(s)
                case .gather(let g): .gather(program.gathers[g][member])
                }
            }
            for step in program.steps {
                switch step {
                case .constant(let x, let kind):
                    push(Scalar(x: x, kind: kind, uniform: true))
                case .load(let slot, let time, let read):
                    guard let s = numericCell(blocks[slot], slot: slot, time: time, member: source(read), period: period, of: member) else { return nil }
                    push(s)
                case .axis:
                    push(Scalar(x: timeline.serial(ofAbsolute: timeline.first + period), kind: .number, uniform: true))
                case .prev(let slot, let read):
                    if period > 0 {
                        _ = pop()
                        guard let s = numericCell(blocks[slot], slot: slot, time: .shifted(-1), member: source(read), period: period, of: member) else { return nil }
                        push(s)
                    }
                case .window(let slot, let read, let group, let rolling):
                    // A window the timeline cannot fill is #N/A: the general rules give it.
                    guard let from = group.map({ timeline.startIndex(of: period, in: $0) }) ?? RollingWindow.start(of: period, count: rolling)
                    else { return nil }
                    guard let sum = numericWindowSum(blocks[slot], slot: slot, member: source(read), of: member, from: from, to: period) else { return nil }
                    push(Scalar(x: sum, kind: .number, uniform: false))
                case .negate:
                    let a = pop()
                    guard a.kind == .number else { return nil }
                    push(Scalar(x: a.x == 0 ? 0 : -a.x, kind: .number, uniform: false))
                case .binary(let op):
                    let b = pop(), a = pop()
                    guard a.kind == .number, b.kind == .number, let r = Interpreter.numericBinary(op, a, b) else { return nil }
                    push(r)
                case .sum(let slot, let periods, let read, let op):
                    guard let (sum, uniform) = numericSum(blocks[slot], slot: slot, periods: periods, member: read.map(source), of: member,
                                                          op: op, period: period),
                          !Kernels.isUnusual(sum) else { return nil }
                    push(Scalar(x: sum, kind: .number, uniform: uniform))
                case .logical(let f, let argc):
                    guard let r = Interpreter.numericLogical(f, stack, top - argc, argc) else { return nil }
                    top -= argc
                    push(r)
                }
            }
            return top == 1 ? stack[0] : nil
        }
    }

    /// The member a cell reads, with a gather's index already looked up.
    enum MemberSource {
        case identity
        case single(Int)
        case gather(Int)
    }

    /// `a op b` on two numbers as a run computes it: with `Operators` when both are uniform
    /// (the run computes it once), else as `Kernels.arithmetic` and `Kernels.compare` do; nil
    /// where a run would go through `Operators` for this cell (an unusual result, `^`, `&`).
    static func numericBinary(_ op: BinaryOperator, _ a: Scalar, _ b: Scalar) -> Scalar? {
        if a.uniform && b.uniform {
            switch Operators.binary(op, .number(a.x), .number(b.x)) {
            case .number(let r): return Scalar(x: r, kind: .number, uniform: true)
            case .bool(let t): return Scalar(x: t ? 1 : 0, kind: .bool, uniform: true)
            default: return nil
            }
        }
        let x = a.x, y = b.x
        let r: Double
        switch op {
        case .add: r = x + y
        case .subtract: r = x - y
        case .multiply: r = x * y + 0
        case .divide: r = x / y + 0
        case .power, .concat: return nil
        default:
            let truth = Operators.holds(op, order: Operators.compareNumbers(x, y))
            return Scalar(x: truth ? 1 : 0, kind: .bool, uniform: false)
        }
        return Kernels.isUnusual(r) ? nil : Scalar(x: r, kind: .number, uniform: false)
    }

    /// IF, AND, OR and NOT on numbers and booleans, as `FunctionKernels` computes them (once
    /// for a run when every argument is uniform).
    static func numericLogical(_ f: NumericProgram.Logical, _ stack: UnsafeMutableBufferPointer<Scalar>, _ first: Int, _ argc: Int) -> Scalar? {
        var uniform = true
        for i in first..<(first + argc) where !stack[i].uniform { uniform = false }
        switch f {
        case .choose:
            guard stack[first + 1].kind == .number, stack[first + 2].kind == .number else { return nil }
            var chosen = stack[first].x != 0 ? stack[first + 1] : stack[first + 2]
            chosen.uniform = uniform
            return chosen
        case .and, .or:
            let all = f == .and
            var truth = all
            for i in first..<(first + argc) where (stack[i].x != 0) != all { truth = !all }
            return Scalar(x: truth ? 1 : 0, kind: .bool, uniform: uniform)
        case .not:
            return Scalar(x: stack[first].x != 0 ? 0 : 1, kind: .bool, uniform: uniform)
        }
    }

    /// The index within a period of the source member that member `member` reads.
    @inline(__always)
    func sourceMember(_ read: MemberSource, slot: Int, of member: Int) -> Int {
        switch read {
        case .identity: memberCounts[slot] == 1 ? 0 : member
        case .single(let s): s
        case .gather(let s): s
        }
    }

    /// A number or boolean cell, read from the buffers; nil for any other kind or off the timeline.
    func numericCell(_ block: CellStorage, slot: Int, time: TimeAccess, member read: MemberSource, period: Int, of member: Int) -> Scalar? {
        guard let start = base(block, slot: slot, period: sourcePeriod(time, period: period)) else { return nil }
        let i = start + sourceMember(read, slot: slot, of: member)
        let kind = block.kinds?[i] ?? block.uniformKind
        guard kind == .number || kind == .bool else { return nil }
        // A run reads a source without members, or one fixed member, as one value for all.
        let uniform: Bool
        switch read {
        case .identity: uniform = memberCounts[slot] == 1
        case .single: uniform = true
        case .gather: uniform = false
        }
        return Scalar(x: block.number(i), kind: kind, uniform: uniform)
    }

    /// `windowSum` on a block of plain numbers; nil otherwise.
    func numericWindowSum(_ block: CellStorage, slot: Int, member read: MemberSource, of member: Int, from: Int, to: Int) -> Double? {
        guard block.isAllNumbers else { return nil }
        let m = memberCounts[slot]
        let s = sourceMember(read, slot: slot, of: member)
        var sum = 0.0
        for q in from...to { sum += block.number(q * m + s) }
        return Kernels.isUnusual(sum) ? nil : sum
    }

    /// SUM of the cells an aggregate reads for one member, in SUM's order: up to 64 cells one
    /// after the other (periods in order, and members in order within a period, as the runs
    /// read them); all members (`read` nil) of one period through the sum tree. With whether
    /// a run reads the range as one for all its members. Nil for anything else.
    func numericSum(_ block: CellStorage, slot: Int, periods: RangeAccess.Periods, member read: MemberSource?, of member: Int,
                    op: Int, period: Int) -> (Double, Bool)? {
        guard block.isAllNumbers else { return nil }
        let m = memberCounts[slot]
        let first: Int, last: Int
        switch periods {
        case .none: (first, last) = (0, 0)
        case .shifted(let k): (first, last) = (period + k, period + k)
        case .fixed(let r): (first, last) = (r.lowerBound, r.upperBound)
        }
        guard first >= 0, last >= first, (last + 1) * m <= block.count else { return nil }
        if let read {
            guard last - first < PairwiseSum.leaf else { return nil }
            let s = sourceMember(read, slot: slot, of: member)
            var sum = 0.0
            for q in first...last { sum += block.number(q * m + s) }
            if case .single = read { return (sum, true) }
            return (sum, false)   // a run reads each member's own row
        }
        let count = (last - first + 1) * m
        if count <= PairwiseSum.leaf {
            var sum = 0.0
            for i in (first * m)..<((last + 1) * m) { sum += block.number(i) }
            return (sum, true)
        }
        guard first == last else { return nil }
        return treeSum(source: slot, block, offset: first * m, count: m, op: op, period: period).map { ($0, true) }
    }
}
