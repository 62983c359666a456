import Foundation

/// The arithmetic under Excel's numeric functions, where Excel differs from plain IEEE doubles.
/// Each rule here was matched bit for bit against the results Excel cached in real workbooks
/// (see the oracle tests).
enum ExcelMath {
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
