/// A formula that can be computed in one pass per run of members (`Interpreter.runFused`):
/// loads, constants, the period's date, `PREV`, `+ - * /`, comparisons, IF with three
/// arguments, AND, OR and NOT. `active = IF(AND(stop = 1, start >= stop_month), 0,
/// IF(month_number >= start, 1, 0))` then goes compare → IF → IF over a few hundred members at
/// a time in buffers that stay in the processor's first-level cache, instead of each operation
/// writing a scratch run of 4,096 cells that the next one reads back.
///
/// One step per `Op`, in the same order, so that an operation's index (which names its
/// period-independent part in `InvariantPlan`) is its step's. A formula with any other
/// operation (aggregates, text, `^`, `&`, `%`, other functions) has no program.
final class FusedProgram: Sendable {
    enum Step: Sendable {
        /// A number or a truth value.
        case constant(Double, Kind)
        case load(slot: Int, time: TimeAccess, members: MemberMap)
        case axis
        /// `PREV(x, initial)`: pops the initial value.
        case prev(slot: Int, members: MemberMap)
        case negate
        case plus
        case binary(BinaryOperator)
        /// IF(condition, then, else).
        case choose
        /// AND (`all`) or OR of `argc` arguments.
        case logical(all: Bool, argc: Int)
        case not
    }

    let steps: [Step]
    /// The deepest the stack gets.
    let depth: Int
    /// Whether every number the program computes is 0 or 1: its last operation a comparison,
    /// AND, OR or NOT, or an IF choosing between such values or the constants 0 and 1
    /// (`active`). Its block is then computed straight into one byte a cell
    /// (`Evaluation.computeNarrow`); a run that gives anything else sends it back to doubles.
    let givesTruthValues: Bool

    /// The program of a formula, or nil when an operation is not one of the steps.
    init?(_ ops: [Op]) {
        var steps: [Step] = []
        steps.reserveCapacity(ops.count)
        var height = 0, depth = 0
        var truth: [Bool] = []   // per stack entry: whether it holds only 0 and 1
        func pop(_ k: Int) -> [Bool] {
            let top = Array(truth.suffix(k))
            truth.removeLast(min(k, truth.count))
            return top
        }
        for op in ops {
            switch op {
            case .constant(.number(let x)): truth.append(x.bitPattern == 0 || x == 1)
            case .constant(.bool): truth.append(true)
            case .load, .axis: truth.append(false)
            case .prev: _ = pop(1); truth.append(false)
            case .negate: _ = pop(1); truth.append(false)
            case .binary(let op): _ = pop(2); truth.append(op.precedence == 1)   // a comparison
            case .call(let spec, let argc) where spec.fastPath == .choose && argc == 3:
                let branches = pop(3)
                truth.append(branches.count == 3 && branches[1] && branches[2])
            case .call(_, let argc): _ = pop(argc); truth.append(true)   // AND, OR, NOT (any other has no program)
            default: break
            }
            switch op {
            case .constant(.number(let x)): steps.append(.constant(x, .number)); height += 1
            case .constant(.bool(let b)): steps.append(.constant(b ? 1 : 0, .bool)); height += 1
            case .load(let slot, let time, let map): steps.append(.load(slot: slot, time: time, members: map)); height += 1
            case .axis: steps.append(.axis); height += 1
            case .prev(let slot, let map): steps.append(.prev(slot: slot, members: map))
            case .negate: steps.append(.negate)
            case .plus: steps.append(.plus)
            case .binary(let op):
                guard op != .power && op != .concat else { return nil }
                steps.append(.binary(op)); height -= 1
            case .call(let spec, let argc):
                switch (spec.fastPath, argc) {
                case (.choose?, 3): steps.append(.choose)
                case (.and?, 1...): steps.append(.logical(all: true, argc: argc))
                case (.or?, 1...): steps.append(.logical(all: false, argc: argc))
                case (.not?, 1): steps.append(.not)
                default: return nil
                }
                height -= argc - 1
            default:
                return nil
            }
            guard height >= 1 else { return nil }
            depth = max(depth, height)
        }
        guard height == 1, depth <= FusedProgram.deepest else { return nil }
        self.steps = steps
        self.depth = depth
        givesTruthValues = truth.last ?? false
    }

    /// The deepest stack a program may have: each level is a tile of buffers on the stack.
    static let deepest = 16
    /// Members computed per pass of an operation: each level of the stack is one tile of
    /// 4 KB, so a formula's tiles stay in the first-level cache from one operation to the next.
    static let tile = 512
}
