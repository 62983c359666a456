/// The periods a controller reports by: tertials, quarters and fiscal years of a date.
///
/// Each takes a date (in a series, `month`) and the month its year starts in, 1–12. Written
/// without it, the checker supplies the model's `fiscal year starts` (January by default), so
/// `TERTIAL(month)` is 1 for January–April in a region and `QUARTER(month)` is 1 for July–
/// September in a model whose fiscal year starts in July. A fiscal year is named by the
/// calendar year it ends in: July 2021–June 2022 is 2022.
///
/// The date is read as MONTH and YEAR read it (#NUM! outside Excel's dates, #VALUE! for text
/// that is not a number); its error comes first. In a workbook each is an expression of MONTH
/// and YEAR, such as `INT((MONTH(F$4)+3)/4)` for a tertial, which gives the same value.
enum PeriodFunctions {
    static let table: [FunctionSpec] = [
        periodOfYear("TERTIAL", months: 4).with(units: .plainNumber),
        periodOfYear("QUARTER", months: 3).with(units: .plainNumber),
        FunctionSpec("FISCAL_YEAR", [.number("date"), .number("fiscal_year_start").optional()], excel: .expression(fiscalYearExcel)) { args in
            fiscal(args) { date, start in .number(Double(date.year + (start > 1 && date.month >= start ? 1 : 0))) }
        }.with(.fiscalYearStart).with(units: .plainNumber),
    ]

    /// `INT((MONTH(d)+3)/4)` for a tertial of the calendar year, `INT(MOD(MONTH(d)-7,12)/4)+1`
    /// from July: the start month is a number the checker wrote into the call.
    static func periodOfYearExcel(_ months: Int, _ literals: [String?]) -> ExcelExpression {
        let start = literals[safe: 1].flatMap { $0 } ?? "1"
        if start == "1" { return ExcelExpression(["INT((MONTH(", .arg(0), ")+\(months - 1))/\(months))"]) }
        return ExcelExpression(["INT(MOD(MONTH(", .arg(0), ")-\(start),12)/\(months))+1"], precedence: 3)
    }

    /// `YEAR(d)`, or `YEAR(d)+(MONTH(d)>=7)` for a fiscal year from July, named by the year it ends in.
    @Sendable static func fiscalYearExcel(_ literals: [String?]) -> ExcelExpression {
        let start = literals[safe: 1].flatMap { $0 } ?? "1"
        if start == "1" { return ExcelExpression(["YEAR(", .arg(0), ")"]) }
        return ExcelExpression(["YEAR(", .arg(0), ")+(MONTH(", .arg(0), ")>=\(start))"], precedence: 3)
    }

    /// The number, from 1, of the `months`-long part of the fiscal year a date falls in.
    static func periodOfYear(_ name: String, months: Int) -> FunctionSpec {
        FunctionSpec(name, [.number("date"), .number("fiscal_year_start").optional()], excel: .expression { periodOfYearExcel(months, $0) }) { args in
            fiscal(args) { date, start in .number(Double((date.month - start + 12) % 12 / months + 1)) }
        }.with(.fiscalYearStart)
    }

    /// Reads the date and the start month, then applies `f`; the first error wins.
    static func fiscal(_ args: [Argument], _ f: ((year: Int, month: Int, day: Int), Int) -> Value) -> Value {
        let date: (year: Int, month: Int, day: Int)
        switch ArgumentRules.number(args[0]) {
        case .success(let x):
            guard let civil = ExcelCalendar.civil(x) else { return .error(.num) }
            date = civil
        case .failure(let e): return .error(e)
        }
        switch ArgumentRules.number(args.count > 1 ? args[1] : .value(.number(1))) {
        case .success(let s):
            guard s == s.rounded(), (1...12).contains(s) else { return .error(.num) }
            return f(date, Int(s))
        case .failure(let e): return .error(e)
        }
    }
}
