@testable import Kalkyl
import Testing

/// SUMIF, COUNTIF and AVERAGEIF, by Excel's documented rules (the oracle has no vectors for
/// them: they need real ranges).
@Suite struct ConditionalFunctionsTests {
    let model = """
    dimension account = Lön, Sociala, Hyra, Konsult, El
    input kind[account] = "personal"
    input kind[Hyra] = "lokal"
    input kind[El] = "lokal"
    input kind[Konsult] = "köpt tjänst"
    input cost[account] = 100
    input cost[Sociala] = 40
    input cost[Konsult] = 250
    personnel = SUMIF(kind[account], "personal", cost[account])
    not_premises = SUMIF(kind[account], "<>lokal", cost[account])
    large = COUNTIF(cost[account], ">=100")
    starts_with_k = SUMIF(kind[account], "k*", cost[account])
    one_letter = COUNTIF(kind[account], "?okal")
    average_small = AVERAGEIF(cost[account], "<100")
    none = AVERAGEIF(cost[account], ">1000")
    by_number = SUMIF(cost[account], 100)
    """

    @Test func criteriaAsExcelReadsThem() throws {
        let e = try evaluate(model)
        #expect(e.value("personnel") == .number(140))
        #expect(e.value("not_premises") == .number(390))
        #expect(e.value("large") == .number(4))
        #expect(e.value("starts_with_k") == .number(250))
        #expect(e.value("one_letter") == .number(2))
        #expect(e.value("average_small") == .number(40))
        #expect(e.value("none") == .error(.div0))
        #expect(e.value("by_number") == .number(300))
    }

    @Test func wildcards() {
        #expect(WildcardPattern("div*").matches("division nära"))
        #expect(WildcardPattern("*nära").matches("division nära"))
        #expect(!WildcardPattern("d?v").matches("division"))
        #expect(WildcardPattern("100~%").matches("100%"))
        #expect(WildcardPattern("a~*").matches("a*") && !WildcardPattern("a~*").matches("ab"))
        #expect(WildcardPattern("*").matches(String(repeating: "x", count: 100_000)))
        #expect(WildcardPattern("DIV*").matches("division"))   // one matcher, SEARCH's, for criteria too: without case
    }

    /// Excel tells an empty cell from empty text (a formula's ""): `""` matches both, as
    /// COUNTBLANK counts both; `"="` only the empty cell; `"<>"` everything but the empty
    /// cell, as COUNTA counts "" (found by the differential test: Kalkyl counted 0 where
    /// the workbook counted 6).
    /// COUNTIF and COUNTIFS count the cells that match, errors too, and give none of their
    /// errors; SUMIF gives a matching cell's error (found by the differential test, seed 12
    /// model 175: COUNTIF over five #N/A with "<>0" was #N/A in Kalkyl, 5 in LibreOffice).
    @Test func countingGivesNoErrorOfTheCellsItCounts() throws {
        let e = try evaluate("""
        dimension d = A, B, C
        input x[d] = #N/A
        input x[B] = 0
        counted = COUNTIF(x[d], "<>0")
        counted_both = COUNTIFS(x[d], "<>0", x[d], "<>0")
        zeros = COUNTIF(x[d], 0)
        summed = SUMIF(x[d], "<>0", x[d])
        summed_zeros = SUMIF(x[d], 0, x[d])
        """)
        #expect(e.value("counted") == .number(2))
        #expect(e.value("counted_both") == .number(2))
        #expect(e.value("zeros") == .number(1))
        #expect(e.value("summed") == .error(.na))
        #expect(e.value("summed_zeros") == .number(0))
    }

    @Test func emptyCriterionMatchesEmptyCells() {
        let c = Criterion(.text(""))
        #expect(c.matches(.blank) && c.matches(.text("")) && !c.matches(.number(0)))
        let notEmpty = Criterion(.text("<>"))
        #expect(notEmpty.matches(.number(0)) && notEmpty.matches(.text("")) && notEmpty.matches(.error(.na)))
        #expect(!notEmpty.matches(.blank))
        let equalsNothing = Criterion(.text("="))
        #expect(equalsNothing.matches(.blank) && !equalsNothing.matches(.text("")) && !equalsNothing.matches(.number(0)))
        #expect(!Criterion(.text(">")).matches(.blank) && !Criterion(.text("<")).matches(.text("")))
    }
}

