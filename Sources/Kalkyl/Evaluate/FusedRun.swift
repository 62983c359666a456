/// A run of members computed through a `FusedProgram`, in two passes:
///
/// 1. The plan, once per run and period: the stack is followed with what each entry is (one
///    value for every cell, the cells of a block, or the cells an operation computes), values
///    that are the same for every cell are worked out at once (as `Interpreter.run` does), and
///    every other operation becomes an instruction writing a tile.
/// 2. The instructions, tile by tile: `FusedProgram.tile` members at a time, each instruction
///    reading its operands' tiles and writing its own, all in the first-level cache; the last
///    writes straight into the block.
///
/// The instructions are the kernels' own operations on the same numbers (`Kernels`,
/// `FunctionKernels`), so every cell gets the same bits. Whatever the kernels would send
/// through Excel's cell-by-cell rules makes `runFused` return false, and the run is computed by
/// `Interpreter.run` instead: an operand that is not plain numbers or truth values, a value the
/// same for every cell that is an error or text, an arithmetic result that is not a normal
/// number (#DIV/0!, #NUM!, or a subnormal that Excel shows as 0), a comparison that Excel's 15
/// digits decide.
extension Interpreter {
    /// Where an operand's cells are: a tile (`tile` ≥ 0), or memory from the run's first
    /// member with a stride of 1 (a block's cells, a kept period-independent part, the
    /// destination) or 0 (one value for every cell).
    struct FusedOperand {
        var base: UnsafeMutablePointer<Double>
        var stride: Int
        var tile: Int

        /// The operand's first cell of the tile starting at member t0 of the run.
        @inline(__always)
        func at(_ t0: Int, _ tiles: UnsafeMutablePointer<Double>) -> UnsafeMutablePointer<Double> {
            tile >= 0 ? tiles + tile * FusedProgram.tile : base + t0 * stride
        }
    }

    struct FusedInstruction {
        enum Code {
            case arithmetic(BinaryOperator)
            case compare(BinaryOperator)
            /// A comparison with one value for every cell on one side, whose cells Excel's 15
            /// digits could decide lie within `band` of that value.
            case compareToOne(BinaryOperator)
            case select, copy, negate
            /// A narrow block's bytes (at `a.base`, stride 0) from the tile's first member, as doubles.
            case widen
            /// 1 where `a` is not 0, else 0: AND's or OR's first argument.
            case truth
            /// AND's or OR's next argument, into the result so far (`out`).
            case and, or
            case not
        }
        var code: Code
        var a: FusedOperand, b: FusedOperand, c: FusedOperand
        var out: FusedOperand
        var band = 0.0
    }

    /// An entry of the plan's stack.
    struct FusedEntry {
        var kind: Kind
        var operand: FusedOperand
        /// The value, when it is the same for every cell (`operand.stride` 0, no tile).
        var scalar: Double?
        /// The first instruction of the operation that computed it, or -1.
        var group = -1

        var value: Value { kind == .bool ? .bool(scalar! != 0) : .number(scalar!) }
    }

