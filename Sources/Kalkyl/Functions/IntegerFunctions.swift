import Foundation

/// The math functions on whole numbers and powers: QUOTIENT, LOG, GCD, LCM, FACT, COMBIN and
/// SUMSQ, as Excel defines them.
///
/// Scalar arguments are read as one number each (text that reads as a number counts, TRUE is
/// 1, an empty cell 0) and the first error wins. Where Excel wants a whole number it truncates
/// toward zero: FACT(4.5) is 24, COMBIN(10.9, 3.9) is 120.
enum IntegerFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("QUOTIENT", [.number("numerator"), .number("denominator")]) { args in
            FunctionArguments.toolPakNumbers(args, defaults: [0, 0]) { x in
                guard x[1] != 0 else { return .error(.div0) }
                return ExcelMath.finite(wholePart(x[0] / x[1]))
            }
        }.with(units: .quotient),
        FunctionSpec("LOG", [.number("number"), .number("base").optional()]) { args in
            guard args.count == 2 else {
                switch ArgumentRules.number(args[0]) {
                case .success(let x): return x > 0 ? ExcelMath.finite(ExcelMath.log10(x)) : .error(.num)
                case .failure(let e): return .error(e)
                }
            }
            return FunctionArguments.numbers(args, defaults: [0, 10]) { x in log(x[0], base: x[1]) }
        }.with(units: .plainNumber),
        FunctionSpec("GCD", [], repeating: [.array("number")]) { args in
            wholeNumbers(args).map { ns in ns.reduce(0, gcd) }.value
        }.with(units: .sameAs(nil)),
        FunctionSpec("LCM", [], repeating: [.array("number")]) { args in
            switch wholeNumbers(args) {
            case .failure(let e): return .error(e)
            case .success(let ns):
                var result = 1.0
                for n in ns {
                    if n == 0 { return .number(0) }
                    result = result / gcd(result, n) * n
                    // Excel's whole numbers end at 2^53; a larger multiple is #NUM!.
                    guard result < 9.007_199_254_740_992e15 else { return .error(.num) }
                }
                return .number(result)
            }
        }.with(units: .sameAs(nil)),
        .number("FACT") { x in
            guard x >= 0 else { return .error(.num) }
            let n = x.rounded(.towardZero)
            guard n <= 170 else { return .error(.num) }
            var product = 1.0
            var k = 2.0
            while k <= n { product *= k; k += 1 }
            return .number(product)
        }.with(units: .plainNumber),
        .numbers("COMBIN", .number("number_chosen")) { n, k in combinations(n.rounded(.towardZero), k.rounded(.towardZero)) }.with(units: .plainNumber),
        FunctionSpec("SUMSQ", [], repeating: [.array("number")]) { args in
            var total = 0.0
            if let e = ArgumentRules.forEachNumber(args, { total += $0 * $0 }) { return .error(e) }
            return ExcelMath.finite(total)
        }.with(units: .squared),
    ]

    /// The whole part of a quotient, judged on 15 significant digits so that a quotient a
    /// hair below a whole number (as 0.3/0.1 is) counts as that number.
    static func wholePart(_ q: Double) -> Double {
        let nearest = q.rounded()
        if ExcelMath.fifteenDigits(q) == nearest { return nearest == 0 ? 0 : nearest }
        let t = q.rounded(.towardZero)
        return t == 0 ? 0 : t
    }

    /// LOG(x, base): ln x / ln base, as Excel computes it even for base 10 (LOG(0.11, 10) is
    /// -0.9586073148417749, LOG10(0.11) one unit less); LOG(x) alone is LOG10. #NUM! for x
    /// or base not above 0, #DIV/0! for base 1.
    static func log(_ x: Double, base: Double) -> Value {
        guard x > 0, base > 0 else { return .error(.num) }
        guard base != 1 else { return .error(.div0) }
        return ExcelMath.finite(ExcelMath.ln(x) / ExcelMath.ln(base))
    }

    /// The arguments of GCD and LCM as whole numbers. Unlike SUM they convert text in cells
    /// too ("8" in a cell is 8), refuse TRUE and FALSE (#VALUE!), and skip empty cells;
    /// negative numbers and numbers from 2^53 up are #NUM!. No number at all is #VALUE!.
    static func wholeNumbers(_ args: [Argument]) -> Result<[Double], ExcelError> {
        var out: [Double] = []
        func take(_ v: Value) -> ExcelError? {
            switch v {
            case .blank: return nil
            case .bool: return .value
            default:
                switch Coerce.number(v) {
                case .failure(let e): return e
                case .success(let x):
                    guard x >= 0, x < 9.007_199_254_740_992e15 else { return .num }
                    out.append(x.rounded(.towardZero))
                    return nil
                }
            }
        }
        for arg in args {
            switch arg {
            case .value(let v), .reference(let v):
                if let e = take(v) { return .failure(e) }
            case .missing:
                return .failure(.na)   // as the other Analysis ToolPak functions
            case .range(let vs):
                for v in vs { if let e = take(v) { return .failure(e) } }
            }
        }
        return out.isEmpty ? .failure(.value) : .success(out)
    }

    static func gcd(_ a: Double, _ b: Double) -> Double {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x.truncatingRemainder(dividingBy: y)) }
        return x
    }

    /// COMBIN(n, k): how many ways to choose k of n, multiplied out so that small results are exact.
    /// Near the largest double the product before the division would overflow although the
    /// quotient fits (COMBIN(44197, 100) is 3.3E+306): there the division goes first.
    static func combinations(_ n: Double, _ k: Double) -> Value {
        guard n >= 0, k >= 0, k <= n else { return .error(.num) }
        let m = min(k, n - k)
        var result = 1.0
        var i = 1.0
        while i <= m {
            let product = result * (n - m + i)
            result = product.isFinite ? product / i : result / i * (n - m + i)
            if !result.isFinite { return .error(.num) }   // C(n - m + i, i) only grows with i
            i += 1
        }
        return ExcelMath.finite(result.rounded())
    }
}
