/// The values of a definition's block, as the library hands them out: a read-only copy,
/// made of values only, so the compiler can prove it safe to send to another task.
///
/// Cells are ordered period by period, and within a period member by member, the last
/// dimension fastest (see `CheckedModel.cellCount(of:)`).
public struct Column: Sendable, Equatable {
    let numbers: [Double]
    /// Each cell's kind, when the cells are of more than one kind.
    let kinds: [Kind]?
    /// The kind of every cell while `kinds` is nil.
    let uniformKind: Kind
    let texts: [Int: String]

    /// A copy of a block's cells: later updates of the block do not change it.
    init(copying storage: CellStorage) {
        numbers = storage.withNumbers(0, storage.count) { Array(UnsafeBufferPointer(start: $0, count: storage.count)) }
        kinds = storage.kinds.map { Array(UnsafeBufferPointer(start: $0, count: storage.count)) }
        uniformKind = storage.uniformKind
        texts = storage.texts
    }

    /// A column holding these values.
    public init(_ values: [Value]) {
        let s = CellStorage(count: values.count)
        for (i, v) in values.enumerated() { s[i] = v }
        s.compact()
        self.init(copying: s)
    }

    public var count: Int { numbers.count }

    public subscript(i: Int) -> Value {
        guard let kinds else { return uniformKind == .bool ? .bool(numbers[i] != 0) : .number(numbers[i]) }
        return kinds[i].value(number: numbers[i], text: texts[i])
    }

    public var values: [Value] { (0..<count).map { self[$0] } }

    /// Whether every cell holds a plain number.
    public var isAllNumbers: Bool { kinds == nil && uniformKind == .number }

    /// Bit-for-bit equality, the test for the early cut-off and for incremental results.
    public func isIdentical(to other: Column) -> Bool {
        guard count == other.count else { return false }
        if kinds == nil && other.kinds == nil && uniformKind == other.uniformKind {
            for i in 0..<count where numbers[i].bitPattern != other.numbers[i].bitPattern { return false }
            return true
        }
        for i in 0..<count where !self[i].isIdentical(to: other[i]) { return false }
        return true
    }

    public static func == (a: Column, b: Column) -> Bool { a.values == b.values }
}
