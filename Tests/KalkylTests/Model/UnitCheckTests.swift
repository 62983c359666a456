@testable import Kalkyl
import Testing

/// Units checked as a compiler checks types (issue 10): each rule, each error, and what a
/// model says when it means a mix.
@Suite struct UnitCheckTests {
    func errors(_ text: String) -> [String] {
        diagnostics(of: text).filter { $0.severity == .error }.map(\.message)
    }

    /// The issue's first example: kr + FTE computed with exit 0. Now both units and where each came from.
    @Test func addingTwoUnitsIsAnErrorNamingBoth() {
        let text = """
        timeline monthly 2024-01 .. 2024-03

        input lon[month]: kr = 40_000
        input inhyrd[month]: mnkr = 0.2
        input fte[month]: FTE = 3
        summa[month] = lon + fte
        """
        expectDiagnostics("""
        timeline monthly 2024-01 .. 2024-03

        input lon[month]: kr = 40_000
        input inhyrd[month]: mnkr = 0.2
        input fte[month]: FTE = 3
        summa[month] = 1️⃣lon + fte
        """, [(marker: "1️⃣", message: "kr + FTE: 'lon' is kr (line 3), 'fte' is FTE (line 5)")])
        #expect(errors(text).count == 1)
    }

    /// kr and mnkr are one dimension at different scales, never converted silently: the
    /// issue's 40 000,2. The hint names the conversion.
    @Test func scalesAreNotMixedSilently() throws {
        let found = diagnostics(of: """
        timeline monthly 2024-01 .. 2024-03
        input lon[month]: kr = 40_000
        input inhyrd[month]: mnkr = 0.2
        summa[month]: kr = lon + inhyrd
        """)
        let d = try #require(found.first { $0.severity == .error })
        #expect(d.message == "kr + mnkr: 'lon' is kr (line 2), 'inhyrd' is mnkr (line 3)")
        #expect(d.hint?.contains("the mnkr value times 1_000_000 is kr") == true, "\(d.hint ?? "")")
        #expect(d.hint?.hasSuffix("as in AS(x * 1_000_000, kr) for the mnkr value x") == true, "\(d.hint ?? "")")
        // Converted and said so: no error, and the value is what the controller meant.
        let e = try evaluate("""
        timeline monthly 2024-01 .. 2024-03
        input lon[month]: kr = 40_000
        input inhyrd[month]: mnkr = 0.2
        summa[month]: kr = lon + AS(inhyrd * 1_000_000, kr)
        """)
        #expect(e.numbers("summa") == [240_000, 240_000, 240_000])
    }

    /// The hint's example carries the pair's own factor and direction: a controller copies it
    /// as it stands, so tkr beside kr must not say 1_000_000.
    @Test(arguments: [("tkr", "kr", "the kr value divided by 1_000 is tkr", "AS(x / 1_000, tkr) for the kr value x"),
                      ("kr", "tkr", "the tkr value times 1_000 is kr", "AS(x * 1_000, kr) for the tkr value x"),
                      ("mnkr", "mdkr", "the mdkr value times 1_000 is mnkr", "AS(x * 1_000, mnkr) for the mdkr value x"),
                      ("tkr", "mdkr", "the mdkr value times 1_000_000 is tkr", "AS(x * 1_000_000, tkr) for the mdkr value x")])
    func conversionHintsCarryTheirOwnFactor(first: String, second: String, conversion: String, example: String) throws {
        let found = diagnostics(of: """
        input a: \(first) = 5
        input b: \(second) = 40_000
        c = a + b
        """)
        let d = try #require(found.first { $0.severity == .error })
        #expect(d.hint?.contains(conversion) == true, "\(d.hint ?? "")")
        #expect(d.hint?.hasSuffix("as in \(example)") == true, "\(d.hint ?? "")")
    }

