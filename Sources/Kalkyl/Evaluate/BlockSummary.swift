/// What an editor shows of a definition's values at the end of its line, computed where the
/// block is instead of copying it out: a block of a 100,000-employee model is megabytes, and
/// an editor asks again after every keystroke.
public struct BlockSummary: Sendable, Equatable {
    /// Cells in the block.
    public let count: Int
    /// Its numbers added in SUM's order (``PairwiseSum``), as `SUM` of the block gives.
    public let total: Double
    /// How many cells hold a number.
    public let numbers: Int
    /// How many cells hold an error.
    public let errors: Int
    /// How many cells are neither TRUE nor a number other than 0: a check's failing cells.
    public let failing: Int
    /// The first and the last cell.
    public let first: Value
    public let last: Value

    init(of block: CellStorage) {
        count = block.count
        first = block.count > 0 ? block[0] : .blank
        last = block.count > 0 ? block[block.count - 1] : .blank
        if block.isAllNumbersOrBools && block.count > 0 {
            // Numbers or booleans only: no cell is an error, and the plain loop over the
            // doubles is what makes this cheap.
            let isBool = !block.isAllNumbers
            (total, failing) = block.withNumbers(0, block.count) { x in
                var zeros = 0
                for v in UnsafeBufferPointer(start: x, count: block.count) where v == 0 { zeros += 1 }
                return (isBool ? 0 : PairwiseSum.combine(PairwiseSum.leafSums(x, block.count)), zeros)
            }
            numbers = isBool ? 0 : block.count
            errors = 0
            return
        }
        var sum = PairwiseSum.Accumulator()
        var numbers = 0, errors = 0, failing = 0
        for i in 0..<block.count {
            switch block[i] {
            case .number(let x):
                sum.add(x)
                numbers += 1
                if x == 0 { failing += 1 }
            case .bool(let b):
                sum.skip()
                if !b { failing += 1 }
            case .error:
                sum.skip()
                errors += 1
                failing += 1
            default:
                sum.skip()
                failing += 1
            }
        }
        total = sum.total
        self.numbers = numbers
        self.errors = errors
        self.failing = failing
    }
}
