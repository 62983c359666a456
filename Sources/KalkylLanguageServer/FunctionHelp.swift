import Kalkyl

/// Signatures and one-line descriptions of the language's functions, for hover and completion.
/// The signature comes from the function's registration (its arity); the description from the
/// table below, in the words of the README. A function missing here still completes and hovers,
/// with its signature alone.
enum FunctionHelp {
    /// Every function a formula can call: the registry's and the time functions the checker compiles.
    static var names: [String] {
        (Array(FunctionRegistry.all.keys) + FunctionRegistry.timeFunctions.keys).sorted()
    }

    static func signature(_ name: String) -> String {
        let upper = name.uppercased()
        if let parameters = timeSignatures[upper] { return "\(upper)(\(parameters))" }
        guard let spec = FunctionRegistry.lookup(upper) else { return upper + "(…)" }
        return "\(upper)(…) — \(spec.arityDescription)"
    }

    static func summary(_ name: String) -> String? { summaries[name.uppercased()] }

    static func markdown(_ name: String) -> String? {
        let upper = name.uppercased()
        guard FunctionRegistry.lookup(upper) != nil || timeSignatures[upper] != nil else { return nil }
        return "```kalkyl\n\(signature(upper))\n```\n" + (summary(upper).map { "\n\($0)" } ?? "")
    }

    static let timeSignatures: [String: String] = [
        "PREV": "series, initial", "YTD": "series", "TTD": "series", "QTD": "series", "ROLLING": "series, n",
    ]

    static let summaries: [String: String] = [
        "PREV": "The previous period's value of a series, or `initial` in the first period.",
        "YTD": "The sum from the start of the fiscal year up to the period.",
        "TTD": "The sum from the start of the tertial up to the period.",
        "QTD": "The sum from the start of the quarter up to the period.",
        "ROLLING": "The sum of the last n periods (as many as the timeline has).",
        "SUM": "Adds numbers, ranges of periods and members of a dimension.",
        "AVERAGE": "The arithmetic mean of the numbers.",
        "MIN": "The smallest number.",
        "MAX": "The largest number.",
        "COUNT": "How many of the values are numbers.",
        "PRODUCT": "Multiplies the numbers.",
        "ROUND": "Rounds to a number of decimals, half away from zero, as Excel does.",
        "ROUNDUP": "Rounds away from zero.",
        "ROUNDDOWN": "Rounds toward zero.",
        "INT": "Rounds down to a whole number.",
        "TRUNC": "Cuts off the decimals.",
        "ABS": "The absolute value.",
        "SIGN": "1, 0 or -1 by the sign of the number.",
        "MOD": "The remainder after division, with the sign of the divisor.",
        "POWER": "A number raised to a power.",
        "SQRT": "The square root.",
        "EXP": "e raised to the number.",
        "LN": "The natural logarithm.",
        "LOG10": "The base-10 logarithm.",
        "PI": "π.",
        "IF": "The second argument when the condition is TRUE, else the third (FALSE without one).",
        "IFERROR": "The value, or the second argument when it is an error.",
        "IFNA": "The value, or the second argument when it is #N/A.",
        "ISERROR": "TRUE when the value is an error.",
        "ISBLANK": "TRUE when the value is blank.",
        "ISNUMBER": "TRUE when the value is a number.",
        "ISTEXT": "TRUE when the value is a text.",
        "ISNA": "TRUE when the value is #N/A.",
        "NA": "The error #N/A.",
        "AND": "TRUE when every argument is TRUE.",
        "OR": "TRUE when any argument is TRUE.",
        "NOT": "The opposite truth value.",
        "CONCAT": "Joins texts.",
        "CONCATENATE": "Joins texts.",
        "SUMIF": "Adds the cells whose criterion range meets the criterion, as Excel's SUMIF.",
        "COUNTIF": "Counts the cells that meet the criterion.",
        "AVERAGEIF": "The mean of the cells whose criterion range meets the criterion.",
        "DATE": "The Excel date of a year, month and day.",
        "YEAR": "The year of a date (of a period: its first day).",
        "MONTH": "The month number 1–12 of a date.",
        "DAY": "The day of the month of a date.",
        "EDATE": "The date a number of months later.",
        "EOMONTH": "The last day of the month a number of months later.",
        "NPV": "The net present value of payments at a discount rate.",
        "PMT": "The payment per period of a loan or annuity.",
        "PV": "The present value of a series of payments.",
        "FV": "The future value of a series of payments.",
        "NPER": "The number of periods to pay off a loan.",
        "TERTIAL": "The tertial 1–3 of a date (T1 = January–April).",
        "QUARTER": "The quarter 1–4 of a date.",
        "FISCAL_YEAR": "The fiscal year a date falls in (by `fiscal year starts`).",
        "VARIANCE": "Actual minus budget, signed so that favourable is positive by the line's kind.",
        "VARIANCE_PCT": "The variance in per cent of the budget.",
        "VARIANCE_EXCEEDS": "TRUE when the actual is further from the budget than a per cent of it (and an amount), either way.",
        "CHANGE_PCT": "(this - last) / last on the signed values; #NUM! when the sign changes.",
        "INDEXED": "The value before the month `from`, raised by `rate` from it and again every twelve months.",
    ]
}
