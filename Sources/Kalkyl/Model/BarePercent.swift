/// A number without `%` above 1 set for a `%` input: `rate = 5` in a scenario, `--set rate=5`
/// or `input rate: % = 5` is 5 % to the person who wrote it and 500 % as the language reads it
/// (a number without `%` is a fraction there: `0.05` is 5 %). It is refused, as a data file's
/// bare `5` in a `%` column is (`PercentCells`), never guessed; a fraction and a number with
/// its sign read one way.
extension Checker {
    /// The inputs a bare number above 1 is refused for, by slot: those declared `%`, and those
    /// whose own value is written as a percentage (`input rate = 2%`, `(2%)`, `-(2%)`), which a
    /// scenario's `rate = 5` means to change to 5 %.
    static func percentInputs(_ definitions: [CheckedDefinition]) -> Set<Int> {
        Set(definitions.indices.filter { k in
            let d = definitions[k]
            guard d.isInput else { return false }
            if d.unit == "%" { return true }
            return d.unit == nil && d.data == nil && writtenAsPercent(d.expression)
        })
    }

    /// Whether `expression` is a percentage as written: `2%`, or one in brackets or with its
    /// sign (`(2%)`, `+2%`, `-(2%)`), which read as `2%` does.
    static func writtenAsPercent(_ expression: FormulaTree) -> Bool {
        guard !expression.nodes.isEmpty else { return false }
        var node = expression.root
        while true {
            switch expression.nodes[node].kind {
            case .negate(let inner), .plus(let inner), .group(let inner): node = inner
            case .percent: return true
            default: return false
            }
        }
    }

    /// The number `expression` is, with its range, when it is a literal written without `%`
    /// (`5`, `-2`, `(5)`) above 1 in magnitude; nil for anything else (`5%`, `0.05`, `5 / 100`).
    static func barePercent(_ expression: FormulaTree) -> (value: Double, range: SourceRange)? {
        guard !expression.nodes.isEmpty else { return nil }
        var node = expression.root, sign = 1.0
        while true {
            switch expression.nodes[node].kind {
            case .negate(let inner): sign = -sign; node = inner
            case .plus(let inner), .group(let inner): node = inner
            case .number(let x): return x.magnitude > 1 ? (sign * x, expression.range) : nil
            default: return nil
            }
        }
    }

    /// The error for `d`, which sets the `%` input `name` to a bare number above 1; nil when
    /// it sets no such number.
    func barePercentProblem(_ d: Definition, input name: String) -> Diagnostic? {
        guard let (value, range) = Self.barePercent(d.expression) else { return nil }
        let number = PercentCells.spelled(value), written = file.text(in: range) ?? number
        return .error("'\(written)' for the % input '\(name)' could be read two ways: as \(written) %, or as \(PercentCells.spelled(value * 100)) %, "
                      + "since a number without '%' is a fraction (0.05 is 5 %)",
                      at: location(range), hint: "write \(number)% for \(number) per cent, or the fraction, \(PercentCells.spelled(value / 100))",
                      code: .barePercentInput)
    }
}
