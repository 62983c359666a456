/// A definition's cells as `eval`'s table reads them, in block order: a report's values, or the
/// evaluation's block read where it is. Printing a whole input of 3.6 million cells made a
/// `Column` and a `[Value]` of them beside the block (48 bytes a cell, unweighed), which stopped
/// kalkyl under a `ulimit -v` it computed in; read in place they take nothing more.
struct TableCells: RandomAccessCollection {
    private enum Source {
        case values([Value])
        case block(CellStorage)
    }

    private let source: Source

    init(_ values: [Value]) { source = .values(values) }

    /// A block of a finished evaluation, which must not change while it is read.
    init(block: CellStorage) { source = .block(block) }

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch source {
        case .values(let values): values.count
        case .block(let block): block.count
        }
    }

    subscript(i: Int) -> Value {
        switch source {
        case .values(let values): values[i]
        case .block(let block): block[i]
        }
    }
}
