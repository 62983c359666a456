import Foundation

/// The arithmetic under Excel's numeric functions, where Excel differs from plain IEEE doubles.
/// Each rule here was matched bit for bit against the results Excel cached in real workbooks
/// (see the oracle tests).
enum ExcelMath {
    enum Rounding { case nearest, up, down }

    /// ROUND, ROUNDUP and ROUNDDOWN: `x` to `digits` decimals (negative digits round to tens,
    /// hundreds, …); nil when the result overflows.
    ///
    /// Excel looks at the number as its 15 significant digits, so ROUND(1.05*0.03-0.0284, 4) is
    /// 0.0063 although the double is 0.006249999999999999, and rounds halves away from zero.
    /// Digits past the 15th are never rounded away: ROUND(x, 20) is x.
    /// ROUNDUP adds one unit to the truncated value in binary, which is why Excel's
    /// ROUNDUP(7.123, 1) is 7.199999999999999 (7.1 + 0.1) and not 7.2.
    static func round(_ x: Double, digits rawDigits: Double, _ mode: Rounding) -> Double? {
        guard x.isFinite else { return nil }
        let d = Int(max(-400, min(400, rawDigits.rounded(.towardZero))))
        guard let (digits, exponent) = ExcelNumberText.significantDigits(x) else { return 0 }
        let kept = exponent + 1 + d                      // leading digits at or above 10^-d
        if kept >= 15 { return x }
        let sign = x < 0 ? "-" : ""
        let unit = Double("\(sign)1e\(-d)") ?? 0
        var down = 0.0
        var dropped = digits[...]
        if kept > 0 {
            let cut = digits.index(digits.startIndex, offsetBy: min(kept, digits.count))
            down = Double("\(sign)\(digits[..<cut])e\(exponent + 1 - min(kept, digits.count))") ?? 0
            dropped = digits[cut...]
        }
        let exact = dropped.allSatisfy { $0 == "0" }
        let result: Double
        switch mode {
        case .down:
            result = down
        case .up:
            result = exact ? down : down + unit
        case .nearest:
            let half = kept >= 0 && (dropped.first.map { $0 >= "5" } ?? false)
            if !half {
                result = down
            } else if kept > 0, let truncated = Int(digits.prefix(kept)) {
                // Add the unit in decimal so that ROUND gives the double nearest to its decimal result.
                let scale = exponent + 1 - kept
                result = Double("\(sign)\(truncated + 1)e\(scale)") ?? .infinity
            } else {
                result = unit
            }
        }
        guard result.isFinite else { return nil }
        return result == 0 ? 0 : result
    }

    /// INT: the largest integer not above `x`, judged on its 15 significant digits like ROUND.
    static func floor(_ x: Double) -> Double? {
        x >= 0 ? round(x, digits: 0, .down) : round(x, digits: 0, .up)
    }

    /// MOD with the sign of the divisor, computed exactly: `fmod` is exact, and adding the
    /// divisor back is exact too, so MOD(5, 1E-10) is 9.999981783901343E-11 as in Excel rather
    /// than the 0 that `a - b*floor(a/b)` gives.
    static func mod(_ a: Double, _ b: Double) -> Result<Double, ExcelError> {
        guard b != 0 else { return .failure(.div0) }
        var r = fmod(a, b)
        if r != 0 && (r < 0) != (b < 0) { r += b }
        guard r.isFinite else { return .failure(.num) }
        return .success(r == 0 ? 0 : r)
    }

    /// POWER and `^`. Excel multiplies out whole exponents (POWER(-2.4, 5) is exactly -79.62624,
    /// where `pow` gives -79.62623999999998) and takes other powers through exp and log, with a
    /// negative exponent as a reciprocal: POWER(2, PI()) is 8.824977827076289 in Excel.
    /// 0^0 and negative bases with fractional exponents are #NUM!, 0 to a negative power #DIV/0!.
    static func power(_ x: Double, _ y: Double) -> Result<Double, ExcelError> {
        if x == 0 {
            if y == 0 { return .failure(.num) }
            return y < 0 ? .failure(.div0) : .success(0)
        }
        if y == 0 { return .success(1) }
        let result: Double
        if y == y.rounded(), abs(y) <= 9.007_199_254_740_992e15 {
            var n = UInt64(abs(y))
            var base = x
            var product = 1.0
            while n > 0 {
                if n & 1 == 1 { product *= base }
                n >>= 1
                if n > 0 { base *= base }
            }
            result = y < 0 ? 1 / product : product
        } else {
            guard x > 0 else { return .failure(.num) }
            result = y > 0 ? Foundation.exp(y * Foundation.log(x)) : 1 / Foundation.exp(-y * Foundation.log(x))
        }
        guard result.isFinite, !result.isNaN else { return .failure(.num) }
        return .success(result)
    }

    /// A finite result, or #NUM! for the infinities and NaNs that Excel never shows.
    /// Excel has no subnormal numbers either: EXP(-745) is 0, not 5E-324.
    static func finite(_ x: Double) -> Value {
        guard x.isFinite else { return .error(.num) }
        return .number(abs(x) < Double.leastNormalMagnitude ? 0 : x)
    }

    /// EXP, LN and LOG10 computed in extended precision and rounded once, which gives the
    /// correctly rounded results Excel shows where the platform's double `log10` is one unit
    /// in the last place off (LOG10(1.3) is 0.11394335230683679 in Excel). Where the platform
    /// has no extended type, the double functions are used.
    static func exp(_ x: Double) -> Double {
        #if (arch(x86_64) || arch(i386)) && !os(Windows) && !os(Android)
        Double(Foundation.exp(Float80(x)))
        #else
        Foundation.exp(x)
        #endif
    }

    static func ln(_ x: Double) -> Double {
        #if (arch(x86_64) || arch(i386)) && !os(Windows) && !os(Android)
        Double(Foundation.log(Float80(x)))
        #else
        Foundation.log(x)
        #endif
    }

    static func log10(_ x: Double) -> Double {
        #if (arch(x86_64) || arch(i386)) && !os(Windows) && !os(Android)
        Double(Foundation.log10(Float80(x)))
        #else
        Foundation.log10(x)
        #endif
    }

    /// `x` rounded to 15 significant digits, the precision at which Excel's comparison
    /// operators look at numbers (`0.1+0.2=0.3` is TRUE in Excel).
    static func fifteenDigits(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        return Double(String(format: "%.14e", x)) ?? x
    }
}
