/// A formula compiled once for `runNumericCell`: the operations it can compute on plain
/// doubles, as steps that hold no references, so running one copies no arrays or strings
/// and touches no reference counts. A formula with any other operation has no program, and
/// its cells go straight to `runCell`. A class, so handing a program to a cell copies a
/// reference, not its arrays.
final class NumericProgram: Sendable {
    /// Which member of a source a cell reads: `MemberMap` with gathers kept aside.
    enum MemberRead: Sendable {
        case identity
        case single(Int)
        case gather(Int)   // index into `gathers`
    }

    enum Step: Sendable {
        case constant(Double, Kind)
        case load(slot: Int, time: TimeAccess, member: MemberRead)
        case axis
        case prev(slot: Int, member: MemberRead)
        /// YTD, TTD or QTD (`toDate`), or ROLLING over the last `rolling` periods.
        case window(slot: Int, member: MemberRead, toDate: PeriodGroup?, rolling: Int)
        case negate
        case binary(BinaryOperator)
        /// SUM over one member's periods (`member` non-nil) or over all members; `op` is the
        /// SUM's index in the formula, which names its tree.
        case sum(slot: Int, periods: RangeAccess.Periods, member: MemberRead?, op: Int)
        case logical(Logical, argc: Int)
    }

    enum Logical: Sendable { case choose, and, or, not }

    let steps: [Step]
    let gathers: [[Int]]
    /// The deepest the stack gets.
    let depth: Int

    /// The program of a formula, or nil when it uses anything the numeric path does not do.
    init?(_ ops: [Op], memberCounts: [Int]) {
        var steps: [Step] = []
        var gathers: [[Int]] = []
        func read(_ map: MemberMap) -> MemberRead {
            switch map {
            case .identity: return .identity
            case .single(let s): return .single(s)
            case .gather(let indices):
                gathers.append(indices)
                return .gather(gathers.count - 1)
            }
        }
        var depth = 0, height = 0
        var k = 0
        while k < ops.count {
            switch ops[k] {
            case .constant(.number(let x)): steps.append(.constant(x, .number)); height += 1
            case .constant(.bool(let b)): steps.append(.constant(b ? 1 : 0, .bool)); height += 1
            case .load(let slot, let time, let map): steps.append(.load(slot: slot, time: time, member: read(map))); height += 1
            case .axis: steps.append(.axis); height += 1
            case .prev(let slot, let map): steps.append(.prev(slot: slot, member: read(map)))
            case .toDate(let slot, let group, let map): steps.append(.window(slot: slot, member: read(map), toDate: group, rolling: 0)); height += 1
            case .rolling(let slot, let count, let map): steps.append(.window(slot: slot, member: read(map), toDate: nil, rolling: count)); height += 1
            case .negate: steps.append(.negate)
            case .plus: break
            case .binary(let op):
                guard op != .power && op != .concat else { return nil }
                steps.append(.binary(op)); height -= 1
            case .loadRange(let slot, let access):
                // Only as SUM's one argument.
                guard k + 1 < ops.count, case .call(let spec, 1) = ops[k + 1], spec.fastPath == .sum else { return nil }
                switch access.members {
                case .map(let map): steps.append(.sum(slot: slot, periods: access.periods, member: read(map), op: k + 1))
                case .all(let listed):
                    let m = memberCounts[slot]
                    guard listed.count == m, listed.first == 0, listed.last == m - 1 else { return nil }
                    steps.append(.sum(slot: slot, periods: access.periods, member: nil, op: k + 1))
                case .groups: return nil
                }
                height += 1
                k += 1
            case .call(let spec, let argc):
                let logical: Logical
                switch (spec.fastPath, argc) {
                case (.choose?, 3): logical = .choose
                case (.and?, _): logical = .and
                case (.or?, _): logical = .or
                case (.not?, 1): logical = .not
                default: return nil
                }
                steps.append(.logical(logical, argc: argc)); height -= argc - 1
            default:
                return nil
            }
            depth = max(depth, height)
            k += 1
        }
        guard height == 1 else { return nil }
        self.steps = steps
        self.gathers = gathers
        self.depth = depth
    }
}
