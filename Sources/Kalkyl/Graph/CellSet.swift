/// A set of cell indices of one block, kept as a sorted array: updates touch tens of cells,
/// and sorted arrays beat hashing at that size and give the cells in storage order.
struct CellSet: Sequence, Equatable {
    private(set) var cells: [Int]

    init() { cells = [] }

    /// From cells in any order, with repeats.
    init<S: Sequence>(_ unordered: S) where S.Element == Int {
        var sorted = Array(unordered)
        sorted.sort()
        var unique: [Int] = []
        unique.reserveCapacity(sorted.count)
        for c in sorted where unique.last != c { unique.append(c) }
        cells = unique
    }

    /// From cells already in increasing order, each once.
    init(sorted: [Int]) { cells = sorted }

    /// Puts cells in increasing order and drops repeats, in place.
    static func sortAndUnique(_ cells: inout [Int]) {
        guard cells.count > 1 else { return }
        cells.sort()
        var kept = 1
        for i in 1..<cells.count where cells[i] != cells[kept - 1] {
            cells[kept] = cells[i]
            kept += 1
        }
        cells.removeLast(cells.count - kept)
    }

    var count: Int { cells.count }
    var isEmpty: Bool { cells.isEmpty }

    func makeIterator() -> IndexingIterator<[Int]> { cells.makeIterator() }

    mutating func formUnion(_ other: CellSet) {
        guard !other.isEmpty else { return }
        guard !isEmpty else { cells = other.cells; return }
        var merged: [Int] = []
        merged.reserveCapacity(cells.count + other.cells.count)
        var i = 0, j = 0
        while i < cells.count || j < other.cells.count {
            let next: Int
            if j >= other.cells.count || (i < cells.count && cells[i] < other.cells[j]) {
                next = cells[i]; i += 1
            } else {
                next = other.cells[j]; j += 1
            }
            if merged.last != next { merged.append(next) }
        }
        cells = merged
    }

    /// The position of the first cell not below `cell`.
    func firstIndex(notBelow cell: Int) -> Int {
        var low = 0, high = cells.count
        while low < high {
            let mid = (low + high) / 2
            if cells[mid] < cell { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Calls `body` with each cell in `range`, in order, without making an array of them.
    func forEach(in range: Range<Int>, _ body: (Int) -> Void) {
        var i = firstIndex(notBelow: range.lowerBound)
        while i < cells.count && cells[i] < range.upperBound {
            body(cells[i])
            i += 1
        }
    }

    /// Whether any cell lies in `range`.
    func intersects(_ range: Range<Int>) -> Bool {
        let i = firstIndex(notBelow: range.lowerBound)
        return i < cells.count && cells[i] < range.upperBound
    }
}

/// The cells of one block an update still has to recompute: none, some, or every one.
enum PendingCells {
    case none
    case some(CellSet)
    case all

    mutating func add(_ cells: CellSet) {
        switch self {
        case .none: self = .some(cells)
        case .all: break
        case .some(var existing):
            existing.formUnion(cells)
            self = .some(existing)
        }
    }

    /// The cells as `recompute` takes them: nil for all of them; nil nil for none.
    var cells: CellSet?? {
        switch self {
        case .none: nil
        case .some(let c): .some(c)
        case .all: .some(nil)
        }
    }
}
