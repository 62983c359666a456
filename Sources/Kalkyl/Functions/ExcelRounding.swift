import Foundation

/// The ROUND family: ROUND, ROUNDUP, ROUNDDOWN, TRUNC and INT.
extension ExcelMath {
    enum Rounding { case nearest, up, down }

    /// `x` to `digits` decimals (negative digits round to tens, hundreds, …); nil when the
    /// result overflows. Digits are truncated toward zero: ROUND(x, 2.7) is ROUND(x, 2).
    ///
    /// Excel looks at the number as its 15 significant digits, so ROUND(1.05*0.03-0.0284, 4) is
    /// 0.0063 although the double is 0.006249999999999999, and rounds halves away from zero.
    /// Digits past the 15th are never rounded away: ROUND(x, 20) is x. ROUND gives the double
    /// nearest to its decimal result. ROUNDUP adds one unit to the truncated value in binary,
    /// which is why Excel's ROUNDUP(7.123, 1) is 7.199999999999999 (7.1 + 0.1) and not 7.2.
    static func round(_ x: Double, digits rawDigits: Double, _ mode: Rounding) -> Double? {
        guard x.isFinite else { return nil }
        let d = Int(max(-400, min(400, rawDigits.rounded(.towardZero))))
        return quickRound(x, d, mode) ?? decimalRound(x, d, mode)
    }

    /// INT: the largest integer not above `x`, judged on its 15 significant digits like ROUND.
    static func floor(_ x: Double) -> Double? {
        x >= 0 ? round(x, digits: 0, .down) : round(x, digits: 0, .up)
    }

    static let powersOfTen: [Double] = (0...22).map { Double("1e\($0)") ?? 0 }

    /// The common case without text formatting: when `x * 10^d` is safely away from the point
    /// where the rounding turns (a half for ROUND, a whole number for the others), the 15-digit
    /// view cannot change the outcome, and dividing the whole result by an exact power of ten
    /// rounds once, to the same double as the decimal route. Nil sends the value there.
    @inline(__always)
    static func quickRound(_ x: Double, _ d: Int, _ mode: Rounding) -> Double? {
        guard d >= -22 && d <= 22 else { return nil }
        let p = powersOfTen[abs(d)]
        let y = d >= 0 ? abs(x) * p : abs(x) / p
        guard y < 1e14 else { return nil }
        let whole = y.rounded(.down)
        let fraction = y - whole
        // Rounding x to 15 digits moves y by up to 5e-15 of itself.
        let margin = max(1e-6, y * 2e-14)
        let magnitude: Double
        switch mode {
        case .nearest:
            guard abs(fraction - 0.5) > margin else { return nil }
            let n = fraction > 0.5 ? whole + 1 : whole
            magnitude = d >= 0 ? n / p : n * p
        case .down, .up:
            guard fraction > margin && fraction < 1 - margin else { return nil }
            let down = d >= 0 ? whole / p : whole * p
            magnitude = mode == .down ? down : down + (d >= 0 ? 1 / p : p)
        }
        let result = x < 0 ? -magnitude : magnitude
        return result == 0 ? 0 : result
    }

    /// The general case, on the decimal digits of `x`.
    static func decimalRound(_ x: Double, _ d: Int, _ mode: Rounding) -> Double? {
        guard let (digits, exponent) = ExcelNumberText.significantDigits(x) else { return 0 }
        // When rounding to 15 digits carried into a new leading digit (99999999999999.98 is
        // 1.00000000000000E+14), x itself still has the smaller exponent.
        let carried = digits == "1" && abs(x) < (Double("1e\(exponent)") ?? 0)
        if exponent - (carried ? 1 : 0) + 1 + d >= 15 { return x }
        let kept = exponent + 1 + d                      // leading digits at or above 10^-d
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
                result = Double("\(sign)\(truncated + 1)e\(exponent + 1 - kept)") ?? .infinity
            } else {
                result = unit
            }
        }
        guard result.isFinite else { return nil }
        return result == 0 ? 0 : result
    }
}