/// Each argument is checked by its own parameter's kind, not by the function: SUMIF's range
/// takes a whole dimension or timeline, its criterion is one value (issue 10's defect: a
/// series as the criterion passed the check and gave #VALUE! in every cell).
@Suite struct ConditionalArgumentCheckTests {
    let model = """
    dimension account = Lön, Hyra
    timeline monthly 2021-01 .. 2021-03
    input kind[account] = "personal"
    input cost[account] = 100
    input wanted[month] = "personal"
    """

    @Test func aSeriesAsTheCriterionOfAScalarFormulaIsACheckError() {
        expectDiagnostics(model + "\ntotal = SUMIF(kind[account], 1️⃣wanted, cost[account])\n",
                          [("1️⃣", "SUMIF's criteria is one value")])
    }

    @Test func aDimensionAsTheCriterionIsACheckError() {
        expectDiagnostics(model + "\ntotal = COUNTIF(kind[account], 1️⃣kind[account])\n",
                          [("1️⃣", "COUNTIF's criteria is one value")])
    }

    /// Found by the differential test: SUMIF over a series' periods with a sum_range over a
    /// dimension gave #VALUE! in Kalkyl, while Excel's SUMIF read its own cells in the range's
    /// shape from the sum_range's first cell, so the workbook showed another number.
    @Test func rangesOfAnotherShapeAreACheckError() {
        expectDiagnostics(model + """

            input amount[month] = 5
            a = SUMIF(wanted[2021-01 .. 2021-03], "personal", 1️⃣cost[account])
            b = SUMIFS(cost[account], 2️⃣wanted[2021-01 .. 2021-02], "personal")
            c = AVERAGEIF(kind[account], "personal", 3️⃣amount[2021-01 .. 2021-02])
            d = COUNTIFS(kind[account], "personal", 4️⃣wanted[2021-02 .. 2021-03], "personal")
            """, [("1️⃣", "SUMIF's sum_range is 2 members × 1 period and its range 1 member × 3 periods: they are read cell by cell in step, so they need one shape"),
                  ("2️⃣", "SUMIFS's criteria_range is 1 member × 2 periods and its sum_range 2 members × 1 period"),
                  ("3️⃣", "AVERAGEIF's average_range is 1 member × 2 periods and its range 2 members × 1 period"),
                  ("4️⃣", "COUNTIFS's criteria_range is 1 member × 2 periods and its criteria_range 2 members × 1 period")])
    }

    /// Found by the differential test: COUNTIF over a computed value passed the check, and the
    /// workbook's COUNTIF(Inputs!F8-Inputs!F6, …) is a formula Excel refuses (Err:504 in
    /// LibreOffice).
    @Test func aComputedRangeIsACheckError() {
        expectDiagnostics(model + """

            input amount[month] = 5
            a = COUNTIF(1️⃣amount[2021-01] - amount[2021-02], 1)
            b = SUMIFS(cost[account], (2️⃣kind[Lön] & "x"), "personal")
            c = RANK.EQ(5, 3️⃣amount[2021-01] + 1)
            """, [("1️⃣", "COUNTIF's range needs cells of the model here, as Excel needs a reference"),
                  ("2️⃣", "SUMIFS's criteria_range needs cells of the model here"),
                  ("3️⃣", "RANK.EQ's ref needs cells of the model here")])
    }

    @Test func rangesOfOneShapePass() throws {
        let e = try evaluate(model + """

            input amount[month] = 5
            a = SUMIF(wanted[2021-01 .. 2021-03], "personal", amount[2021-01 .. 2021-03])
            b = SUMIFS(cost[account], kind[account], "personal")
            """)
        #expect(e.value("a") == .number(15))
        #expect(e.value("b") == .number(200))
    }

    @Test func theCriterionMayBeOnePeriodOfASeries() throws {
        let e = try evaluate(model + "\ntotal = SUMIF(kind[account], wanted[2021-02], cost[account])\n")
        #expect(e.value("total") == .number(200))
    }
}
