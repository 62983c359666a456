/// Operators over whole columns. Columns of plain numbers take a tight loop; anything else
/// goes cell by cell through `Operators`, which holds Excel's rules for every kind of value.
enum Kernels {
    static func binary(_ op: BinaryOperator, _ a: Column, _ b: Column) -> Column {
        if case .numbers(let x) = a, case .numbers(let y) = b, let fast = arithmetic(op, x, y) {
            return fast
        }
        let n = max(a.count, b.count)
        var out: [Value] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append(Operators.binary(op, a[i], b[i])) }
        return Column(out)
    }

    /// `+ - * /` and `^` on numbers. Returns nil to fall back to the cell-by-cell path when
    /// a result is not a finite number (division by zero, overflow), which needs an error value.
    static func arithmetic(_ op: BinaryOperator, _ x: [Double], _ y: [Double]) -> Column? {
        let n = max(x.count, y.count)
        var out = [Double](repeating: 0, count: n)
        var finite = true
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                out.withUnsafeMutableBufferPointer { op2 in
                    let xs = xp.count == 1 ? 0 : 1
                    let ys = yp.count == 1 ? 0 : 1
                    switch op {
                    case .add: for i in 0..<n { op2[i] = xp[i * xs] + yp[i * ys] }
                    case .subtract: for i in 0..<n { op2[i] = xp[i * xs] - yp[i * ys] }
                    case .multiply: for i in 0..<n { op2[i] = xp[i * xs] * yp[i * ys] }
                    case .divide: for i in 0..<n { op2[i] = xp[i * xs] / yp[i * ys] }
                    default: finite = false; return
                    }
                    for i in 0..<n where !op2[i].isFinite { finite = false; break }
                }
            }
        }
        return finite ? .numbers(out) : nil
    }

    static func negate(_ a: Column) -> Column {
        if case .numbers(let x) = a { return .numbers(x.map { -$0 }) }
        return Column((0..<a.count).map { Operators.negate(a[$0]) })
    }

    static func percent(_ a: Column) -> Column {
        if case .numbers(let x) = a { return .numbers(x.map { $0 / 100 }) }
        return Column((0..<a.count).map { Operators.percent(a[$0]) })
    }
}
