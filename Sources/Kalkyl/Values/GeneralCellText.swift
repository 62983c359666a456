import Foundation

/// A number in the General format as a cell of standard width shows it, which is what TEXT
/// writes for `"General"`: at most 11 characters besides the sign, so 1/3 is `0.333333333` and
/// 123456789012 is `1.23457E+11` (where `&` writes all 15 digits: see `ExcelNumberText`).
///
/// The rules follow the General format as spreadsheet libraries have measured it against Excel:
/// by the decimal exponent V of the number, V from −4 to −1 keeps 10 + V significant digits,
/// |V| ≤ 9 the fixed form when it fits (else 10 significant digits, else scientific with 6),
/// V = 10 the integer, and beyond that the fixed form when it fits, else 6 significant digits
/// in scientific form. Exponents have two digits at least: `1.2E-16`, `-2.5E-09`.
enum GeneralCellText {
    static func text(_ x: Double) -> String {
        guard x != 0 else { return "0" }
        guard x.isFinite else { return "#NUM!" }
        let width = x < 0 ? 12 : 11
        let v = Int(Foundation.log10(abs(x)).rounded(.down))
        var o: String
        if v >= -4 && v <= -1 {
            o = precision(x, 10 + v)
        } else if abs(v) <= 9 {
            o = stripped(fixed(x, 12))
            if o.count > width { o = precision(x, 10) }
            if o.count > width { o = exponential(x, 5) }
        } else if v == 10 {
            o = String(fixed(x, 10).prefix(12))
        } else {
            o = stripped(fixed(x, 11))
            if o.count > width || o == "0" || o == "-0" { o = precision(x, 6) }
        }
        return stripped(normalized(o))
    }

    /// JavaScript's toFixed: `digits` decimals.
    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// JavaScript's toExponential: `1.23457e+11`.
    static func exponential(_ x: Double, _ digits: Int) -> String {
        let c = String(format: "%.\(digits)e", x)   // 1.23457e+11
        guard let e = c.firstIndex(of: "e"), let n = Int(c[c.index(after: e)...]) else { return c }
        return c[..<e] + "e" + (n < 0 ? "-" : "+") + String(abs(n))
    }

    /// JavaScript's toPrecision: `p` significant digits, scientific when the exponent is below
    /// −6 or at least p.
    static func precision(_ x: Double, _ p: Int) -> String {
        let c = String(format: "%.\(p - 1)e", x)
        guard let e = c.firstIndex(of: "e"), let n = Int(c[c.index(after: e)...]) else { return c }
        if n < -6 || n >= p { return exponential(x, p - 1) }
        return fixed(x, max(0, p - 1 - n))
    }

    /// Upper-case E, the mantissa's trailing zeros dropped, two exponent digits at least.
    static func normalized(_ s: String) -> String {
        let upper = s.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return upper }
        var mantissa = String(upper[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        var exponent = String(upper[upper.index(after: e)...])
        if exponent.count == 2 { exponent.insert("0", at: exponent.index(after: exponent.startIndex)) }
        return mantissa + "E" + exponent
    }

    /// Trailing zeros after a decimal point dropped, and the point when nothing follows.
    static func stripped(_ s: String) -> String {
        guard s.contains("."), !s.contains("E") else { return s }
        var out = s
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }
}
