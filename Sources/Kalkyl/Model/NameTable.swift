import Synchronization

/// What the checker knows of a name: its shape, and whether it is an input.
struct NameShape {
    var isSeries: Bool
    var isInput: Bool
    /// `cost`, `revenue` or `result`, when declared.
    var kind: LineKind? = nil
    var dimensions: [Int] = []
    /// The unit the definition declares (`kr`, `tkr`, `%`): an assignment that reads data
    /// (`input kost[budget, …] = data …`) repeats none, and its cells are read as the input's.
    var unit: String? = nil
}

/// Everything a formula's names can resolve to: definitions, dimensions and their members,
/// and the timeline.
struct NameTable {
    let timeline: Timeline
    let hasTimeline: Bool
    let slots: [String: Int]
    let shapes: [NameShape]
    let dimensions: [Dimension]
    let dimensionIndex: [String: Int]
    /// Inputs that hold one period (`input closed = 2024-08`): a formula may bound a range or
    /// pick a period by their name (`x[2024-01 .. closed]`, `x[closed]`).
    var periodInputs: [String: (slot: Int, period: PeriodLiteral)] = [:]
    /// Every member's index of a dimension, `0..<n`, made once and shared by every read of all
    /// of it (`SUM(cost[employee])`): 800 KB at 100,000 members, not 800 KB a formula.
    private let everyMember = EveryMember()

    private final class EveryMember: Sendable {
        let lists = Mutex<[Int: [Int]]>([:])
    }
    /// Names whose definitions did not parse (`SyntaxFile.brokenDefinitions`): reading one is
    /// no second error, and the model has failed already.
    var broken: Set<String> = []
    /// Inputs read from a SIE file, by name, with the first such statement: as booked
    /// (credits negative) and with `credit positive`; and the formulas of no kind computed
    /// from one without a negation (`BookedSignFlow`), with that input's statement. VARIANCE
    /// of a revenue or result reading one as booked, or of a cost reading one with credits
    /// positive, is refused (K0224).
    var sieAsBooked: [String: Definition] = [:]
    var sieCreditPositive: [String: Definition] = [:]

    init(timeline: Timeline, hasTimeline: Bool, slots: [String: Int], shapes: [NameShape], dimensions: [Dimension]) {
        self.timeline = timeline
        self.hasTimeline = hasTimeline
        self.slots = slots
        self.shapes = shapes
        self.dimensions = dimensions
        var index: [String: Int] = [:]
        for (d, dimension) in dimensions.enumerated() { index[dimension.name] = d }
        self.dimensionIndex = index
    }

    /// The dimensions that have a member of this name, from their own indexes (a model has
    /// a few dimensions, and one index of 100,000 members across them would cost as much to
    /// build as checking the rest of the model).
    func owners(of member: String) -> [Int] {
        dimensions.indices.filter { dimensions[$0].memberIndex[member] != nil }
    }

    func size(_ dimension: Int) -> Int { dimensions[dimension].members.count }

    private func everyMember(of dimension: Int) -> [Int] {
        let n = size(dimension)
        return everyMember.lists.withLock { lists in
            if let list = lists[dimension], list.count == n { return list }
            let list = Array(0..<n)
            lists[dimension] = list
            return list
        }
    }

    func memberCount(_ dims: [Int]) -> Int { dims.reduce(1) { $0 * size($1) } }

    /// How a source with dimensions `source` is read from a block with dimensions `current`:
    /// each source dimension is the current member (`same`), a fixed member, every member,
    /// or the member the current one rolls up to (`parent`).
    ///
    /// Every member (`all`) of a dimension whose parent dimension is being computed means
    /// the members under the current parent only: a division's total of its units.
    enum Selector: Equatable { case same, fixed(Int), all, parent }

    /// The position in `current` of a dimension that rolls up to `dimension`, if any.
    func childPosition(of dimension: Int, in current: [Int]) -> Int? {
        current.firstIndex { dimensions[$0].parent == dimension }
    }

    /// For each member of the current block, the source member(s) it reads.
    func members(source: [Int], selectors: [Selector], current: [Int]) -> RangeAccess.Members {
        let currentCount = memberCount(current)
        let hasAll = selectors.contains(.all)
        // A dimension read from an empty file has no members (an error already reported
        // against the file): a block over it has no cells, so nothing is read.
        if currentCount == 0 { return hasAll ? .groups([]) : .map(.gather([])) }
        if !hasAll, source == current, selectors.allSatisfy({ $0 == .same }) { return .map(.identity) }
        // All of one dimension that does not roll up to one being computed: every member, the same for each cell.
        if source.count == 1, selectors == [.all], dimensions[source[0]].parent.flatMap({ current.firstIndex(of: $0) }) == nil {
            return .all(everyMember(of: source[0]))
        }
        // Position in `current` of each source dimension read as "same" (or of its child, for "parent").
        let positions = source.enumerated().map { k, d in
            selectors[k] == .parent ? (childPosition(of: d, in: current) ?? -1) : (current.firstIndex(of: d) ?? -1)
        }
        // For "all": the position in `current` of the dimension's parent, when it is there.
        let parentPositions = source.map { d in dimensions[d].parent.flatMap { current.firstIndex(of: $0) } }
        let varies = selectors.contains(.same) || selectors.contains(.parent) || zip(selectors, parentPositions).contains { $0 == .all && $1 != nil }
        let currentSizes = current.map(size)
        var tuple = [Int](repeating: 0, count: current.count)
        var lists: [[Int]] = []
        lists.reserveCapacity(currentCount)
        for c in 0..<currentCount {
            var rest = c
            for k in stride(from: current.count - 1, through: 0, by: -1) {
                tuple[k] = rest % currentSizes[k]
                rest /= currentSizes[k]
            }
            var indices = [0]
            for (k, d) in source.enumerated() {
                let n = size(d)
                switch selectors[k] {
                case .same: indices = indices.map { $0 * n + tuple[positions[k]] }
                case .parent: indices = indices.map { $0 * n + dimensions[current[positions[k]]].parentOf[tuple[positions[k]]] }
                case .fixed(let m): indices = indices.map { $0 * n + m }
                case .all:
                    let under = parentPositions[k].map { p in (0..<n).filter { dimensions[d].parentOf[$0] == tuple[p] } } ?? Array(0..<n)
                    indices = indices.flatMap { i in under.map { i * n + $0 } }
                }
            }
            lists.append(indices)
            // When nothing depends on the member being computed, every member reads the same cells.
            if !varies { break }
        }
        if hasAll {
            return varies ? .groups(lists) : .all(lists[0])
        }
        if !varies { return .map(.single(lists[0][0])) }
        return .map(.gather(lists.map { $0[0] }))
    }
}
