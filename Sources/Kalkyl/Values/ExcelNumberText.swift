import Foundation

/// Numbers written as Excel writes them when it turns a number into text (`1&""`, CONCAT):
/// the General format, at most 15 significant digits, scientific only for very large or small values.
public enum ExcelNumberText {
    public static func general(_ x: Double) -> String {
        if x == 0 { return "0" }
        guard x.isFinite else { return x.isNaN ? "#NUM!" : "#NUM!" }
        let magnitude = abs(x)
        let exponent = Int(floor(log10(magnitude)))
        if exponent >= 21 || exponent < -9 {
            return scientific(x)
        }
        // 15 significant digits, then drop trailing zeros.
        let decimals = max(0, 14 - exponent)
        var text = String(format: "%.\(min(decimals, 30))f", x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { return "0" }
        return text
    }

    static func scientific(_ x: Double) -> String {
        var text = String(format: "%.14E", x)          // 1.23450000000000E+21
        guard let eIndex = text.firstIndex(of: "E") else { return text }
        var mantissa = String(text[..<eIndex])
        var exponentPart = String(text[text.index(after: eIndex)...])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        // Excel writes at least two exponent digits: 1E+21, 1E-10.
        let sign = exponentPart.first == "-" ? "-" : "+"
        exponentPart = String(exponentPart.drop(while: { $0 == "+" || $0 == "-" }))
        while exponentPart.count > 2 && exponentPart.hasPrefix("0") { exponentPart.removeFirst() }
        text = mantissa + "E" + sign + exponentPart
        return text
    }
}
