/// SUMPRODUCT and COUNTA: aggregates that read every kind of value, not only numbers.
enum AggregateFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("SUMPRODUCT", [], repeating: [.array("array")], maxArgs: 255, sumProduct).with(.columns).computingArraysElementwise().with(units: .product),
        FunctionSpec("COUNTA", [], repeating: [.array("value")], maxArgs: 255, countNonEmpty).with(units: .plainNumber),
    ]

    /// SUMPRODUCT(array1, array2, …): the sum of the products of the arrays' cells position by
    /// position. The arrays must be of one shape (#VALUE! otherwise); a cell that is not a
    /// number counts as 0, and an error in any cell is the result. An array may be computed
    /// position by position (`(x > 0) * y`, see `Elementwise`): its TRUE is then 1 only
    /// through the arithmetic, as in Excel, where `SUMPRODUCT(x > 0)` alone is 0.
    @Sendable static func sumProduct(_ all: [Argument]) -> Value {
        let a = ShapedArguments(all)
        var tables: [LookupTable] = []
        for k in 0..<a.count {
            guard let t = a.table(k) else { return .error(.value) }
            if let first = tables.first, first.rows != t.rows || first.columns != t.columns { return .error(.value) }
            tables.append(t)
        }
        for t in tables {
            for case .error(let e) in t.values { return .error(e) }
        }
        // Added in SUM's one order, so SUMPRODUCT(x, 1) is SUM(x) to the last bit; a position
        // where a cell is not a number is skipped in its place, as SUM skips it.
        var total = PairwiseSum.Accumulator()
        positions: for i in tables[0].values.indices {
            var product = 1.0
            for t in tables {
                guard let x = t.values[i].number else { total.skip(); continue positions }
                product *= x
            }
            total.add(product)
        }
        return ExcelMath.finite(total.total)
    }

    /// COUNTA(value1, …): the values that are not empty cells, errors and "" included. An
    /// argument left out counts, as in Excel.
    @Sendable static func countNonEmpty(_ args: [Argument]) -> Value {
        var count = 0
        for arg in args {
            switch arg {
            case .value(let v), .reference(let v): if v != .blank { count += 1 }
            case .missing: count += 1
            case .range(let vs): count += vs.count(where: { $0 != .blank })
            }
        }
        return .number(Double(count))
    }
}
