/// Indexation: a figure raised by a rate from a given month, and again every twelve months,
/// such as a salary revision each April.
///
/// `INDEXED(value, rate, from, date)` is the Excel expression
/// `value*(1+rate)^MAX(0,INT(((YEAR(date)-YEAR(from))*12+MONTH(date)-MONTH(from))/12)+1)`:
/// the value itself before `from`, raised once from `from`, twice twelve months later, and so
/// on. In a series, `date` is `month`. It is computed with that expression's operators, so
/// errors, text and blanks give what a workbook gives, the value's error first.
enum GrowthFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("INDEXED", [.value("value"), .number("rate"), .number("from"), .number("date")], excel: .expression(excel), indexed).with(units: .sameAsParameters(["value"])),
    ]

    /// The workbook's expression, as above.
    @Sendable static func excel(_ literals: [String?]) -> ExcelExpression {
        typealias E = ExcelExpression
        return E([.arg(0, in: 4), "*(1+", .arg(1, in: 4), ")^MAX(0,INT(((YEAR(", .arg(3), ")-YEAR(", .arg(2), "))*12+MONTH(",
                  .arg(3), ")-MONTH(", .arg(2), "))/12)+1)"], precedence: 4)
    }

    @Sendable static func indexed(_ args: [Argument]) -> Value {
        let factor = Operators.binary(.add, .number(1), args[1].scalar)
        let power = Operators.binary(.power, factor, revisions(date: args[3], from: args[2]))
        return Operators.binary(.multiply, args[0].scalar, power)
    }

    /// How many revisions, from `from` and every twelve months after, fall on or before `date`.
    static func revisions(date: Argument, from: Argument) -> Value {
        var months: [Int] = []
        for arg in [date, from] {
            switch ArgumentRules.number(arg) {
            case .success(let x):
                guard let civil = ExcelCalendar.civil(x) else { return .error(.num) }
                months.append(civil.year * 12 + civil.month - 1)
            case .failure(let e): return .error(e)
            }
        }
        let elapsed = months[0] - months[1]
        let whole = elapsed >= 0 ? elapsed / 12 : -((-elapsed + 11) / 12)   // INT rounds down
        return .number(Double(max(0, whole + 1)))
    }
}
