/// What a change to one member's cells of an input reaches, worked out once when the
/// evaluation is made: the definitions in evaluation order, for each whether it is computed
/// for that same member (a row: `cost[employee, month]` after `salary[employee]`) or is a
/// definition without members (a total: `total_cost[month] = SUM(cost[employee])`), and the
/// readers that carry a change from one to the next.
///
/// An edit of one member (a salary) then runs as that list: no sets of cells, no dictionaries
/// of changes, no dependents looked up, no allocation. Which periods of each definition
/// changed, and which are still to be computed, are bits made once (`changed`, `dirty`),
/// and a SUM over every member re-adds the one leaf the member is in and walks its path up
/// (`updateTree`). A recurrence of the member's rows (`PREV(cost_to_date, 0) + cost`) is
/// brought up to date period by period from the first period reached, as `recomputeStepwise`
/// does. The cells recomputed are exactly those the general update would recompute, in the
/// same order, with the same early cut-off: a cell whose inputs came out the same is not
/// computed.
///
/// An input has no plan when its change can reach anything else: a definition reading it
/// through another member (a gather, a fixed member, groups), a total read back by every
/// member, a forecast. Its edits go through the general path.
final class LoneMemberPlan {
    /// One definition the change can reach. Plain values only, in a buffer the plan owns, so
    /// reading an entry during an update touches no reference count.
    struct Entry {
        let slot: Int
        /// The edited member's cells (true), or the only member of a definition without members.
        let row: Bool
        let memberCount: Int
        let periodCount: Int
        /// Its readers among later entries (or itself, in a recurrence), in `targets`.
        let targets: Range<Int>
        /// For an entry of a recurrence (a stepwise group), the entry after the group's last
        /// one in the plan; nil for a definition computed block by block.
        var groupEnd: Int?
    }

    /// A reader of an entry's cells: the entry it is in, and for each period of the cells it
    /// reads, the periods that read it (in `reaches`, from `reach`).
    struct Target {
        let entry: Int
        let reach: Int
    }

    /// The input first, then what it reaches, in evaluation order.
    let entries: UnsafeMutableBufferPointer<Entry>
    let targets: UnsafeMutableBufferPointer<Target>
    let reaches: UnsafeMutableBufferPointer<Range<Int>>
    /// Each of `reaches` as the bits of one word, when a word holds every period (`words == 1`).
    let reachMasks: UnsafeMutableBufferPointer<UInt64>
    /// When a word holds every period, how each of `targets` reaches: `sameReach` (period q
    /// reads period q), `fixedReach` (every period the same periods, `reachMasks[reach]`), or
    /// another way (the mask of each changed period OR-ed in).
    let targetReach: UnsafeMutableBufferPointer<UInt8>
    static let otherReach: UInt8 = 0, sameReach: UInt8 = 1, fixedReach: UInt8 = 2
    /// The input's dimensions' sizes, to find the member an assignment names.
    let dimensionSizes: [Int]
    /// The entries' positions sorted by slot, for the report's list of changed definitions.
    let bySlot: UnsafeMutableBufferPointer<Int>
    /// Periods of the longest entry.
    let stride: Int
    /// Words of 64 bits per entry in `changed` and `dirty`, one bit a period.
    let words: Int
    /// Which periods of each entry's cells changed in the update under way, entry by entry:
    /// bits, so that a reader's reach is marked with a mask, not a loop (or a `memset`) per period.
    let changed: UnsafeMutablePointer<UInt64>
    /// Which periods of each entry's cells are still to be computed, entry by entry.
    let dirty: UnsafeMutablePointer<UInt64>
    /// The last update's changed definitions, handed out again when the next one's are the same.
    var lastChangedSlots: [Int] = []
    /// With 64 entries or fewer, the entries the last update changed as bits, when
    /// `lastChangedSlots` was made from them (`lastChangedMaskValid`).
    var lastChangedMask: UInt64 = 0
    var lastChangedMaskValid = false
    /// The evaluation's trees that `code.treeCache` was filled from, and their version then:
    /// held, so that another `SumTrees` can never be taken for them.
    /// Exclusivity unchecked: read at every edit, by the plan's own code only.
    @exclusivity(unchecked) var treeSource: SumTrees?
    @exclusivity(unchecked) var treeVersion = -1
    /// Each entry's formula compiled for its one cell (`LoneOp`), and the blocks it reads.
    let code: LoneCode