    /// Computes `program` (the formula `Interpreter.run` would compute) for members `members`
    /// of `period` into `out`; false when the run needs Excel's cell-by-cell rules somewhere, and
    /// `run` has to compute it (the cells written here are then written again).
    func runFused(_ program: FusedProgram, period: Int, members: Range<Int>, blocks: [CellStorage], into out: Destination,
                  invariants: InvariantPlan?, cache: InvariantCache?) -> Bool {
        let steps = program.steps
        let n = members.count
        guard n > 0 else { return false }
        return withUnsafeTemporaryAllocation(of: FusedEntry.self, capacity: program.depth + 1) { stack in
            withUnsafeTemporaryAllocation(of: FusedInstruction.self, capacity: 2 * steps.count + 2) { code in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: steps.count + 1) { scalars in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: program.depth * FusedProgram.tile) { tiles in
                        var plan = FusedPlan(stack: stack.baseAddress!, code: code.baseAddress!, scalars: scalars.baseAddress!)
                        guard let result = self.plan(program, period: period, members: members, blocks: blocks, invariants: invariants,
                                                     cache: cache, into: &plan) else { return false }
                        // The last operation writes into the block.
                        let o = out.prepare(n, result.kind)
                        plan.finish(result, into: o)
                        var trouble = false
                        var t0 = 0
                        while t0 < n {
                            let m = min(FusedProgram.tile, n - t0)
                            for i in 0..<plan.count where Self.execute(plan.code[i], t0, m, tiles.baseAddress!) { trouble = true }
                            t0 += m
                        }
                        guard !trouble else { return false }
                        for kept in plan.kept {
                            if let storage = kept.storage { storage.setUniform(kept.kind) }
                            cache?.results[kept.end] = kept.operand
                        }
                        return true
                    }
                }
            }
        }
    }

    /// The plan being made: the stack, the instructions, the values the same for every cell.
    struct FusedPlan {
        let stack: UnsafeMutablePointer<FusedEntry>
        let code: UnsafeMutablePointer<FusedInstruction>
        let scalars: UnsafeMutablePointer<Double>
        var height = 0
        var count = 0
        /// Period-independent parts computed here, to keep for the run's later periods once the
        /// run has gone through: the operation that ends each, its cells and their kind.
        var kept: [(end: Int, operand: Operand, storage: CellStorage?, kind: Kind)] = []
        /// Gathered loads, alive until the run is done.
        var gathered: [CellStorage] = []

        init(stack: UnsafeMutablePointer<FusedEntry>, code: UnsafeMutablePointer<FusedInstruction>, scalars: UnsafeMutablePointer<Double>) {
            self.stack = stack
            self.code = code
            self.scalars = scalars
        }

        mutating func push(_ e: FusedEntry) {
            stack[height] = e
            height += 1
        }

        mutating func pop() -> FusedEntry {
            height -= 1
            return stack[height]
        }

        /// One value for every cell, kept at `scalars[k]`.
        mutating func push(scalar x: Double, _ kind: Kind, at k: Int) {
            scalars[k] = x
            push(FusedEntry(kind: kind, operand: FusedOperand(base: scalars + k, stride: 0, tile: -1), scalar: x))
        }

        /// Pushes a value the same for every cell, computed at once; false when it is not a
        /// number or a truth value.
        mutating func push(_ v: Value, at k: Int) -> Bool {
            switch v {
            case .number(let x): push(scalar: x, .number, at: k)
            case .bool(let b): push(scalar: b ? 1 : 0, .bool, at: k)
            default: return false
            }
            return true
        }

        /// The tile of stack level `level`.
        static func tile(_ level: Int) -> FusedOperand {
            FusedOperand(base: UnsafeMutablePointer(bitPattern: 8)!, stride: 1, tile: level)
        }

        /// Adds an instruction writing the tile of the level being pushed.
        mutating func emit(_ c: FusedInstruction.Code, _ a: FusedOperand, _ b: FusedOperand? = nil, _ c3: FusedOperand? = nil,
                           band: Double = 0) {
            code[count] = FusedInstruction(code: c, a: a, b: b ?? a, c: c3 ?? a, out: Self.tile(height), band: band)
            count += 1
        }

        /// Pushes the result of the instructions from `group` on, written to the level's tile.
        mutating func pushComputed(_ kind: Kind, group: Int) {
            push(FusedEntry(kind: kind, operand: Self.tile(height), scalar: nil, group: group))
        }

        /// Sends the instructions that computed `entry` to `memory` (cells from the run's first
        /// member) instead of their tile.
        func redirect(_ entry: FusedEntry, to memory: UnsafeMutablePointer<Double>) {
            redirect(entry, to: FusedOperand(base: memory, stride: 1, tile: -1))
        }

        /// Sends the instructions that computed `entry` to `target` instead of its tile. They are
        /// the instructions from `entry.group` on that write that tile (later ones write deeper
        /// levels' tiles, or none), and they read only tiles of deeper levels than the stack's top.
        func redirect(_ entry: FusedEntry, to target: FusedOperand) {
            for i in entry.group..<count where code[i].out.tile == entry.operand.tile {
                code[i].out = target
            }
        }

        /// Pushes `entry`, which was deeper in the stack (an operand just popped): a tile of a
        /// deeper level has the instructions that computed it write this level's tile instead, so
        /// that the next push does not overwrite it.
        mutating func pushMoved(_ entry: FusedEntry) {
            guard entry.operand.tile >= 0, entry.operand.tile != height else { return push(entry) }
            var moved = entry
            moved.operand = Self.tile(height)
            redirect(entry, to: moved.operand)
            push(moved)
        }

        /// The result into the block at `o`: its own instructions write there, or a copy does.
        mutating func finish(_ result: FusedEntry, into o: UnsafeMutablePointer<Double>) {
            if result.group >= 0 && result.operand.tile >= 0 {
                redirect(result, to: o)
                return
            }
            height = 0
            code[count] = FusedInstruction(code: .copy, a: result.operand, b: result.operand, c: result.operand,
                                           out: FusedOperand(base: o, stride: 1, tile: -1))
            count += 1
        }
    }

    /// The first pass (see `runFused`): the instructions of one run and period, and the entry
    /// holding the result; nil when the run needs `run`.
    func plan(_ program: FusedProgram, period: Int, members: Range<Int>, blocks: [CellStorage], invariants: InvariantPlan?,
              cache: InvariantCache?, into plan: inout FusedPlan) -> FusedEntry? {
        let steps = program.steps
        let n = members.count
        let spans = cache == nil ? nil : invariants?.spans
        var k = 0
        while k < steps.count {
            // A period-independent part kept from an earlier period of this run.
            if let spans, let end = spans[k], let kept = cache!.results[end] {
                guard case .cells(let v, _) = kept, let entry = entry(v, n, at: k, &plan) else { return nil }
                plan.push(entry)
                k = end + 1
                continue
            }
            switch steps[k] {
            case .constant(let x, let kind):
                plan.push(scalar: x, kind, at: k)
            case .load(let slot, let time, let map):
                let v = load(blocks[slot], slot: slot, time: time, members: map, period: period, run: members)
                guard let e = entry(v, n, at: k, &plan) else { return nil }
                if case .gather = map { plan.gathered.append(v.storage) }
                plan.push(e)
            case .axis:
                plan.push(scalar: timeline.serial(ofAbsolute: timeline.first + period), .number, at: k)
            case .prev(let slot, let map):
                let initial = plan.pop()
                if period == 0 {
                    plan.push(initial)
                } else {
                    let v = load(blocks[slot], slot: slot, time: .shifted(-1), members: map, period: period, run: members)
                    guard let e = entry(v, n, at: k, &plan) else { return nil }
                    if case .gather = map { plan.gathered.append(v.storage) }
                    plan.push(e)
                }
            case .plus:
                break
            case .negate:
                let a = plan.pop()
                if a.scalar != nil {
                    guard plan.push(Operators.negate(a.value), at: k) else { return nil }
                } else {
                    guard a.kind == .number else { return nil }
                    let group = plan.count
                    plan.emit(.negate, a.operand)
                    plan.pushComputed(.number, group: group)
                }
            case .binary(let op):
                let b = plan.pop(), a = plan.pop()
                if a.scalar != nil && b.scalar != nil {
                    guard plan.push(Operators.binary(op, a.value, b.value), at: k) else { return nil }
                    break
                }
                guard a.kind == .number && b.kind == .number else { return nil }
                let group = plan.count
                switch op {
                case .add, .subtract, .multiply, .divide:
                    plan.emit(.arithmetic(op), a.operand, b.operand)
                    plan.pushComputed(.number, group: group)
                default:
                    // Excel's 15 digits decide a pair only when |p - q| ≤ max(|p|, |q|) × 1e-13,
                    // which needs |q| < 2|p|, so |p - q| < 2|p| × 1e-13 (3 leaves room for rounding;
                    // near the subnormals that band would be rounded away, and 0 has no neighbours).
                    if let p = a.scalar ?? b.scalar, p == 0 || Swift.abs(p) >= 1e-290 {
                        plan.emit(.compareToOne(op), a.operand, b.operand, band: 3 * Swift.abs(p) * 1e-13)
                    } else {
                        plan.emit(.compare(op), a.operand, b.operand)
                    }
                    plan.pushComputed(.bool, group: group)
                }
            case .choose:
                let b = plan.pop(), a = plan.pop(), c = plan.pop()
                guard c.kind == .number || c.kind == .bool, a.kind == .number, b.kind == .number else { return nil }
                if let condition = c.scalar {   // one branch for every cell
                    let chosen = condition != 0 ? a : b
                    if let x = chosen.scalar {
                        plan.push(scalar: x, .number, at: k)
                    } else {
                        plan.pushMoved(chosen)
                    }
                } else if c.kind == .bool && a.scalar == 1 && b.scalar == 0 {
                    // IF(truth, 1, 0) is the truth value's 1 or 0, as a number.
                    var number = c
                    number.kind = .number
                    plan.pushMoved(number)
                } else {
                    let group = plan.count
                    plan.emit(.select, c.operand, a.operand, b.operand)
                    plan.pushComputed(.number, group: group)
                }
            case .logical(let all, let argc):
                var args: [FusedEntry] = []
                for _ in 0..<argc { args.append(plan.pop()) }
                args.reverse()
                guard args.allSatisfy({ $0.kind == .number || $0.kind == .bool }) else { return nil }
                // Arguments the same for every cell decide first, as `FunctionKernels.logical`.
                var start: Double = all ? 1 : 0
                for a in args {
                    guard let x = a.scalar else { continue }
                    if all ? x == 0 : x != 0 { start = all ? 0 : 1 }
                }
                let runs = args.filter { $0.scalar == nil }
                if runs.isEmpty || (all && start == 0) || (!all && start == 1) {
                    plan.push(scalar: start, .bool, at: k)
                    break
                }
                let group = plan.count
                plan.emit(.truth, runs[0].operand)
                for r in runs.dropFirst() { plan.emit(all ? .and : .or, r.operand) }
                plan.pushComputed(.bool, group: group)
            case .not:
                let a = plan.pop()
                guard a.kind == .number || a.kind == .bool else { return nil }
                if let x = a.scalar {
                    plan.push(scalar: x != 0 ? 0 : 1, .bool, at: k)
                } else {
                    let group = plan.count
                    plan.emit(.not, a.operand)
                    plan.pushComputed(.bool, group: group)
                }
            }
            // The end of a period-independent part: kept for the run's later periods.
            if let spans, cache!.results[k] == nil, spans.values.contains(k) { keep(ending: k, n, &plan) }
            k += 1
        }
        return plan.height == 1 ? plan.stack[0] : nil
    }

    /// An entry for a load's cells (or a kept part's); nil unless they are plain numbers, or
    /// plain truth values, or one such value for every cell.
    func entry(_ v: Vec, _ n: Int, at k: Int, _ plan: inout FusedPlan) -> FusedEntry? {
        if v.stride == 0 {
            guard plan.push(v.value(0), at: k) else { return nil }
            return plan.pop()
        }
        let kind: Kind
        if v.storage.kinds == nil {
            kind = v.storage.uniformKind
        } else if v.allNumbers(n) {
            kind = .number
        } else {
            return nil
        }
        guard kind == .number || kind == .bool else { return nil }
        if let bytes = v.storage.bytes {
            // A narrow block: its bytes widened into the level's tile, a tile at a time in cache,
            // and read from there; an eighth of the memory traffic, and the block stays narrow.
            let group = plan.count
            plan.emit(.widen, FusedOperand(base: UnsafeMutablePointer(OpaquePointer(bytes + v.offset)), stride: 0, tile: -1))
            return FusedEntry(kind: kind, operand: FusedPlan.tile(plan.height), scalar: nil, group: group)
        }
        return FusedEntry(kind: kind, operand: FusedOperand(base: v.numbers, stride: 1, tile: -1), scalar: nil)
    }

    /// Keeps the top of the stack, the period-independent part ending at operation `end`, for
    /// the run's later periods: its cells go to storage of their own instead of a tile.
    func keep(ending end: Int, _ n: Int, _ plan: inout FusedPlan) {
        let top = plan.stack[plan.height - 1]
        if top.scalar != nil {
            plan.kept.append((end, .cells(.constant(top.value), reference: false), nil, top.kind))
        } else if top.group >= 0 && top.operand.tile >= 0 {
            let storage = CellStorage(count: n, zeroed: false)
            plan.redirect(top, to: storage.numbers)
            var moved = top
            moved.operand = FusedOperand(base: storage.numbers, stride: 1, tile: -1)
            moved.group = -1
            plan.stack[plan.height - 1] = moved
            plan.kept.append((end, .cells(Vec(storage: storage, offset: 0, stride: 1), reference: false), storage, top.kind))
        }
    }

    /// One instruction over the m members of the tile starting at t0; whether a cell needs
    /// Excel's cell-by-cell rules.
    @inline(__always)
    static func execute(_ ins: FusedInstruction, _ t0: Int, _ m: Int, _ tiles: UnsafeMutablePointer<Double>) -> Bool {
        let a = ins.a.at(t0, tiles), sa = ins.a.tile >= 0 ? 1 : ins.a.stride
        let b = ins.b.at(t0, tiles), sb = ins.b.tile >= 0 ? 1 : ins.b.stride
        let o = ins.out.at(t0, tiles)
        switch ins.code {
        case .arithmetic(let op):
            return Kernels.arithmeticLanes(op, a, sa, b, sb, o, m)
        case .compare(let op):
            return any(Kernels.compareLanes(Kernels.truth(op), a, sa, b, sb, o, m))
        case .compareToOne(let op):
            switch op {
            case .equal: return compareToOne(a, sa, b, sb, o, m, band: ins.band) { $0 .== $1 }
            case .notEqual: return compareToOne(a, sa, b, sb, o, m, band: ins.band) { $0 .!= $1 }
            case .less: return compareToOne(a, sa, b, sb, o, m, band: ins.band) { $0 .< $1 }
            case .lessEqual: return compareToOne(a, sa, b, sb, o, m, band: ins.band) { $0 .<= $1 }
            case .greater: return compareToOne(a, sa, b, sb, o, m, band: ins.band) { $0 .> $1 }
            default: return compareToOne(a, sa, b, sb, o, m, band: ins.band) { $0 .>= $1 }
            }
        case .select:
            let c = ins.c.at(t0, tiles), sc = ins.c.tile >= 0 ? 1 : ins.c.stride
            // `a` is the condition, `b` and `c` the branches, as FunctionKernels.conditional.
            let zero = Lanes.V()
            Lanes.forEach(b, sb, c, sc, m) { i, p, q in
                let condition = i + Lanes.width <= m ? Lanes.load(a, i) : Lanes.loadTail(a, i, m)
                Lanes.store(q.replacing(with: p, where: condition .!= zero), o, i, m)
            }
        case .copy:
            for i in 0..<m { o[i] = a[i * sa] }
        case .widen:
            TruthBytes.widen(UnsafePointer<UInt8>(OpaquePointer(ins.a.base)) + t0, m, into: o)
        case .negate:
            let zero = Lanes.V()
            Lanes.forEach(a, sa, a, sa, m) { i, x, _ in Lanes.store((-x).replacing(with: zero, where: x .== zero), o, i, m) }
        case .truth:
            let zero = Lanes.V(), one = Lanes.V(repeating: 1)
            Lanes.forEach(a, sa, a, sa, m) { i, x, _ in Lanes.store(one.replacing(with: zero, where: x .== zero), o, i, m) }
        case .and:
            let zero = Lanes.V()
            Lanes.forEach(o, 1, a, sa, m) { i, r, x in Lanes.store(r.replacing(with: zero, where: x .== zero), o, i, m) }
        case .or:
            let one = Lanes.V(repeating: 1)
            Lanes.forEach(o, 1, a, sa, m) { i, r, x in Lanes.store(r.replacing(with: one, where: x .!= Lanes.V()), o, i, m) }
        case .not:
            let zero = Lanes.V(), one = Lanes.V(repeating: 1)
            Lanes.forEach(a, sa, a, sa, m) { i, x, _ in Lanes.store(zero.replacing(with: one, where: x .== zero), o, i, m) }
        }
        return false
    }

    /// A comparison with one value for every cell: 1 where `holds` (the operator on the exact
    /// numbers), else 0, which is what `Kernels.compareLanes` gives where the 15 digits do not
    /// decide; and whether any cell other than an equal one lies within `band` of the one value,
    /// which holds every cell they could decide. With h = band / 2, that is a distance d = |p - q|
    /// with |d - h| < h (0 < d < band; d is 0 exactly for equal cells), whose least is kept as a
    /// number, not as masks combined lane by lane.
    @inline(__always)
    static func compareToOne(_ x: UnsafePointer<Double>, _ sa: Int, _ y: UnsafePointer<Double>, _ sb: Int,
                             _ o: UnsafeMutablePointer<Double>, _ n: Int, band: Double, _ holds: (Lanes.V, Lanes.V) -> Lanes.Mask) -> Bool {
        let zero = Lanes.V(), one = Lanes.V(repeating: 1)
        let h = Lanes.V(repeating: band / 2)
        var closest = Lanes.V(repeating: .infinity)
        Lanes.forEach(x, sa, y, sb, n) { i, p, q in
            let d = Lanes.magnitude(Lanes.magnitude(p - q) - h)
            closest = closest.replacing(with: d, where: d .< closest)
            Lanes.store(zero.replacing(with: one, where: holds(p, q)), o, i, n)
        }
        return closest.min() < band / 2
    }
}
