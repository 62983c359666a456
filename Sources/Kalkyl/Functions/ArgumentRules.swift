/// Excel's rules for reading function arguments, written once so every family follows them.
///
/// The rules depend on where a value came from. Typed into the call (`SUM(TRUE, "2")`), a value
/// is converted: TRUE is 1, "2" is 2, "two" is #VALUE!. Reached through a reference or a range
/// (`SUM(A1:A3)`), only numbers count and text, booleans and empty cells are skipped. Errors
/// always propagate, and the first one in argument order wins.
enum ArgumentRules {
    /// Calls `body` with every number an aggregate (SUM, AVERAGE, MIN, MAX, PRODUCT) sees,
    /// in argument order; returns the first error instead, if there is one.
    ///
    /// A left-out argument (`SUM(1,)`) counts as 0, as in Excel. An empty value produced by a
    /// function (IF returning an empty cell) is skipped like an empty cell. `skipped` hears of
    /// each value or cell that holds no number, so SUM can keep every cell in its place.
    static func forEachNumber(_ args: [Argument], skipped: () -> Void = {}, _ body: (Double) -> Void) -> ExcelError? {
        for arg in args {
            switch arg {
            case .value(let v):
                switch v {
                case .blank: skipped()
                case .text(let s):
                    guard let n = Coerce.parseNumber(s) else { return .value }
                    body(n)
                case .number(let n): body(n)
                case .bool(let b): body(b ? 1 : 0)
                case .error(let e): return e
                }
            case .missing:
                body(0)
            case .reference(let v):
                if let e = cellNumber(v, skipped, body) { return e }
            case .range(let vs):
                for v in vs {
                    if let e = cellNumber(v, skipped, body) { return e }
                }
            }
        }
        return nil
    }

    /// A value read from a cell by an aggregate: numbers count, errors stop, the rest is skipped.
    @inline(__always)
    static func cellNumber(_ v: Value, _ skipped: () -> Void = {}, _ body: (Double) -> Void) -> ExcelError? {
        switch v {
        case .number(let n): body(n); return nil
        case .error(let e): return e
        default: skipped(); return nil
        }
    }

    /// The numbers of an aggregate, or its first error.
    static func numbers(_ args: [Argument]) -> Result<[Double], ExcelError> {
        var out: [Double] = []
        if let e = forEachNumber(args, { out.append($0) }) { return .failure(e) }
        return .success(out)
    }

    /// One argument where a single number is expected (ROUND's digits, MOD's divisor).
    /// A left-out argument is 0; a range of several cells is #VALUE!.
    @inline(__always)
    static func number(_ arg: Argument) -> Result<Double, ExcelError> {
        Coerce.number(arg.scalar)
    }

    /// The truth values AND and OR see, or their first error; nil when there were none.
    ///
    /// Typed into the call, numbers and booleans count and the text "TRUE" or "FALSE" is read;
    /// other text is skipped (AND("", TRUE) is TRUE), as are empty cells. Through a reference
    /// or range, only numbers and booleans count: text, even "TRUE", is skipped.
    static func truthValues(_ args: [Argument]) -> Result<[Bool], ExcelError> {
        var out: [Bool] = []
        func cell(_ v: Value) -> ExcelError? {
            switch v {
            case .number(let n): out.append(n != 0)
            case .bool(let b): out.append(b)
            case .error(let e): return e
            case .text, .blank: break
            }
            return nil
        }
        for arg in args {
            switch arg {
            case .value(let v):
                if case .text(let s) = v {
                    if let b = Coerce.parseBool(s) { out.append(b) }
                } else if let e = cell(v) {
                    return .failure(e)
                }
            case .missing:
                out.append(false)
            case .reference(let v):
                if let e = cell(v) { return .failure(e) }
            case .range(let vs):
                for v in vs {
                    if let e = cell(v) { return .failure(e) }
                }
            }
        }
        return .success(out)
    }

    /// Every value of the arguments in order, ranges flattened (for CONCAT).
    static func flattened(_ args: [Argument]) -> [Value] {
        var out: [Value] = []
        for arg in args {
            switch arg {
            case .value(let v), .reference(let v): out.append(v)
            case .missing: out.append(.blank)
            case .range(let vs): out.append(contentsOf: vs)
            }
        }
        return out
    }
}

extension FunctionSpec {
    /// A function of one number, such as ABS or SQRT: the argument is coerced, errors pass through.
    static func number(_ name: String, _ f: @escaping @Sendable (Double) -> Value) -> FunctionSpec {
        FunctionSpec(name, [.number("number")]) { args in
            switch ArgumentRules.number(args[0]) {
            case .success(let x): f(x)
            case .failure(let e): .error(e)
            }
        }
    }

    /// A function of two numbers, such as MOD or POWER: `number` and `second`. The first
    /// argument's error wins; a left-out optional second argument arrives as its default.
    static func numbers(_ name: String, _ second: Parameter,
                        _ f: @escaping @Sendable (Double, Double) -> Value) -> FunctionSpec {
        FunctionSpec(name, [.number("number"), second]) { args in
            let a: Double
            switch ArgumentRules.number(args[0]) {
            case .success(let x): a = x
            case .failure(let e): return .error(e)
            }
            switch ArgumentRules.number(args[1]) {
            case .success(let b): return f(a, b)
            case .failure(let e): return .error(e)
            }
        }
    }
}

extension Result where Success == Double, Failure == ExcelError {
    /// The number as a cell value: errors as error values, infinities and NaN as #NUM!.
    var value: Value {
        switch self {
        case .success(let x): ExcelMath.finite(x)
        case .failure(let e): .error(e)
        }
    }
}
