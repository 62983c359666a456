@testable import Kalkyl
import Testing

/// The period functions and line kinds in models: the fiscal year the model declares, the
/// kind a variance takes its sign from, and the mistakes reported at their place.
@Suite struct PeriodsAndKindsTests {
    @Test func periodFunctionsTakeTheModelsFiscalYear() throws {
        let e = try evaluate("""
        timeline monthly 2021-05 .. 2022-08
        fiscal year starts 07
        input x[month] = 1
        tertial[month] = TERTIAL(month)
        calendar_tertial[month] = TERTIAL(month, 1)
        quarter[month] = QUARTER(month)
        fiscal[month] = FISCAL_YEAR(month)
        ytd[month] = YTD(x)
        rolling[month] = ROLLING(x, 12)
        last_year[month] = x[month-12]
        per_april = SUM(x[2021-07 .. 2022-04])
        """)
        #expect(e.numbers("tertial") == [3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1])
        #expect(e.numbers("calendar_tertial") == [2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(e.numbers("quarter") == [4, 4, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 1, 1])
        #expect(e.numbers("fiscal") == [2021, 2021] + Array(repeating: 2022, count: 12) + [2023, 2023])
        #expect(e.numbers("ytd") == [1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2])
        #expect(e.values(of: e.model.slot(named: "rolling")!).values.prefix(11).allSatisfy { $0 == .error(.na) })
        #expect(e.numbers("rolling").suffix(5) == [12, 12, 12, 12, 12])
        #expect(e.values(of: e.model.slot(named: "last_year")!).values.prefix(12).allSatisfy { $0 == .error(.ref) })
        #expect(e.numbers("last_year").suffix(4) == [1, 1, 1, 1])
        #expect(e.value("per_april") == .number(10))
    }

    @Test func sumsToDateOverTheFiscalYearsTertialsAndQuarters() throws {
        let e = try evaluate("""
        timeline monthly 2021-05 .. 2022-08
        fiscal year starts 07
        dimension unit = A, B
        input x[unit, month] = 1
        input x[B, 2021-09] = 10
        t[unit, month] = TTD(x)
        q[unit, month] = QTD(x)
        per_tertial[unit, month] = IF(TERTIAL(month) <> TERTIAL(month + 31), TTD(x), 0)
        """)
        let t = e.values(of: e.model.slot(named: "t")!).values.compactMap(\.number)
        let q = e.values(of: e.model.slot(named: "q")!).values.compactMap(\.number)
        // Cells run period by period, A then B. May and June close the timeline's first fiscal year.
        #expect(stride(from: 0, to: 32, by: 2).map { t[$0] } == [1, 2, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2])
        #expect(stride(from: 1, to: 32, by: 2).map { t[$0] } == [1, 2, 1, 2, 12, 13, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2])
        #expect(stride(from: 1, to: 32, by: 2).map { q[$0] } == [1, 2, 1, 2, 12, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2])
        let closing = e.values(of: e.model.slot(named: "per_tertial")!).values.compactMap(\.number)
        #expect(stride(from: 1, to: 32, by: 2).map { closing[$0] } == [0, 2, 0, 0, 0, 13, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0])
    }

    @Test func aWhatIfRecomputesTheWindowsItReaches() throws {
        let text = """
        timeline monthly 2021-01 .. 2021-12
        input x[month] = 1
        t[month] = TTD(x)
        q[month] = QTD(x)
        """
        let e = try evaluate(text)
        e.set([e.model.parseAssignment("x[2021-06]=10").0!])
        let fresh = try evaluate(text + "\ninput x[2021-06] = 10")
        #expect(e.numbers("t") == fresh.numbers("t"))
        #expect(e.numbers("q") == fresh.numbers("q"))
        #expect(e.numbers("t") == [1, 2, 3, 4, 1, 11, 12, 13, 1, 2, 3, 4])
    }

    @Test func theKindOfTheLineDecidesTheSign() throws {
        let e = try evaluate("""
        timeline monthly 2021-01 .. 2021-02
        dimension version = actual, budget
        input cost personnel[version, month]: kr = 100
        input personnel[budget, month] = 120
        input revenue fees[month]: kr = 50
        input fees_budget[month]: kr = 40
        input result net[month]: kr = -14
        input net_budget[month]: kr = -22
        personnel_variance[month] = VARIANCE(personnel[actual], personnel[budget])
        total_variance = VARIANCE(SUM(personnel[actual]), SUM(personnel[budget]))
        fee_variance[month] = VARIANCE(fees, fees_budget)
        net_variance[month] = VARIANCE(net, net_budget)
        net_variance_pct[month] = VARIANCE_PCT(net, net_budget)
        """)
        #expect(e.numbers("personnel_variance") == [20, 20])
        #expect(e.value("total_variance") == .number(40))
        #expect(e.numbers("fee_variance") == [10, 10])
        #expect(e.numbers("net_variance") == [8, 8])
        #expect(e.model.definitions[e.model.slot(named: "personnel")!].kind == .cost)
        #expect(e.model.definitions[e.model.slot(named: "fees_budget")!].kind == nil)
    }

