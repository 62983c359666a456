/// Which cells of a definition read which cells of another, worked out from the compiled
/// formulas: the cell-level dependency graph, kept as the access patterns themselves rather
/// than as millions of edges. `addDependents(of:)` answers "which cells read these cells?".
struct CellReaders {
    /// One operation of a formula that reads another definition, with the reverse index of
    /// its member map (source member → reading members) when that is not the identity.
    ///
    /// A class, so that going through a definition's readers during an update copies no
    /// dictionaries or sets (a reference each, not their contents).
    final class Reader {
        let slot: Int
        let access: Access
        var inverse: [Int: [Int]]? = nil
        /// For an aggregate over listed members: which source members it covers.
        var covered: Set<Int>? = nil
        var coveredRange: ClosedRange<Int>? = nil
        /// A read of a computed forecast (on an input's line): what it reads changing makes
        /// the whole line be computed again.
        let wholeBlock: Bool

        init(slot: Int, access: Access, wholeBlock: Bool = false) {
            self.slot = slot
            self.access = access
            self.wholeBlock = wholeBlock
        }

        func covers(_ member: Int) -> Bool {
            if let coveredRange { return coveredRange.contains(member) }
            return covered?.contains(member) ?? false
        }
    }

    enum Access {
        case cells(TimeAccess, MemberMap)
        case range(RangeAccess)
        case previous(MemberMap)
        case window(MemberMap, Window)
    }

    enum Window { case toDate(PeriodGroup), rolling(Int) }

    let model: CheckedModel
    /// For each slot, the operations (in other definitions) that read it.
    let readers: [[Reader]]
    /// Members per period and periods of each block, by slot.
    let memberCounts: [Int]
    let periodCounts: [Int]

    init(model: CheckedModel) {
        self.model = model
        var readers = [[Reader]](repeating: [], count: model.definitions.count)
        for (slot, d) in model.definitions.enumerated() {
            for op in d.forecastFormula?.formula ?? [] {
                switch op {
                case .load(let s, _, _), .loadRange(let s, _), .prev(let s, _), .toDate(let s, _, _), .rolling(let s, _, _):
                    if s != slot { readers[s].append(Reader(slot: slot, access: .cells(.none, .identity), wholeBlock: true)) }
                default: break
                }
            }
            for op in d.formula {
                switch op {
                case .load(let s, let time, let members): readers[s].append(Reader(slot: slot, access: .cells(time, members)))
                case .loadRange(let s, let access): readers[s].append(Reader(slot: slot, access: .range(access)))
                case .prev(let s, let members): readers[s].append(Reader(slot: slot, access: .previous(members)))
                case .toDate(let s, let group, let members): readers[s].append(Reader(slot: slot, access: .window(members, .toDate(group))))
                case .rolling(let s, let n, let members): readers[s].append(Reader(slot: slot, access: .window(members, .rolling(n))))
                default: break
                }
            }
        }
        for s in readers.indices {
            for k in readers[s].indices { readers[s][k].index() }
        }
        self.readers = readers
        self.memberCounts = model.definitions.indices.map { model.memberCount(of: $0) }
        self.periodCounts = model.definitions.map { $0.isSeries ? model.timeline.count : 1 }
    }

    /// Some of a block's periods or members: all of them, a range, or a list.
    enum Span {
        case all
        case range(Range<Int>)
        case list([Int])

        static let none = Span.range(0..<0)

        @inline(__always)
        func forEach(upTo count: Int, _ body: (Int) -> Void) {
            switch self {
            case .all: for i in 0..<count { body(i) }
            case .range(let r): for i in r { body(i) }
            case .list(let l): for i in l { body(i) }
            }
        }

        func count(upTo total: Int) -> Int {
            switch self {
            case .all: total
            case .range(let r): r.count
            case .list(let l): l.count
            }
        }
    }