    /// `*` and `/` combine units: kr/persons times persons is kr; kr/kr and % are plain numbers.
    @Test func productsAndQuotientsCombine() {
        #expect(errors("""
        input cost_per_head: kr/persons = 50_000
        input staff: persons = 10
        input rate: % = 46%
        cost: kr = staff * cost_per_head * (1 + rate)
        share: % = cost / cost
        per_head: kr/persons = cost / staff
        more: kr = cost + 100
        """).isEmpty)
        #expect(errors("input a: kr = 1\ninput b: persons = 2\nc: kr = a * b\n")
            == ["'c' is declared kr, but its formula gives kr*persons: 'a * b' is kr*persons"])
    }

    /// A formula without a declared unit has the unit its formula gives, and is held to it.
    @Test func inferredUnitsAreCheckedToo() {
        #expect(errors("input a: kr = 1\ninput b: FTE = 2\nc = a * 2\nd = c - b\n")
            == ["kr - FTE: 'c' is kr (line 3, from its formula), 'b' is FTE (line 2)"])
    }

    /// Comparisons, SUM, MIN/MAX and IF's branches need one unit.
    @Test(arguments: ["IF(a > 0, a, b)", "SUM(a, b)", "MAX(a, b)", "a < b"])
    func functionsAndComparisonsNeedOneUnit(formula: String) {
        let found = errors("input a: kr = 1\ninput b: persons = 2\nc = \(formula)\n")
        #expect(found.count == 1, "\(formula): \(found)")
        #expect(found.first?.contains("'a' is kr (line 1), 'b' is persons (line 2)") == true, "\(formula): \(found)")
    }

    /// IFNA, IFS, SWITCH and CHOOSE pick a branch as IF does: every branch has one unit
    /// (IFS's tests, SWITCH's expression and values, CHOOSE's index are free). The red-team
    /// finding `lon + IFNA(inhyrd, 0)` gave 40 000,2 with `check` ok.
    @Test(arguments: ["IFNA(a, b)", "IFS(a > 0, a, TRUE, b)", "SWITCH(n, 1, a, b)", "SWITCH(n, 1, a, 2, b)",
                      "CHOOSE(n, a, b)"])
    func branchesNeedOneUnit(formula: String) {
        let found = errors("input a: kr = 1\ninput b: persons = 2\ninput n: FTE = 1\nc = \(formula)\n")
        #expect(found == ["kr and persons: 'a' is kr (line 1), 'b' is persons (line 2)"], "\(formula)")
    }

    /// The branch's unit is the result's, and the free arguments are free: `lon + IFNA(inhyrd, 0)`
    /// with inhyrd in mnkr is kr + mnkr; tests, keys and indexes in other units are no error.
    @Test(arguments: ["IFNA(inhyrd, 0)", "IFS(n > 0, inhyrd, TRUE, 0)", "SWITCH(n, 1, inhyrd, 0)", "SWITCH(n, 1, 0, inhyrd)",
                      "CHOOSE(n, 0, inhyrd)"])
    func aBranchCarriesItsUnit(formula: String) {
        let text = "input lon: kr = 40_000\ninput inhyrd: mnkr = 0.2\ninput n: FTE = 1\nc: kr = lon + \(formula)\n"
        #expect(errors(text) == ["kr + mnkr: 'lon' is kr (line 1), 'inhyrd' is mnkr (line 2)"], "\(formula)")
        #expect(errors("input lon: kr = 40_000\ninput n: FTE = 1\nc: kr = lon + \(formula.replacingOccurrences(of: "inhyrd", with: "lon"))\n")
            .isEmpty, "\(formula)")
    }

    /// SUMIF, SUMIFS, AVERAGEIF(S), MAXIFS and MINIFS give the unit of the range they add up
    /// (SUMIF's range when sum_range is left out); criteria ranges are free.
    @Test(arguments: ["SUMIFS(x[unit], kind[unit], \"a\")", "SUMIF(kind[unit], \"a\", x[unit])", "SUMIF(x[unit], \">0\")",
                      "AVERAGEIF(kind[unit], \"a\", x[unit])", "AVERAGEIF(x[unit], \">0\")", "AVERAGEIFS(x[unit], kind[unit], \"a\")",
                      "MAXIFS(x[unit], kind[unit], \"a\")", "MINIFS(x[unit], staff[unit], \">1\")"])
    func conditionalAggregatesCarryTheSummedRange(formula: String) {
        let model = """
        dimension unit = A, B
        input lon: kr = 40_000
        input x[unit]: mnkr = 0.1
        input kind[unit] = "a"
        input staff[unit]: persons = 2
        c: kr = lon + \(formula)
        """
        #expect(errors(model) == ["kr + mnkr: 'lon' is kr (line 2), 'x' is mnkr (line 3)"], "\(formula)")
        let converted = model.replacingOccurrences(of: "x[unit]: mnkr = 0.1", with: "x[unit]: kr = 100_000")
        #expect(errors(converted).isEmpty, "\(formula)")
    }

    /// An input without a unit is a plain number: added to kr it is a mistake to name.
    @Test func aPlainNumberIsNotKronor() throws {
        let d = try #require(diagnostics(of: "input a: kr = 1\ninput b = 2\nc = a + b\n").first)
        #expect(d.message == "kr + a plain number: 'a' is kr (line 1), 'b' has no unit (line 2)")
        #expect(d.hint?.contains("declare the unit") == true)
    }

    /// A recurrence reads its own declared unit; a number written in the formula fits any unit.
    @Test func recurrencesAndWrittenNumbers() {
        #expect(errors("""
        timeline monthly 2024-01 .. 2024-03
        input start: persons = 10
        input hires[month]: persons = 1
        staff[month]: persons = PREV(staff, start) + hires - 0
        capped[month]: persons = MIN(staff, 12)
        """).isEmpty)
    }

    /// AS needs a unit it can read.
    @Test func asTakesAnExpressionAndAUnit() {
        #expect(errors("input a: kr = 1\nb = AS(a)\n").first?.contains("AS takes an expression and a unit") == true)
    }

    /// A declared unit may combine words: kr/persons, kr/FTE/h.
    @Test func compoundUnitsParse() throws {
        let e = try evaluate("input a: kr/FTE = 2\ninput b: FTE = 3\nc: kr = a * b\n")
        #expect(e.value("c") == .number(6))
        #expect(e.model.definitions[e.model.slot(named: "a")!].unit == "kr/FTE")
    }
}
