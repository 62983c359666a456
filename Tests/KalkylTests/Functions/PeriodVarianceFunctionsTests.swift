@testable import Kalkyl
import Testing

/// TERTIAL, QUARTER, FISCAL_YEAR, VARIANCE, VARIANCE_PCT, VARIANCE_EXCEEDS and CHANGE_PCT:
/// each a function of its arguments with Excel's rules for errors, blanks, text and truth
/// values, and the arguments the model adds (the fiscal year's start, the line's kind).
@Suite struct PeriodVarianceFunctionsTests {
    typealias A = FArg

    /// Calls a function with the arguments `evaluate` receives, the model's included.
    func call(_ name: String, _ args: Argument...) -> Value {
        guard let spec = FunctionRegistry.lookup(name) else { Issue.record("\(name) is not registered"); return .error(.name) }
        return spec.call(args)
    }

    func date(_ year: Int, _ month: Int, _ day: Int = 1) -> Argument { A.n(ExcelDate.serial(year: year, month: month, day: day)) }

    @Test func tertialsAndQuartersOfTheCalendarAndOfAFiscalYear() {
        let calendarTertials = (1...12).map { call("TERTIAL", date(2021, $0, 15), A.n(1)) }
        #expect(calendarTertials == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3].map { .number($0) })
        let calendarQuarters = (1...12).map { call("QUARTER", date(2021, $0), A.n(1)) }
        #expect(calendarQuarters == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4].map { .number($0) })
        // A fiscal year from July: July–October is the first tertial, July–September the first quarter.
        #expect(call("TERTIAL", date(2021, 7), A.n(7)) == .number(1))
        #expect(call("TERTIAL", date(2021, 11), A.n(7)) == .number(2))
        #expect(call("TERTIAL", date(2022, 6), A.n(7)) == .number(3))
        #expect(call("QUARTER", date(2021, 9, 30), A.n(7)) == .number(1))
        #expect(call("QUARTER", date(2022, 1), A.n(7)) == .number(3))
    }

    @Test func aFiscalYearIsNamedByTheYearItEndsIn() {
        #expect(call("FISCAL_YEAR", date(2021, 6, 30), A.n(7)) == .number(2021))
        #expect(call("FISCAL_YEAR", date(2021, 7, 1), A.n(7)) == .number(2022))
        #expect(call("FISCAL_YEAR", date(2021, 12, 31), A.n(1)) == .number(2021))
        #expect(call("FISCAL_YEAR", date(2021, 12, 1), A.n(12)) == .number(2022))
    }

    @Test func periodFunctionsReadTheDateAsMonthDoes() {
        #expect(call("TERTIAL", A.e(.na), A.n(1)) == .error(.na))
        #expect(call("TERTIAL", A.t("x"), A.n(1)) == .error(.value))
        #expect(call("QUARTER", A.n(-1), A.n(1)) == .error(.num))
        #expect(call("FISCAL_YEAR", A.n(3_000_000), A.n(1)) == .error(.num))
        // An empty cell is serial 0, 1900-01-00: January of 1900.
        #expect(call("TERTIAL", A.blankRef, A.n(1)) == .number(1))
        #expect(call("FISCAL_YEAR", A.blankRef, A.n(7)) == .number(1900))
        #expect(call("QUARTER", A.t("44300"), A.n(1)) == .number(2))   // 2021-04-13 as text
        #expect(call("TERTIAL", A.b(true), A.n(1)) == .number(1))
        // The date's error comes before the start's.
        #expect(call("TERTIAL", A.e(.div0), A.e(.ref)) == .error(.div0))
        #expect(call("TERTIAL", date(2021, 1), A.n(13)) == .error(.num))
    }

    @Test func varianceIsFavourablePositiveByTheLinesKind() {
        let cost = A.n(-1), revenue = A.n(1)
        // Spent 90 of a budget of 100: 10 under budget, favourable on a cost line.
        #expect(call("VARIANCE", A.n(90), A.n(100), cost) == .number(10))
        #expect(call("VARIANCE", A.n(90), A.n(100), revenue) == .number(-10))
        #expect(call("VARIANCE_PCT", A.n(90), A.n(100), cost) == .number(0.1))
        #expect(call("VARIANCE_PCT", A.n(110), A.n(100), revenue) == .number(0.1))
        // A signed result with a negative budget: -14 against -22 is 8 better, 36 % of the budget's size.
        #expect(call("VARIANCE", A.n(-14), A.n(-22), revenue) == .number(8))
        #expect(call("VARIANCE_PCT", A.n(-14), A.n(-22), revenue) == .number(8.0 / 22))
    }

    @Test func varianceInPerCentOnAZeroBudget() {
        #expect(call("VARIANCE_PCT", A.n(0), A.n(0), A.n(-1)) == .number(0))
        #expect(call("VARIANCE_PCT", A.blankRef, A.blankRef, A.n(-1)) == .number(0))
        #expect(call("VARIANCE_PCT", A.n(5), A.n(0), A.n(-1)) == .error(.div0))
        #expect(call("VARIANCE_PCT", A.n(5), A.blankRef, A.n(1)) == .error(.div0))
    }

