import Foundation

/// Numbers written as Excel writes them when it turns a number into text (`1&""`, CONCAT):
/// the General format with at most 15 significant digits, so `1/3&""` is `0.333333333333333`
/// and `0.1+0.2` reads back as `0.3`. Very large and very small magnitudes are scientific,
/// with at least two exponent digits: `1E+21`, `1.5E-10`.
enum ExcelNumberText {
    static func general(_ x: Double) -> String {
        guard x.isFinite else { return "#NUM!" }
        guard let (digits, exponent) = significantDigits(x) else { return "0" }
        let sign = x < 0 ? "-" : ""
        if exponent >= 21 || exponent < -9 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exponent)
            return sign + mantissa + "E" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0\(e)" : String(e))
        }
        if exponent < 0 {
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let integerDigits = exponent + 1
        if digits.count <= integerDigits {
            return sign + digits + String(repeating: "0", count: integerDigits - digits.count)
        }
        let cut = digits.index(digits.startIndex, offsetBy: integerDigits)
        return sign + digits[..<cut] + "." + digits[cut...]
    }

    /// The value rounded to 15 significant digits, as its digits without trailing zeros and the
    /// decimal exponent of the first one: 1234.5 is ("12345", 3). Nil for zero.
    static func significantDigits(_ x: Double) -> (digits: String, exponent: Int)? {
        guard x != 0, x.isFinite else { return nil }
        let text = String(format: "%.14e", abs(x))        // 1.23450000000000e+03
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return nil }
        var digits = text[..<e].filter { $0 != "." }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        return (digits, exponent)
    }
}
