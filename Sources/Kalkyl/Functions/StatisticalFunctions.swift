/// The statistical functions, as Excel defines them.
///
/// They read their arguments by the aggregate rules in `ArgumentRules`: values typed into the
/// call are converted, cells contribute only their numbers, the first error wins.
enum StatisticalFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("SUM", [], repeating: [.array("number")], fastPath: .sum, sum).with(units: .sameAs(nil)),
        FunctionSpec("AVERAGE", [], repeating: [.array("number")], fastPath: .average, average).with(units: .sameAs(nil)),
        FunctionSpec("MIN", [], repeating: [.array("number")], fastPath: .min) { extreme($0, <) }.with(units: .sameAs(nil)),
        FunctionSpec("MAX", [], repeating: [.array("number")], fastPath: .max) { extreme($0, >) }.with(units: .sameAs(nil)),
        FunctionSpec("COUNT", [], repeating: [.array("value")], fastPath: .count, count).with(units: .plainNumber),
    ]

    /// Added in SUM's one order (`PairwiseSum`), the one the kernels use, so the bits do not
    /// depend on whether the range also holds text or blanks: up to 64 cells left to right,
    /// as Excel does.
    @Sendable static func sum(_ args: [Argument]) -> Value {
        var total = PairwiseSum.Accumulator()
        if let e = ArgumentRules.forEachNumber(args, skipped: { total.skip() }, { total.add($0) }) { return .error(e) }
        return ExcelMath.finite(total.total)
    }

    /// #DIV/0! when no argument holds a number. The total is SUM's.
    @Sendable static func average(_ args: [Argument]) -> Value {
        var total = PairwiseSum.Accumulator()
        var n = 0
        if let e = ArgumentRules.forEachNumber(args, skipped: { total.skip() }, { total.add($0); n += 1 }) { return .error(e) }
        return n == 0 ? .error(.div0) : ExcelMath.finite(total.total / Double(n))
    }

    /// MIN and MAX are 0, not an error, when no argument holds a number.
    static func extreme(_ args: [Argument], _ better: (Double, Double) -> Bool) -> Value {
        var best: Double?
        if let e = ArgumentRules.forEachNumber(args, { x in
            if let b = best, !better(x, b) { return }
            best = x
        }) { return .error(e) }
        return .number(best ?? 0)
    }

    /// COUNT never fails: it counts what reads as a number and skips everything else, errors
    /// included. Typed into the call, TRUE and "23" count; in cells only numbers do.
    @Sendable static func count(_ args: [Argument]) -> Value {
        var n = 0
        for arg in args {
            switch arg {
            case .value(let v):
                switch v {
                case .number, .bool: n += 1
                case .text(let s): if Coerce.parseNumber(s) != nil { n += 1 }
                case .error, .blank: break
                }
            case .missing:
                n += 1
            case .reference(let v):
                if case .number = v { n += 1 }
            case .range(let vs):
                for case .number in vs { n += 1 }
            }
        }
        return .number(Double(n))
    }
}
