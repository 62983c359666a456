/// The parts of a series formula that do not depend on the period: `salary * (1 + overhead)`
/// or `AND(stop = 1, start >= stop_month)` read only values without periods, so they are
/// computed once per run of members and reused for every period instead of twelve times.
struct InvariantPlan: Sendable {
    /// For each maximal period-independent subformula worth keeping (more than a single
    /// load or constant): the index of its first operation → the index of its last.
    let spans: [Int: Int]

    init(_ ops: [Op]) {
        // Simulate the stack: for each entry, whether it is period-independent and where its
        // subformula starts.
        var stack: [(invariant: Bool, start: Int, size: Int)] = []
        var candidates: [(start: Int, end: Int)] = []
        for (k, op) in ops.enumerated() {
            func pop(_ n: Int) -> [(invariant: Bool, start: Int, size: Int)] {
                let taken = Array(stack.suffix(n))
                stack.removeLast(min(n, stack.count))
                return taken
            }
            switch op {
            case .constant, .missing, .array:
                stack.append((true, k, 1))
            case .load(_, let time, _):
                if case .shifted = time { stack.append((false, k, 1)) } else { stack.append((true, k, 1)) }
            case .loadRange(_, let access):
                if case .shifted = access.periods { stack.append((false, k, 1)) } else { stack.append((true, k, 1)) }
            case .axis:
                stack.append((false, k, 1))
            case .prev:
                let initial = pop(1)
                stack.append((false, initial.first?.start ?? k, (initial.first?.size ?? 0) + 1))
            case .toDate, .rolling:
                stack.append((false, k, 1))
            case .negate, .plus, .percent:
                let a = pop(1)
                stack.append((a.first?.invariant ?? false, a.first?.start ?? k, (a.first?.size ?? 0) + 1))
            case .binary:
                let ab = pop(2)
                stack.append((ab.allSatisfy(\.invariant), ab.first?.start ?? k, ab.reduce(1) { $0 + $1.size }))
            case .call(_, let argc):
                let args = pop(argc)
                stack.append((args.allSatisfy(\.invariant), args.first?.start ?? k, args.reduce(1) { $0 + $1.size }))
            }
            if let top = stack.last, top.invariant, top.size > 1 { candidates.append((top.start, k)) }
        }
        // Keep the largest: a candidate inside another is covered by it.
        var spans: [Int: Int] = [:]
        for c in candidates.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
            if spans.contains(where: { $0.key <= c.start && c.end <= $0.value }) { continue }
            spans[c.start] = c.end
        }
        // A whole formula that does not depend on the period is computed per period as usual
        // (it is the result itself, written in place).
        if let whole = spans[0], whole == ops.count - 1 { spans[0] = nil }
        self.spans = spans
    }

    var isEmpty: Bool { spans.isEmpty }
}

/// The period-independent results of one run of members, kept across its periods.
final class InvariantCache {
    var results: [Int: Interpreter.Operand] = [:]
}