    init(entries: [Entry], targets: [Target], reaches: [Range<Int>], dimensionSizes: [Int], code: (Int) -> LoneCode) {
        self.entries = .copying(entries)
        self.targets = .copying(targets)
        self.reaches = .copying(reaches)
        self.dimensionSizes = dimensionSizes
        self.bySlot = .copying(entries.indices.sorted { entries[$0].slot < entries[$1].slot })
        stride = max(1, entries.map(\.periodCount).max() ?? 1)
        words = (stride + 63) / 64
        reachMasks = .copying(words == 1 ? reaches.map { r in
            var w: UInt64 = 0
            LoneMemberPlan.setBits(&w, r)
            return w
        } : [])
        var shapes = [UInt8](repeating: LoneMemberPlan.otherReach, count: targets.count)
        for e in entries where words == 1 {
            for i in e.targets {
                let from = targets[i].reach, periods = from..<(from + e.periodCount)
                if periods.allSatisfy({ reaches[$0] == ($0 - from)..<($0 - from + 1) }) {
                    shapes[i] = LoneMemberPlan.sameReach
                } else if periods.allSatisfy({ reaches[$0] == reaches[from] }) {
                    shapes[i] = LoneMemberPlan.fixedReach
                }
            }
        }
        targetReach = .copying(shapes)
        // One buffer for both, so that an edit clears them at once.
        changed = .allocate(capacity: 2 * entries.count * words)
        changed.initialize(repeating: 0, count: 2 * entries.count * words)
        dirty = changed + entries.count * words
        self.code = code(stride)
    }

    deinit {
        entries.baseAddress?.deallocate()
        bySlot.baseAddress?.deallocate()
        targets.baseAddress?.deallocate()
        reaches.baseAddress?.deallocate()
        reachMasks.baseAddress?.deallocate()
        targetReach.baseAddress?.deallocate()
        changed.deallocate()   // and `dirty`, in the same buffer
        code.deallocate()
    }

    /// Whether period `p` of entry `k`'s cells changed in the update under way.
    @inline(__always)
    func hasChanged(_ k: Int, _ p: Int) -> Bool { changed[k * words + p >> 6] & (1 &<< UInt64(p & 63)) != 0 }

    /// Whether period `p` of entry `k`'s cells is still to be computed.
    @inline(__always)
    func isDirty(_ k: Int, _ p: Int) -> Bool { dirty[k * words + p >> 6] & (1 &<< UInt64(p & 63)) != 0 }

    /// Forgets the last update's flags.
    func clear() {
        changed.update(repeating: 0, count: 2 * entries.count * words)   // and `dirty`, after it
        code.forgetTotals()
    }

    /// Notes that entry `k`'s cell in period `q` changed, and marks the cells reading it.
    @inline(__always)
    func noteChanged(_ k: Int, period q: Int) {
        changed[k &* words &+ q >> 6] |= 1 &<< UInt64(q & 63)
        if words == 1 {
            for t in targets[entries[k].targets] { dirty[t.entry] |= reachMasks[t.reach &+ q] }
        } else {
            for t in targets[entries[k].targets] { LoneMemberPlan.setBits(dirty + t.entry * words, reaches[t.reach + q]) }
        }
    }

    /// Notes that entry `k`'s cells in the periods of word `w` whose bits are set in `periods`
    /// changed, and marks the cells reading them: `noteChanged(_:period:)` for each.
    @inline(__always)
    func noteChanged(_ k: Int, word w: Int, periods: UInt64) {
        guard periods != 0 else { return }
        changed[k &* words &+ w] |= periods
        for i in entries[k].targets {
            let t = targets[i]
            var due = periods
            if words == 1 {
                switch targetReach[i] {
                case LoneMemberPlan.sameReach: dirty[t.entry] |= periods
                case LoneMemberPlan.fixedReach: dirty[t.entry] |= reachMasks[t.reach]
                default:
                    var reached: UInt64 = 0
                    while due != 0 {
                        reached |= reachMasks[t.reach &+ due.trailingZeroBitCount]
                        due &= due &- 1
                    }
                    dirty[t.entry] |= reached
                }
            } else {
                while due != 0 {
                    LoneMemberPlan.setBits(dirty + t.entry * words, reaches[t.reach + w * 64 + due.trailingZeroBitCount])
                    due &= due &- 1
                }
            }
        }
    }

    /// The bits of periods `0 ..< n` of one word (all 64 when n is 64 or more, none when n ≤ 0).
    @inline(__always)
    static func bits(below n: Int) -> UInt64 { n >= 64 ? ~0 : n <= 0 ? 0 : (1 &<< UInt64(n)) &- 1 }

