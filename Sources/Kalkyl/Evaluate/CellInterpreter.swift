/// Runs a compiled formula for a single cell, with plain values instead of runs: the path of
/// an update, which recomputes a few scattered cells. It applies the same rules as the run
/// kernels (`KernelAgreementTests` holds the two to one answer) and the same SUM trees.
extension Interpreter {
    enum CellOperand {
        case value(Value, reference: Bool)
        case range(RangeCells)
        case missing
    }

    func runCell(_ ops: [Op], period: Int, member: Int, blocks: [CellStorage]) -> Value {
        var stack: [CellOperand] = []
        stack.reserveCapacity(8)
        func value(_ operand: CellOperand) -> Value {
            switch operand {
            case .value(let v, _): v
            case .range(let r): r.count == 1 ? r.values[0] : .error(.value)
            case .missing: .blank
            }
        }
        for (k, op) in ops.enumerated() {
            switch op {
            case .constant(let v):
                stack.append(.value(v, reference: false))
            case .missing:
                stack.append(.missing)
            case .array(let a):
                stack.append(.range(RangeCells(loose: a.values)))
            case .load(let slot, let time, let map):
                stack.append(.value(cell(blocks[slot], slot: slot, time: time, members: map, period: period, member: member), reference: true))
            case .loadRange(let slot, let access):
                switch loadRange(blocks[slot], slot: slot, access: access, period: period, run: member..<(member + 1)) {
                case .range(let r): stack.append(.range(r))
                case .ranges(let rs): stack.append(.range(RangeCells(loose: rs[0])))
                case .rows(let rows): stack.append(.range(RangeCells(loose: rows.values(0))))
                case .cells(let v, let reference): stack.append(.value(v.value(0), reference: reference))
                case .missing: stack.append(.missing)
                }
            case .axis:
                stack.append(.value(.number(timeline.serial(ofAbsolute: timeline.first + period)), reference: false))
            case .prev(let slot, let map):
                let initial = stack.removeLast()
                stack.append(period == 0 ? initial
                             : .value(cell(blocks[slot], slot: slot, time: .shifted(-1), members: map, period: period, member: member), reference: true))
            case .toDate(let slot, let group, let map):
                stack.append(.value(windowSum(blocks[slot], slot: slot, members: map, member: member,
                                              from: timeline.startIndex(of: period, in: group), to: period), reference: false))
            case .rolling(let slot, let count, let map):
                let sum = RollingWindow.start(of: period, count: count).map {
                    windowSum(blocks[slot], slot: slot, members: map, member: member, from: $0, to: period)
                }
                stack.append(.value(sum ?? .error(.na), reference: false))
            case .negate where isArray(stack[stack.count - 1]):
                stack.append(elementwise([stack.removeLast()]) { Operators.negate($0[0]) })
            case .negate:
                stack.append(.value(Operators.negate(value(stack.removeLast())), reference: false))
            case .plus:
                break
            case .percent where isArray(stack[stack.count - 1]):
                stack.append(elementwise([stack.removeLast()]) { Operators.percent($0[0]) })
            case .percent:
                stack.append(.value(Operators.percent(value(stack.removeLast())), reference: false))
            case .binary(let op) where isArray(stack[stack.count - 1]) || isArray(stack[stack.count - 2]):
                let b = stack.removeLast()
                let a = stack.removeLast()
                stack.append(elementwise([a, b]) { Operators.binary(op, $0[0], $0[1]) })
            case .binary(let op):
                let b = value(stack.removeLast())
                let a = value(stack.removeLast())
                stack.append(.value(Operators.binary(op, a, b), reference: false))
            case .call(let spec, let argc):
                let operands = Array(stack[(stack.count - argc)...])
                stack.removeLast(argc)
                if spec.fastPath == .sum, argc == 1, case .range(let range) = operands[0],
                   let total = treeSum(range, op: k, period: period) {
                    stack.append(.value(FunctionKernels.finite(total), reference: false))
                    continue
                }
                if argc == 1, case .range(let range) = operands[0], range.allNumbers,
                   let kernel = FunctionKernels.kernel(spec.fastPath) {
                    // The aggregates' own order (SUM's pairwise blocks) applies here too.
                    let out = Destination(storage: CellStorage(count: 1), offset: 0)
                    if kernel([.range(range)], 1, out) {
                        stack.append(.value(out.storage[0], reference: false))
                        continue
                    }
                }
                let args: [Argument] = operands.map { operand in
                    switch operand {
                    case .value(let v, let reference): reference ? .reference(v) : .value(v)
                    case .range(let r): .range(r.values)
                    case .missing: .missing
                    }
                }
                stack.append(.value(spec.call(args), reference: false))
            }
        }
        guard let top = stack.last else { return .error(.value) }
        let result = value(top)
        return result == .blank ? .number(0) : result
    }

    /// Whether an operand is several values for an operator (see `Elementwise`).
    func isArray(_ operand: CellOperand) -> Bool {
        if case .range(let r) = operand { return r.count != 1 }
        return false
    }

    /// `combine` applied position by position, as `elementwise(_:_:_:)` does for a run.
    func elementwise(_ operands: [CellOperand], _ combine: ([Value]) -> Value) -> CellOperand {
        var arrays: [[Value]?] = []
        var scalars: [Value] = []
        for operand in operands {
            switch operand {
            case .range(let r) where r.count != 1: arrays.append(r.values); scalars.append(.blank)
            case .range(let r): arrays.append(nil); scalars.append(r.values[0])
            case .value(let v, _): arrays.append(nil); scalars.append(v)
            case .missing: arrays.append(nil); scalars.append(.blank)
            }
        }
        return .range(RangeCells(loose: Elementwise.combine(arrays, scalars: scalars, combine)))
    }

    /// One source cell for one member; #REF! for a period off the timeline.
    func cell(_ block: CellStorage, slot: Int, time: TimeAccess, members: MemberMap, period: Int, member: Int) -> Value {
        guard let start = base(block, slot: slot, period: sourcePeriod(time, period: period)) else { return .error(.ref) }
        switch members {
        case .identity: return block[start + (memberCounts[slot] == 1 ? 0 : member)]
        case .single(let s): return block[start + s]
        case .gather(let indices): return block[start + indices[member]]
        }
    }

    /// SUM over periods `from ... to` of one member's source cell, as `windowSums` computes it.
    func windowSum(_ block: CellStorage, slot: Int, members: MemberMap, member: Int, from: Int, to: Int) -> Value {
        let m = memberCounts[slot]
        let s: Int
        switch members {
        case .identity: s = m == 1 ? 0 : member
        case .single(let k): s = k
        case .gather(let indices): s = indices[member]
        }
        var sum = 0.0
        var failure: ExcelError?
        for q in from...to {
            switch block[q * m + s] {
            case .number(let x): sum += x
            case .error(let e): failure = failure ?? e
            default: break
            }
        }
        return failure.map { .error($0) } ?? FunctionKernels.finite(sum)
    }
}
