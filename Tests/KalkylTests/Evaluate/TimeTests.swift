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
        #expect(e.values(of: e.model.slot(named: "r")!).values
                == [.error(.na), .error(.na), .number(3), .number(12), .number(12), .number(12)])
    }

    /// A window the timeline cannot fill is #N/A, not the sum of the periods there are
    /// (ROLLING(x, 3) in January was x's January alone): on every path, in a full evaluation
    /// and in an update, per member and for a scalar series; a partial sum is asked for.
    @Test func rollingIsNotAvailableBeforeItsWindowIsFull() throws {
        let text = months + """
        dimension unit = A, B, C
        input x[unit, month] = 1
        input y[month] = 2
        r[unit, month] = ROLLING(x, 3)
        s[month] = ROLLING(y, 2) * 10
        t[unit, month] = ROLLING(x, 1)
        whole[month] = ROLLING(y, 6)
        longer[month] = ROLLING(y, 7)
        total[month] = SUM(r[unit])
        partial[month] = IFNA(ROLLING(y, 3), YTD(y))
        """
        let e = try evaluate(text)
        let na = Value.error(.na)
        #expect(e.values(of: e.model.slot(named: "s")!).values == [na, .number(40), .number(40), .number(40), .number(40), .number(40)])
        #expect(e.values(of: e.model.slot(named: "r")!).values.prefix(6) == [na, na, na, na, na, na])
        #expect(e.numbers("r").suffix(12) == Array(repeating: 3, count: 12))
        #expect(e.numbers("t") == Array(repeating: 1, count: 18))
        #expect(e.values(of: e.model.slot(named: "whole")!).values == [na, na, na, na, na, .number(12)])
        #expect(e.values(of: e.model.slot(named: "longer")!).values.allSatisfy { $0 == na })
        #expect(e.values(of: e.model.slot(named: "total")!).values.prefix(2) == [na, na])
        #expect(e.numbers("partial") == [2, 4, 6, 6, 6, 6])
        // An update gives what a full evaluation gives: the first months stay #N/A, the others move.
        let edits = try ["x[B, 2021-01]=5", "y[2021-02]=7", "x[C, 2021-05]=0"].map { try #require(e.model.parseAssignment($0).0) }
        for edit in edits { e.set([edit]) }
        let full = Evaluation(model: e.model, order: e.order)
        full.overrides = edits
        full.evaluateAll()
        for slot in e.model.definitions.indices {
            #expect(e.values(of: slot).isIdentical(to: full.values(of: slot)), "\(e.model.definitions[slot].name)")
        }
        #expect(e.values(of: e.model.slot(named: "s")!).values.prefix(3) == [na, .number(90), .number(90)])
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