    /// Sets bits `r` of the words at `w`.
    @inline(__always)
    static func setBits(_ w: UnsafeMutablePointer<UInt64>, _ r: Range<Int>) {
        guard !r.isEmpty else { return }
        let first = r.lowerBound >> 6, last = (r.upperBound - 1) >> 6
        @inline(__always) func from(_ bit: Int) -> UInt64 { ~0 &<< UInt64(bit) }           // bits bit...63
        @inline(__always) func below(_ end: Int) -> UInt64 { ~0 &>> UInt64(64 - end) }    // bits 0..<end, end in 1...64
        if first == last {
            w[first] |= from(r.lowerBound & 63) & below(r.upperBound - first << 6)
            return
        }
        w[first] |= from(r.lowerBound & 63)
        for i in (first + 1)..<last { w[i] = ~0 }
        w[last] |= below(r.upperBound - last << 6)
    }

    /// The member an assignment of these members (`InputAssignment.members`) sets, when it
    /// sets exactly one.
    func member(of members: [Int?]) -> Int? {
        guard members.count == dimensionSizes.count else { return nil }
        var member = 0
        for (k, size) in dimensionSizes.enumerated() {
            guard let choice = members[k] else { return nil }
            member = member * size + choice
        }
        return member
    }

    /// SUM over every member of `source` through its tree, after this update's changes to
    /// `member`'s cells: the leaf holding the member's cell is added again and its path
    /// walked, in each period whose cell changed; a source the plan does not reach did not change.
    func updateTree(_ tree: SumTree, source: Int, member: Int, _ x: UnsafePointer<Double>, offset: Int, count: Int) -> Double {
        for k in entries.indices where entries[k].slot == source {
            let e = entries[k]
            let m = e.row ? member : 0
            for q in 0..<e.periodCount where hasChanged(k, q) {
                let cell = q * e.memberCount + m
                if cell >= offset && cell < offset + count { tree.update(x, count, leaf: (cell - offset) / PairwiseSum.leaf) }
            }
            break
        }
        return tree.total
    }

    /// The definitions whose cells changed in this update, by slot: the last update's list
    /// when they are the same (as they are for one salary after another), else a new one.
    func changedSlots() -> [Int] {
        if entries.count <= 64 {
            // Which entries changed, as the bits of one word, against the last update's word.
            var mask: UInt64 = 0
            if words == 1 {
                for k in 0..<entries.count { mask |= (changed[k] != 0 ? 1 : 0) &<< UInt64(k) }
            } else {
                for k in 0..<entries.count where entryChanged(k) { mask |= 1 &<< UInt64(k) }
            }
            if mask == lastChangedMask && lastChangedMaskValid { return lastChangedSlots }
            lastChangedMask = mask
            lastChangedMaskValid = true
            lastChangedSlots = bySlot.filter(entryChanged).map { entries[$0].slot }
            return lastChangedSlots
        }
        let same = lastChangedSlots.withUnsafeBufferPointer { last in
            var n = 0
            for k in bySlot where entryChanged(k) {
                guard n < last.count, last[n] == entries[k].slot else { return false }
                n &+= 1
            }
            return n == last.count
        }
        if same { return lastChangedSlots }
        lastChangedSlots = bySlot.filter(entryChanged).map { entries[$0].slot }
        return lastChangedSlots
    }

    @inline(__always)
    func entryChanged(_ k: Int) -> Bool {
        if words == 1 { return changed[k] != 0 }
        for i in 0..<words where changed[k * words + i] != 0 { return true }
        return false
    }
}

extension LoneMemberPlan {
    /// The plan of every input over members that has one, by slot.
    static func plans(model: CheckedModel, order: EvaluationOrder, readers: CellReaders,
                      forecastPairs: [[(forecast: Int, actual: Int)]], programs: [NumericProgram?]) -> [LoneMemberPlan?] {
        // Each definition's place in the order: its step, and its place within a recurrence.
        var position = [(step: Int, within: Int)](repeating: (0, 0), count: model.definitions.count)
        var stepwise = [Bool](repeating: false, count: model.definitions.count)
        for (i, step) in order.steps.enumerated() {
            switch step {
            case .block(let slot): position[slot] = (i, 0)
            case .stepwise(let slots):
                for (k, slot) in slots.enumerated() {
                    position[slot] = (i, k)
                    stepwise[slot] = true
                }
            }
        }
        return model.definitions.indices.map { slot in
            guard model.definitions[slot].isInput, readers.memberCounts[slot] > 1 else { return nil }
            return plan(input: slot, model: model, position: position, stepwise: stepwise, readers: readers, forecastPairs: forecastPairs,
                        programs: programs)
        }
    }

