/// The values of a block of cells: a definition's periods, or a slab of them being computed.
///
/// Most blocks hold only numbers, and then they are a plain `[Double]` that kernels run
/// over in tight loops; a block with text, booleans, blanks or errors falls back to `[Value]`.
/// A column of one cell stands for the same value in every cell (a scalar, broadcast).
public enum Column: Sendable, Equatable {
    case numbers([Double])
    case values([Value])

    public var count: Int {
        switch self {
        case .numbers(let xs): xs.count
        case .values(let vs): vs.count
        }
    }

    /// Cell i; a one-cell column answers for every i.
    @inline(__always)
    public subscript(i: Int) -> Value {
        switch self {
        case .numbers(let xs): .number(xs.count == 1 ? xs[0] : xs[i])
        case .values(let vs): vs.count == 1 ? vs[0] : vs[i]
        }
    }

    public var values: [Value] {
        switch self {
        case .numbers(let xs): xs.map { .number($0) }
        case .values(let vs): vs
        }
    }

    /// Builds the cheapest column for these values: numbers when all of them are.
    public init(_ values: [Value]) {
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for v in values {
            guard case .number(let n) = v else { self = .values(values); return }
            numbers.append(n)
        }
        self = .numbers(numbers)
    }

    public static func repeating(_ v: Value, count: Int) -> Column {
        if case .number(let n) = v { return .numbers([Double](repeating: n, count: count)) }
        return .values([Value](repeating: v, count: count))
    }

    /// A one-cell column widened to n cells.
    public func broadcast(to n: Int) -> Column {
        guard count == 1, n != 1 else { return self }
        return Column.repeating(self[0], count: n)
    }

    /// Overwrites cells `start ..< start + part.count` with `part`.
    public mutating func write(_ part: Column, at start: Int) {
        switch (self, part) {
        case (.numbers(var xs), .numbers(let ys)):
            self = .values([])   // release the array so the write below does not copy it
            xs.replaceSubrange(start..<(start + ys.count), with: ys)
            self = .numbers(xs)
        default:
            var vs = values
            self = .values([])
            for i in 0..<part.count { vs[start + i] = part[i] }
            self = Column(vs)
        }
    }

    /// Cells `range` as a column of their own.
    public func slice(_ range: Range<Int>) -> Column {
        switch self {
        case .numbers(let xs): .numbers(Array(xs[range]))
        case .values(let vs): .values(Array(vs[range]))
        }
    }

    /// Bit-for-bit equality, the test for the early cut-off and for incremental results.
    public func isIdentical(to other: Column) -> Bool {
        guard count == other.count else { return false }
        if case .numbers(let a) = self, case .numbers(let b) = other {
            for i in 0..<a.count where a[i].bitPattern != b[i].bitPattern { return false }
            return true
        }
        for i in 0..<count where !self[i].isIdentical(to: other[i]) { return false }
        return true
    }
}
