/// Excel's conversions between kinds of value, in one place so every function coerces alike.
public enum Coerce {
    /// A value used where a number is needed (`+`, ROUND's argument, …).
    /// Text that reads as a number counts; other text is #VALUE!.
    public static func number(_ v: Value) -> Result<Double, ExcelError> {
        switch v {
        case .number(let n): return .success(n)
        case .bool(let b): return .success(b ? 1 : 0)
        case .blank: return .success(0)
        case .error(let e): return .failure(e)
        case .text(let s):
            if let n = parseNumber(s) { return .success(n) }
            return .failure(.value)
        }
    }

    /// A value used where text is needed (`&`, CONCAT).
    public static func text(_ v: Value) -> Result<String, ExcelError> {
        switch v {
        case .number(let n): return .success(ExcelNumberText.general(n))
        case .text(let s): return .success(s)
        case .bool(let b): return .success(b ? "TRUE" : "FALSE")
        case .blank: return .success("")
        case .error(let e): return .failure(e)
        }
    }

    /// A value used where a truth value is needed (IF's condition, AND, NOT).
    /// Text "TRUE"/"FALSE" counts, other text is #VALUE!.
    public static func bool(_ v: Value) -> Result<Bool, ExcelError> {
        switch v {
        case .number(let n): return .success(n != 0)
        case .bool(let b): return .success(b)
        case .blank: return .success(false)
        case .error(let e): return .failure(e)
        case .text(let s):
            switch s.uppercased() {
            case "TRUE": return .success(true)
            case "FALSE": return .success(false)
            default: return .failure(.value)
            }
        }
    }

    /// Reads text as Excel does when text meets arithmetic: surrounding spaces, a sign,
    /// thousands commas, a decimal point, an exponent and a trailing percent.
    public static func parseNumber(_ raw: String) -> Double? {
        var s = Substring(raw)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        guard !s.isEmpty else { return nil }
        var scale = 1.0
        while s.last == "%" {
            s.removeLast()
            scale /= 100
            while s.last == " " { s.removeLast() }
        }
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s.removeFirst()
        }
        if s.first == "(" && s.last == ")" && !negative {   // accounting negative: (123)
            s = s.dropFirst().dropLast()
            negative = true
        }
        guard let first = s.first, first.isASCII, first.isNumber || first == "." else { return nil }
        // Thousands commas must group digits by three before the decimal point.
        var plain = ""
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        if integerPart.contains(",") {
            let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), !(groups.first ?? "").isEmpty else { return nil }
            plain = groups.joined()
        } else {
            plain = String(integerPart)
        }
        if parts.count == 2 { plain += "." + parts[1] }
        guard plain.allSatisfy({ $0.isASCII && ($0.isNumber || "eE+-.".contains($0)) }),
              let value = Double(plain), value.isFinite else { return nil }
        return (negative ? -value : value) * scale
    }
}
