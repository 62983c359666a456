/// How the workbook writes the lookups and logical functions Excel 2016 and LibreOffice 7.4
/// do not have: as the expression of older functions that computes the same value, or, where
/// none does, under Excel's own name (which those versions show as `#NAME?`; docs/functions.md
/// says when).
enum LookupExport {
    /// Whether argument k is left out or written as the literal `value` (the default mode).
    static func isDefault(_ literals: [String?], _ k: Int, _ value: String) -> Bool {
        guard k < literals.count else { return true }
        return literals[k] == "" || literals[k] == value
    }

    /// Whether a text literal holds `*`, `?` or `~`, which MATCH would read as a pattern and
    /// XLOOKUP's exact match does not.
    static func hasWildcard(_ literal: String?) -> Bool {
        guard let literal, literal.hasPrefix("\"") else { return false }
        return literal.contains { $0 == "*" || $0 == "?" || $0 == "~" }
    }

    /// The call under Excel's own (post-2016) name, every argument as written.
    static func stored(_ name: String, _ count: Int) -> ExcelExpression {
        var parts: [ExcelExpression.Part] = ["_xlfn.\(name)("]
        for k in 0..<count {
            if k > 0 { parts.append(",") }
            parts.append(.arg(k))
        }
        return ExcelExpression(parts + [")"])
    }

    /// XLOOKUP's exact match from the first is INDEX and MATCH; its if_not_found an ISNA test
    /// of the MATCH. Other modes have no equivalent and keep XLOOKUP's name.
    @Sendable static func xlookup(_ literals: [String?]) -> ExcelExpression {
        guard isDefault(literals, 4, "0"), isDefault(literals, 5, "1"), !hasWildcard(literals[0]) else {
            return stored("XLOOKUP", literals.count)
        }
        let match: [ExcelExpression.Part] = ["MATCH(", .arg(0), ",", .arg(1), ",0)"]
        let found: [ExcelExpression.Part] = ["INDEX(", .arg(2), ","] + match + [")"]
        guard literals.count > 3, literals[3] != "" else { return ExcelExpression(found) }
        return ExcelExpression(["IF(ISNA("] + match + ["),", .arg(3), ","] + found + [")"])
    }

    /// XMATCH's exact match from the first is MATCH(…, 0).
    @Sendable static func xmatch(_ literals: [String?]) -> ExcelExpression {
        guard isDefault(literals, 2, "0"), isDefault(literals, 3, "1"), !hasWildcard(literals[0]) else {
            return stored("XMATCH", literals.count)
        }
        return ExcelExpression(["MATCH(", .arg(0), ",", .arg(1), ",0)"])
    }

    /// IFS(c1, v1, c2, v2, …) is IF(c1, v1, IF(c2, v2, … NA())).
    @Sendable static func ifs(_ literals: [String?]) -> ExcelExpression {
        var parts: [ExcelExpression.Part] = []
        for k in stride(from: 0, to: literals.count - 1, by: 2) {
            parts += ["IF(", .arg(k), ",", .arg(k + 1), ","]
        }
        parts.append("NA()")
        parts += Array(repeating: ")", count: literals.count / 2)
        return ExcelExpression(parts)
    }

    /// SWITCH(x, v1, r1, …, [default]) is IF(x=v1, r1, IF(x=v2, r2, … default or NA())).
    @Sendable static func switchCases(_ literals: [String?]) -> ExcelExpression {
        let pairs = (literals.count - 1) / 2
        var parts: [ExcelExpression.Part] = []
        for p in 0..<pairs {
            parts += ["IF(", .arg(0, in: 1), "=", .arg(1 + 2 * p, in: 2), ",", .arg(2 + 2 * p), ","]
        }
        parts.append(literals.count % 2 == 0 ? .arg(literals.count - 1) : "NA()")
        parts += Array(repeating: ")", count: pairs)
        return ExcelExpression(parts)
    }
}