    @Test func anEditedKindRecomputesTheVariancesThatReadIt() throws {
        let before = """
        timeline monthly 2021-01 .. 2021-03
        input revenue x[month] = 90
        input budget[month] = 100
        v[month] = VARIANCE(x, budget)
        """
        let after = before.replacingOccurrences(of: "input revenue x", with: "input cost x")
        let old = try evaluate(before)
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: after))
        let (next, report) = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order))
        #expect(next.numbers("v") == [10, 10, 10])
        #expect(Set(report.changes.map(\.name)) == ["v"])
    }

    @Test func aKindWordIsStillAName() throws {
        let e = try evaluate("""
        input cost = 3
        input revenue = 4
        result = cost + revenue
        """)
        #expect(e.value("result") == .number(7))
    }

    @Test func variancesNeedADeclaredKind() {
        expectDiagnostics("""
        timeline monthly 2021-01 .. 2021-12
        input personnel_cost[month] = 1
        input budget[month] = 2
        input cost c[month] = 1
        input revenue r[month] = 1
        a[month] = 1️⃣VARIANCE(personnel_cost, budget)
        b[month] = 2️⃣VARIANCE_PCT(r, c)
        c2[month] = 3️⃣VARIANCE(1, 2)
        d[month] = VARIANCE_EXCEEDS(personnel_cost, budget, 5%)
        scenario s {
          4️⃣cost c = 2
        }
        input 5️⃣cost c[2021-03] = 4
        """, [("1️⃣", "VARIANCE needs to know which way is favourable: declare whether 'personnel_cost' is a cost, a revenue or a result"),
              ("2️⃣", "VARIANCE_PCT compares 'r', a revenue, with 'c', a cost"),
              ("3️⃣", "declare whether the line is a cost"),
              ("4️⃣", "a scenario overrides values; a line's kind goes on its definition"),
              ("5️⃣", "'cost' goes on the definition of 'c', not on the values it sets")])
    }

    @Test func periodFunctionsRefuseWhatIsNotAMonth() {
        expectDiagnostics("""
        timeline monthly 2021-01 .. 2021-12
        a[month] = TERTIAL(month, 1️⃣13)
        b[month] = QUARTER(month, 2️⃣x)
        c[month] = 3️⃣FISCAL_YEAR(month, 7, 1)
        input x = 7
        """, [("1️⃣", "TERTIAL's second argument is the month the year starts in"),
              ("2️⃣", "QUARTER's second argument is the month the year starts in"),
              ("3️⃣", "FISCAL_YEAR takes 1 to 2 arguments, not 3")])
        expectDiagnostics("""
        timeline yearly 2019 .. 2023
        a[year] = TERTIAL(1️⃣year)
        b[year] = FISCAL_YEAR(2️⃣year)
        c[year] = CHANGE_PCT(d, d[year-1])
        e[year] = 3️⃣TTD(d)
        f[year] = YTD(d)
        input d[year] = 1
        """, [("1️⃣", "on a yearly timeline 'year' is a year such as 2021, not a date; TERTIAL needs a date"),
              ("2️⃣", "FISCAL_YEAR needs a date"),
              ("3️⃣", "TTD sums the tertial to date, and a yearly timeline has no tertials")])
    }

    /// Random models built from the kinds, the period and variance functions and their
    /// arguments load and evaluate without a crash, with whatever the checker decides.
    @Test func randomUsesNeverCrash() {
        let fragments = ["cost ", "revenue ", "result ", "input ", "x", "y", "[month]", "[month-12]", " = ", "\n", "(", ")", ",",
                         "TERTIAL(", "QUARTER(", "FISCAL_YEAR(", "VARIANCE(", "VARIANCE_PCT(", "VARIANCE_EXCEEDS(", "CHANGE_PCT(",
                         "INDEXED(", "TTD(", "QTD(", "YTD(", "month", "year", "7", "13", "0", "-1", "5%", "\"t\"", "2021-04",
                         "fiscal year starts 07\n", "timeline monthly 2021-01 .. 2022-06\n", "timeline yearly 2019 .. 2023\n",
                         "scenario s {", "}", "#N/A", "+", "*"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        var evaluated = 0
        for _ in 0..<2_000 {   // 60,000 run once by hand: no crash, 436 valid models
            var text = "timeline monthly 2021-01 .. 2022-06\ninput cost a[month] = 1\ninput b[month] = 2\n"
            for _ in 0..<(1 + next(30)) { text += fragments[next(fragments.count)] }
            let loaded = ModelLoader.load(source: SourceFile(path: "fuzz.kalkyl", text: text))
            if let model = loaded.model, let order = loaded.order {
                Evaluation(model: model, order: order).evaluateAll()
                evaluated += 1
            }
        }
        #expect(evaluated > 0, "some random models should be valid")
    }
}
