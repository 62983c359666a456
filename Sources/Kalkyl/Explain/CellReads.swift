/// What one step of a formula reads to compute one cell: a cell, a range of cells, a window
/// of earlier periods, or the period itself.
///
/// The cells are kept as periods × members (period-major, as the interpreter reads them), not
/// as a list, so that `SUM(cost[employee])` over 100,000 members costs two small arrays.
struct CellRead: Equatable {
    enum Kind: Equatable {
        /// `x`, `x[month-1]`, `x[2021-03]`, `x[Datacenter]`: one cell.
        case cell
        /// The argument of an aggregate: `SUM(x[2021-01 .. 2021-04])`, `SUM(cost[unit])`.
        case range
        /// `PREV(x, …)` after the first period: x in the previous one.
        case previous
        /// `YTD(x)`, `TTD(x)`, `QTD(x)`: the fiscal year, tertial or quarter up to the period.
        case toDate(PeriodGroup)
        /// `ROLLING(x, n)`: the last n periods, as many as the timeline has.
        case rolling(Int)
        /// `month` or `year`: the period's own value.
        case period
        /// `x[month-1]` in the first period: a period off the timeline, which reads as #REF!.
        case outsideTimeline
    }

    var kind: Kind
    /// The source definition (unused for `.period`).
    var slot: Int
    /// The source periods; nil when the source has none. For `.period` and
    /// `.outsideTimeline`, the one period concerned.
    var periods: [Int]?
    /// The source members read in each period.
    var members: [Int]

    var count: Int {
        switch kind {
        case .period, .outsideTimeline: 0
        default: (periods?.count ?? 1) * members.count
        }
    }

    /// Cell i of the read, period-major.
    func cell(_ i: Int) -> CellReference {
        CellReference(slot: slot, period: periods.map { $0[i / members.count] }, member: members[i % members.count])
    }

    /// The index in the source's block of cell i, given the source's members per period.
    func blockIndex(_ i: Int, memberCount: Int) -> Int {
        (periods.map { $0[i / members.count] } ?? 0) * memberCount + members[i % members.count]
    }
}

extension CheckedModel {
    /// Everything the formula of a cell reads, in the order written; nothing for an input.
    ///
    /// Follows the interpreter: `PREV(x, init)` reads x in the previous period, or `init` in
    /// the first (and `init` only there); a reference before or after the timeline reads #REF!.
    /// Both branches of an IF count, as in a spreadsheet's trace of precedents. A step that
    /// reads exactly what an earlier one did (`x * x`) is listed once.
    func reads(of cell: CellReference) -> [CellRead] {
        let d = definitions[cell.slot]
        // An input's forecast after the close may be computed: then its formula is read.
        let forecast = forecastFormula(of: cell)
        guard !d.isInput || forecast != nil else { return [] }
        let ops = forecast?.formula ?? d.formula
        let p = cell.period ?? 0
        let m = cell.member
        let unused = p > 0 ? Self.prevInitialOps(ops) : []
        var out: [CellRead] = []
        func member(_ map: MemberMap) -> Int {
            switch map {
            case .identity: m
            case .single(let s): s
            case .gather(let indices): indices[m]
            }
        }
        func onTimeline(_ q: Int) -> Bool { q >= 0 && q < timeline.count }
        for (i, op) in ops.enumerated() where !unused.contains(i) {
            var read: CellRead
            switch op {
            case .load(let slot, let time, let map):
                let source: Int?
                switch time {
                case .none: source = nil
                case .shifted(let k): source = p + k
                case .fixed(let f): source = f
                }
                if let q = source, !onTimeline(q) {
                    read = CellRead(kind: .outsideTimeline, slot: slot, periods: [q], members: [member(map)])
                } else {
                    read = CellRead(kind: .cell, slot: slot, periods: source.map { [$0] }, members: [member(map)])
                }
            case .loadRange(let slot, let access):
                let periods: [Int]?
                switch access.periods {
                case .none: periods = nil
                case .shifted(let k): periods = [p + k]
                case .fixed(let r): periods = Array(r)
                }
                let members: [Int]
                switch access.members {
                case .map(let map): members = [member(map)]
                case .all(let list): members = list
                case .groups(let groups): members = groups[m]
                }
                if let q = periods?.first(where: { !onTimeline($0) }) {
                    read = CellRead(kind: .outsideTimeline, slot: slot, periods: [q], members: members)
                } else {
                    read = CellRead(kind: .range, slot: slot, periods: periods, members: members)
                }
            case .prev(let slot, let map):
                guard p > 0 else { continue }   // the first period takes the initial value, read by the ops before
                read = CellRead(kind: .previous, slot: slot, periods: [p - 1], members: [member(map)])
            case .toDate(let slot, let group, let map):
                read = CellRead(kind: .toDate(group), slot: slot, periods: Array(timeline.startIndex(of: p, in: group)...p), members: [member(map)])
            case .rolling(let slot, let n, let map):
                read = CellRead(kind: .rolling(n), slot: slot, periods: Array(max(0, p - n + 1)...p), members: [member(map)])
            case .axis:
                read = CellRead(kind: .period, slot: cell.slot, periods: [p], members: [])
            default:
                continue
            }
            if !out.contains(read) { out.append(read) }
        }
        return out
    }

    /// The ops that compute PREV's initial value, which only the first period uses.
    ///
    /// A formula is postfix, so each operand on the stack was pushed by a contiguous run of
    /// ops; replaying the stack effects finds the run that PREV pops.
    static func prevInitialOps(_ ops: [Op]) -> Set<Int> {
        var starts: [Int] = []   // for each operand on the stack, the index of its first op
        var unused = Set<Int>()
        for (i, op) in ops.enumerated() {
            let pops: Int
            switch op {
            case .constant, .array, .missing, .load, .loadRange, .axis, .toDate, .rolling: pops = 0
            case .prev, .negate, .plus, .percent: pops = 1
            case .binary: pops = 2
            case .call(_, let argc): pops = argc
            }
            guard pops <= starts.count else { return unused }   // not a well-formed formula: keep everything
            let start = pops == 0 ? i : starts[starts.count - pops]
            if case .prev = op { unused.formUnion(start..<i) }
            starts.removeLast(pops)
            starts.append(start)
        }
        return unused
    }
}