    @Test func varianceFollowsExcelsRulesForItsArguments() {
        #expect(call("VARIANCE", A.e(.na), A.e(.ref), A.n(1)) == .error(.na))
        #expect(call("VARIANCE", A.e(.na), A.e(.ref), A.n(-1)) == .error(.ref))   // budget-actual: the budget is read first
        #expect(call("VARIANCE", A.ref(.text("5")), A.n(2), A.n(1)) == .number(3))
        #expect(call("VARIANCE", A.t("five"), A.n(2), A.n(1)) == .error(.value))
        #expect(call("VARIANCE", A.b(true), A.blankRef, A.n(1)) == .number(1))
        #expect(call("VARIANCE_PCT", A.n(5), A.t("abc"), A.n(1)) == .error(.value))
        #expect(call("VARIANCE_PCT", A.e(.na), A.n(0), A.n(1)) == .error(.na))
        #expect(call("VARIANCE_PCT", A.n(1), A.e(.div0), A.n(1)) == .error(.div0))
        #expect(call("VARIANCE", A.range(.number(1), .number(2)), A.n(1), A.n(1)) == .error(.value))
    }

    @Test func thresholdsFlagOverAndUnderspend() {
        // 5 % of a budget of 100: 106 and 94 are both beyond it, 104 and 96 are not.
        for (actual, flagged) in [(106.0, true), (94, true), (104, false), (96, false), (105, false)] {
            #expect(call("VARIANCE_EXCEEDS", A.n(actual), A.n(100), A.n(0.05)) == .bool(flagged), "\(actual)")
        }
        // With an amount too: beyond 5 % and beyond 10 kr.
        #expect(call("VARIANCE_EXCEEDS", A.n(108), A.n(100), A.n(0.05), A.n(10)) == .bool(false))
        #expect(call("VARIANCE_EXCEEDS", A.n(89), A.n(100), A.n(0.05), A.n(10)) == .bool(true))
        // Nothing budgeted: anything spent is beyond any percentage; nothing spent is not.
        #expect(call("VARIANCE_EXCEEDS", A.n(1), A.n(0), A.n(0.5)) == .bool(true))
        #expect(call("VARIANCE_EXCEEDS", A.n(0), A.blankRef, A.n(0.5)) == .bool(false))
        // A negative budget: the size of the budget is the base.
        #expect(call("VARIANCE_EXCEEDS", A.n(-30), A.n(-20), A.n(0.25)) == .bool(true))
        #expect(call("VARIANCE_EXCEEDS", A.e(.na), A.n(1), A.n(0.1)) == .error(.na))
        #expect(call("VARIANCE_EXCEEDS", A.n(2), A.n(1), A.t("x")) == .error(.value))
        #expect(call("VARIANCE_EXCEEDS", A.n(2), A.n(1), A.n(0.1), A.e(.ref)) == .error(.ref))
    }

    @Test func changeAgainstLastYearOnSignedValues() {
        // TABLES.md G3: personnel cost, kept negative, grew from 32 465 224 to 32 533 999 kr.
        guard case .number(let p) = call("CHANGE_PCT", A.n(-32_533_999), A.n(-32_465_224)) else { Issue.record("no number"); return }
        #expect(abs(p - 0.002118) < 1e-6)
        #expect(call("CHANGE_PCT", A.n(110), A.n(100)) == .number(0.1))
        #expect(call("CHANGE_PCT", A.n(0), A.n(100)) == .number(-1))
        #expect(call("CHANGE_PCT", A.n(5), A.n(-10)) == .error(.num))    // a figure that changes sign has no change in per cent
        #expect(call("CHANGE_PCT", A.n(5), A.n(0)) == .error(.div0))
        #expect(call("CHANGE_PCT", A.n(5), A.blankRef) == .error(.div0))
        #expect(call("CHANGE_PCT", A.t("x"), A.n(1)) == .error(.value))
        #expect(call("CHANGE_PCT", A.e(.na), A.e(.ref)) == .error(.na))
    }

    @Test func indexationFromAMonthAndEveryTwelveMonthsAfter() {
        let april = date(2021, 4)
        let months = (0..<26).map { (year: 2020 + ($0 + 2) / 12, month: ($0 + 2) % 12 + 1) }   // 2020-03 … 2022-04
        let raised = months.map { call("INDEXED", A.n(100), A.n(0.1), april, date($0.year, $0.month)) }
        // Before April 2021 the value, once raised from April 2021, twice from April 2022.
        #expect(raised == Array(repeating: .number(100), count: 13) + Array(repeating: .number(100 * 1.1), count: 12) + [.number(100 * (1.1 * 1.1))])
        #expect(call("INDEXED", A.n(100), A.n(0.1), april, date(2021, 3, 31)) == .number(100))
        #expect(call("INDEXED", A.n(100), A.n(0.1), april, date(2021, 4, 30)) == .number(100 * 1.1))
    }

    @Test func indexationFollowsExcelsRulesForItsArguments() {
        let april = date(2021, 4), june = date(2021, 6)
        #expect(call("INDEXED", A.e(.na), A.e(.ref), april, june) == .error(.na))
        #expect(call("INDEXED", A.n(1), A.e(.ref), A.e(.num), june) == .error(.ref))
        #expect(call("INDEXED", A.n(1), A.n(0), A.e(.div0), A.e(.na)) == .error(.na))   // the date is read before the start
        #expect(call("INDEXED", A.t("x"), A.n(0), april, june) == .error(.value))
        #expect(call("INDEXED", A.n(1), A.n(0), april, A.t("x")) == .error(.value))
        #expect(call("INDEXED", A.n(1), A.n(0), A.n(-1), june) == .error(.num))
        #expect(call("INDEXED", A.blankRef, A.n(0.5), april, june) == .number(0))
        #expect(call("INDEXED", A.ref(.text("10")), A.blankRef, april, june) == .number(10))
        #expect(call("INDEXED", A.n(5), A.n(-1), april, june) == .number(0))
        #expect(call("INDEXED", A.n(5), A.n(-1), june, april) == .error(.num))   // 0^0, as in Excel
    }
}
