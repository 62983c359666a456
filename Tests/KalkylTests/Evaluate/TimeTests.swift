@testable import Kalkyl
import Testing

/// The time machinery: previous periods, fixed periods, ranges, YTD and ROLLING.
@Suite struct TimeTests {
    let months = "timeline monthly 2021-01 .. 2021-06\n"

    @Test func previousPeriods() throws {
        let e = try evaluate(months + """
        input x[month] = 10
        input x[2021-03] = 40
        a[month] = x[month-1]
        b[month] = PREV(x, -1)
        c[month] = x[month+1]
        """)
        #expect(e.values(of: e.model.slot(named: "a")!).values == [.error(.ref), .number(10), .number(10), .number(40), .number(10), .number(10)])
        #expect(e.numbers("b") == [-1, 10, 10, 40, 10, 10])
        #expect(e.values(of: e.model.slot(named: "c")!).values.last == .error(.ref))
    }

    @Test func fixedPeriodsAndRanges() throws {
        let e = try evaluate(months + """
        input x[month] = 1
        input x[2021-02 .. 2021-03] = 5
        march = x[2021-03]
        first_tertial = SUM(x[2021-01 .. 2021-04])
        from_april = SUM(x[2021-04 ..])
        whole = SUM(x)
        avg = AVERAGE(x)
        count = COUNT(x[2021-02 ..])
        s[month] = x + SUM(x[2021-01 .. 2021-02])
        """)
        #expect(e.value("march") == .number(5))
        #expect(e.value("first_tertial") == .number(12))
        #expect(e.value("from_april") == .number(3))
        #expect(e.value("whole") == .number(14))
        #expect(e.value("count") == .number(5))
        #expect(e.numbers("s") == [7, 11, 11, 7, 7, 7])
    }

    @Test func yearToDateFollowsTheFiscalYear() throws {
        let calendar = try evaluate("timeline monthly 2020-11 .. 2021-02\ninput x[month] = 1\ny[month] = YTD(x)")
        #expect(calendar.numbers("y") == [1, 2, 1, 2])
        let july = try evaluate("timeline monthly 2021-05 .. 2021-09\nfiscal year starts 07\ninput x[month] = 1\ny[month] = YTD(x)")
        #expect(july.numbers("y") == [1, 2, 1, 2, 3])
    }

    @Test func rollingSumsTheLastPeriods() throws {
        let e = try evaluate(months + "input x[month] = 1\ninput x[2021-04] = 10\nr[month] = ROLLING(x, 3)")
        #expect(e.numbers("r") == [1, 2, 3, 12, 12, 12])
    }

    @Test func monthsCompareAsExcelDates() throws {
        let e = try evaluate(months + "input cut = 2021-03\nactual[month] = month <= cut\nserial = 2021-03")
        #expect(e.values(of: e.model.slot(named: "actual")!).values == [true, true, true, false, false, false].map { .bool($0) })
        #expect(e.value("serial") == .number(44256))   // =DATE(2021,3,1) in Excel
    }

    @Test func yearlyTimelines() throws {
        let e = try evaluate("""
        timeline yearly 2019 .. 2023
        input tax[year] = 100
        input tax[2023] = 110
        growth[year] = tax / tax[year-1] - 1
        later = SUM(tax[2022 ..])
        """)
        #expect(e.model.timeline.labels == ["2019", "2020", "2021", "2022", "2023"])
        #expect(e.numbers("growth").last! == 0.10000000000000009)
        #expect(e.value("later") == .number(210))
    }

    @Test func errorsInARangeReachTheAggregate() throws {
        let e = try evaluate(months + "input d[month] = 1\ninput d[2021-02] = 0\nq[month] = 1 / d\ns = SUM(q)\nt = SUM(q[2021-03 ..])\ny[month] = YTD(q)")
        #expect(e.value("s") == .error(.div0))
        #expect(e.value("t") == .number(4))
        #expect(e.values(of: e.model.slot(named: "y")!).values.prefix(2) == [.number(1), .error(.div0)])
    }
}

@Suite struct BlankResultTests {
    @Test func aFormulaThatPassesOnAnEmptyCellShowsZero() throws {
        let empty: [String: Value] = ["empty": .blank]
        #expect(FormulaEvaluator.evaluate("IF(TRUE, empty)", references: empty) == .number(0))
        #expect(FormulaEvaluator.evaluate("ISBLANK(IF(TRUE, empty))", references: empty) == .bool(true),
                "inside a formula the empty value is still empty")
    }
}
