/// The values of a definition's block, as the library hands them out: a read-only view.
///
/// Cells are ordered period by period, and within a period member by member, the last
/// dimension fastest (see `CheckedModel.cellCount(of:)`).
public struct Column: Sendable, Equatable {
    let storage: CellStorage

    init(storage: CellStorage) {
        self.storage = storage
    }

    /// A column holding these values.
    public init(_ values: [Value]) {
        let s = CellStorage(count: values.count)
        for (i, v) in values.enumerated() { s[i] = v }
        s.compact()
        self.storage = s
    }

    public var count: Int { storage.count }

    public subscript(i: Int) -> Value { storage[i] }

    public var values: [Value] { (0..<count).map { storage[$0] } }

    /// Whether every cell holds a plain number.
    public var isAllNumbers: Bool { storage.isAllNumbers }

    /// Bit-for-bit equality, the test for the early cut-off and for incremental results.
    public func isIdentical(to other: Column) -> Bool {
        guard count == other.count else { return false }
        if storage.kinds == nil && other.storage.kinds == nil && storage.uniformKind == other.storage.uniformKind {
            for i in 0..<count where storage.numbers[i].bitPattern != other.storage.numbers[i].bitPattern { return false }
            return true
        }
        for i in 0..<count where !storage[i].isIdentical(to: other.storage[i]) { return false }
        return true
    }

    public static func == (a: Column, b: Column) -> Bool { a.values == b.values }
}