    /// The plan of one input, or nil when a change of one member can reach more than rows of
    /// that member and totals without members.
    static func plan(input: Int, model: CheckedModel, position: [(step: Int, within: Int)], stepwise: [Bool], readers: CellReaders,
                     forecastPairs: [[(forecast: Int, actual: Int)]], programs: [NumericProgram?]) -> LoneMemberPlan? {
        func plain(_ slot: Int) -> Bool {
            model.definitions[slot].forecastFormula == nil && forecastPairs[slot].isEmpty
        }
        guard plain(input), !stepwise[input] else { return nil }
        var row: [Int: Bool] = [input: true]
        var queue = [input]
        while let u = queue.popLast() {
            for reader in readers.readers[u] {
                guard !reader.wholeBlock, plain(reader.slot),
                      let r = reach(from: u, row: row[u]!, reader: reader, memberCounts: readers.memberCounts) else { return nil }
                if let known = row[reader.slot] {
                    guard known == r else { return nil }
                } else {
                    row[reader.slot] = r
                    queue.append(reader.slot)
                }
            }
        }
        let slots = row.keys.sorted { position[$0] < position[$1] }
        guard slots.first == input else { return nil }
        var entryOf: [Int: Int] = [:]
        for (k, slot) in slots.enumerated() { entryOf[slot] = k }
        var entries: [Entry] = []
        var targets: [Target] = []
        var reaches: [Range<Int>] = []
        for slot in slots {
            let first = targets.count
            for reader in readers.readers[slot] {
                let target = entryOf[reader.slot]!
                targets.append(Target(entry: target, reach: reaches.count))
                let periods = readers.periodCounts[reader.slot]
                for q in 0..<readers.periodCounts[slot] {
                    switch readers.reach(reader, period: q, member: 0, target: reader.slot, targetPeriods: periods).0 {
                    case .all: reaches.append(0..<periods)
                    case .range(let r): reaches.append(r)
                    case .list: return nil   // never for periods
                    }
                }
            }
            entries.append(Entry(slot: slot, row: row[slot]!, memberCount: readers.memberCounts[slot],
                                 periodCount: readers.periodCounts[slot], targets: first..<targets.count, groupEnd: nil))
        }
        // The entries of one recurrence are consecutive: each knows where the group's run ends.
        var k = 0
        while k < entries.count {
            var end = k + 1
            guard stepwise[entries[k].slot] else { k = end; continue }
            while end < entries.count && position[entries[end].slot].step == position[entries[k].slot].step { end += 1 }
            for j in k..<end { entries[j].groupEnd = end }
            k = end
        }
        let sizes = model.definitions[input].dimensions.map { model.dimensions[$0].members.count }
        return LoneMemberPlan(entries: entries, targets: targets, reaches: reaches, dimensionSizes: sizes) { stride in
            LoneCode(slots: entries.map(\.slot), programs: programs, memberCounts: readers.memberCounts, timeline: model.timeline, stride: stride)
        }
    }

    /// Whether `reader`'s definition is computed for the same member (true) or is a total
    /// without members (false) when one member of `u` changes (`row`: u's cells are that
    /// member's; else u has one member); nil when it reads the change in any other way.
    static func reach(from u: Int, row: Bool, reader: CellReaders.Reader, memberCounts: [Int]) -> Bool? {
        let source = memberCounts[u], target = memberCounts[reader.slot]
        func through(_ map: MemberMap) -> Bool? {
            switch map {
            case .identity: row ? (target == source ? true : nil) : (target == 1 ? false : nil)
            case .single(0) where !row && target == 1: false
            default: nil
            }
        }
        switch reader.access {
        case .cells(_, let map), .previous(let map), .window(let map, _):
            return through(map)
        case .range(let access):
            switch access.members {
            case .map(let map): return through(map)
            case .all(let listed):
                // Every member, into a total: SUM(cost[employee]).
                guard target == 1, listed.count == source, listed.first == 0, listed.last == source - 1 else { return nil }
                return false
            case .groups: return nil
            }
        }
    }
}

extension UnsafeMutableBufferPointer {
    /// A copy of `a` in memory the caller owns and frees (through `baseAddress`), allocated
    /// even when `a` is empty: a plan's buffers, read during an edit without reference counts.
    static func copying(_ a: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let b = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(a.count, 1))
        _ = b.initialize(from: a)
        return UnsafeMutableBufferPointer(rebasing: b[0..<a.count])
    }
}