    /// Adds to `pending`, by slot, the cells of reader definitions that read the given cells
    /// of `slot`. `found` is scratch space, kept by the caller from one call to the next.
    func addDependents(of slot: Int, cells: CellSet, to pending: inout [PendingCells], scratch found: inout [Int]) {
        let m = memberCounts[slot]
        for reader in readers[slot] {
            if case .all = pending[reader.slot] { continue }   // already all of it
            if reader.wholeBlock {
                pending[reader.slot] = .all
                continue
            }
            let target = reader.slot
            let targetMembers = memberCounts[target]
            let targetPeriods = periodCounts[target]
            found.removeAll(keepingCapacity: true)
            var everything = false
            // Past a quarter of the block, recomputing all of it at full speed is cheaper.
            let limit = max(64, targetPeriods * targetMembers / 4)
            for cell in cells {
                let q = cell / m, member = cell % m
                let (periods, members) = reach(reader, period: q, member: member, target: target, targetPeriods: targetPeriods)
                if periods.count(upTo: targetPeriods) * members.count(upTo: targetMembers) > limit { everything = true; break }
                periods.forEach(upTo: targetPeriods) { p in
                    members.forEach(upTo: targetMembers) { x in found.append(p * targetMembers + x) }
                }
                if found.count > limit {
                    // Count each cell once before giving up on listing them (reaches overlap).
                    CellSet.sortAndUnique(&found)
                    if found.count > limit { everything = true; break }
                }
            }
            if everything {
                pending[target] = .all
            } else if !found.isEmpty {
                CellSet.sortAndUnique(&found)
                pending[target].add(CellSet(sorted: found))
            }
        }
    }

    /// The periods and members of the target that read source cell (q, member).
    func reach(_ reader: Reader, period q: Int, member: Int, target: Int, targetPeriods: Int) -> (Span, Span) {
        func inRange(_ p: Int) -> Span { p >= 0 && p < targetPeriods ? .range(p..<(p + 1)) : .none }
        func readers(of member: Int, through map: MemberMap, target: Int) -> Span {
            switch map {
            case .identity: return memberCounts[target] == 1 ? .range(0..<1) : .range(member..<(member + 1))
            case .single(let s): return s == member ? .all : .none
            case .gather: return reader.inverse?[member].map { .list($0) } ?? .none
            }
        }
        switch reader.access {
        case .cells(let time, let map):
            let periods: Span
            switch time {
            case .none: periods = .all
            case .shifted(let k): periods = inRange(q - k)
            case .fixed(let f): periods = f == q ? .all : .none
            }
            return (periods, readers(of: member, through: map, target: target))
        case .range(let access):
            let periods: Span
            switch access.periods {
            case .none: periods = .all
            case .shifted(let k): periods = inRange(q - k)
            case .fixed(let r): periods = r.contains(q) ? .all : .none
            }
            switch access.members {
            case .map(let map): return (periods, readers(of: member, through: map, target: target))
            case .all: return (periods, reader.covers(member) ? .all : .none)
            case .groups: return (periods, reader.inverse?[member].map { .list($0) } ?? .none)
            }
        case .previous(let map):
            return (inRange(q + 1), readers(of: member, through: map, target: target))
        case .window(let map, let window):
            let last: Int
            switch window {
            case .toDate(let group):
                var end = q
                while end + 1 < targetPeriods && model.timeline.startIndex(of: end + 1, in: group) <= q { end += 1 }
                last = end
            case .rolling(let n): last = min(targetPeriods - 1, q + n - 1)
            }
            return (q < targetPeriods ? .range(q..<(last + 1)) : .none, readers(of: member, through: map, target: target))
        }
    }

}

extension CellReaders.Reader {
    /// Builds the reverse index of a gather or of groups, and the member set of a partial `all`.
    func index() {
        func invert(_ lists: [[Int]]) -> [Int: [Int]] {
            var inverse: [Int: [Int]] = [:]
            for (i, g) in lists.enumerated() { for s in g { inverse[s, default: []].append(i) } }
            return inverse
        }
        switch access {
        case .cells(_, .gather(let indices)), .previous(.gather(let indices)), .window(.gather(let indices), _):
            inverse = invert(indices.map { [$0] })
        case .range(let r):
            switch r.members {
            case .map(.gather(let indices)): inverse = invert(indices.map { [$0] })
            case .groups(let groups): inverse = invert(groups)
            case .all(let list):
                if let first = list.first, let last = list.last, last - first == list.count - 1 {
                    coveredRange = first...last
                } else {
                    covered = Set(list)
                }
            default: break
            }
        default: break
        }
    }
}
