import Testing
@testable import Kalkyl

/// SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS, MINIFS, SUMPRODUCT, COUNTA and the logical IFS,
/// SWITCH and XOR: their own edge cases (errors, empty cells, text, booleans).
@Suite struct ConditionalAggregatesTests {
    static let r = FArg.range

    @Test func sumifsNeedsEveryCriterion() {
        let amounts = Self.r(.number(10), .number(20), .number(30), .text("n/a"))
        let kinds = Self.r(.text("Personal"), .text("Lokaler"), .text("personal"), .text("Personal"))
        let units = Self.r(.text("IT-drift"), .text("IT-nät"), .text("Ekonomi"), .text("IT-stöd"))
        #expect(callFunction("SUMIFS", amounts, kinds, FArg.t("personal"), units, FArg.t("IT*")) == .number(10))
        #expect(callFunction("SUMIFS", amounts, kinds, FArg.t("personal")) == .number(40))
        #expect(callFunction("COUNTIFS", kinds, FArg.t("personal"), units, FArg.t("IT*")) == .number(2))
        #expect(callFunction("AVERAGEIFS", amounts, kinds, FArg.t("personal")) == .number(20))
        #expect(callFunction("AVERAGEIFS", amounts, kinds, FArg.t("none")) == .error(.div0))
        #expect(callFunction("MAXIFS", amounts, kinds, FArg.t("<>Lokaler")) == .number(30))
        #expect(callFunction("MINIFS", amounts, kinds, FArg.t("<>Lokaler")) == .number(10))
        #expect(callFunction("MAXIFS", amounts, kinds, FArg.t("none")) == .number(0))
        #expect(callFunction("MINIFS", Self.r(.number(-5), .number(3)), Self.r(.number(1), .number(2)), FArg.n(2)) == .number(3))
    }

    @Test func criteriaAreComparisonsPatternsAndEmptyCells() {
        let values = Self.r(.number(1), .number(5), .blank, .text(""), .bool(true), .number(9))
        #expect(callFunction("COUNTIFS", values, FArg.t(">=5")) == .number(2))
        #expect(callFunction("COUNTIFS", values, FArg.t("")) == .number(2))        // the empty cell and ""
        #expect(callFunction("COUNTIFS", values, FArg.t("<>")) == .number(5))      // "" is not an empty cell
        #expect(callFunction("COUNTIFS", values, FArg.t("=")) == .number(1))       // only the empty cell
        #expect(callFunction("COUNTIFS", values, FArg.b(true)) == .number(1))
        #expect(callFunction("COUNTIFS", values, FArg.n(5), values, FArg.t(">1")) == .number(1))
        #expect(callFunction("COUNTIFS", Self.r(.text("a~b"), .text("a*b")), FArg.t("a~*b")) == .number(1))
    }

    @Test func errorsInMatchingCellsAndCriteriaReachTheResult() {
        let amounts = Self.r(.number(1), .error(.div0), .number(3))
        let keys = Self.r(.text("a"), .text("b"), .text("a"))
        #expect(callFunction("SUMIFS", amounts, keys, FArg.t("a")) == .number(4))          // the error does not match
        #expect(callFunction("SUMIFS", amounts, keys, FArg.t("b")) == .error(.div0))
        #expect(callFunction("SUMIFS", amounts, keys, FArg.e(.na)) == .error(.na))
        #expect(callFunction("SUMIFS", amounts, Self.r(.text("a")), FArg.t("a")) == .error(.value))   // ranges of different sizes
        #expect(callFunction("COUNTIFS", keys, FArg.t("a"), Self.r(.text("a")), FArg.t("a")) == .error(.value))
    }

    @Test func sumifsOverADimensionAndPeriods() throws {
        let evaluation = try evaluate("""
            model "Konton"
            timeline monthly 2021-01 .. 2021-03
            dimension account = k5010, k5020, k7010, k7510
            input kind[account] = "Lokal"
            input kind[k7010] = "Personal"
            input kind[k7510] = "Personal"
            input cost[account, month] = 100
            input cost[k7510, month] = 46
            personnel[month] = SUMIFS(cost[account], kind[account], "Personal")
            large_personnel[month] = COUNTIFS(kind[account], "Personal", cost[account], ">50")
            quarter = SUMIFS(cost[k7010, 2021-01 .. 2021-03], cost[k7510, 2021-01 .. 2021-03], "<50")
            """)
        #expect(evaluation.numbers("personnel") == [146, 146, 146])
        #expect(evaluation.numbers("large_personnel") == [1, 1, 1])
        #expect(evaluation.numbers("quarter") == [300])
    }

    @Test func sumproductMultipliesPositionByPosition() {
        #expect(FormulaEvaluator.evaluate("=SUMPRODUCT({1,2,3},{4,-2,-4})") == .number(-12))
        #expect(FormulaEvaluator.evaluate(#"=SUMPRODUCT({1,"a";TRUE,4},{2,2;2,2})"#) == .number(10))   // not numbers: 0
        #expect(FormulaEvaluator.evaluate("=SUMPRODUCT({1,2,3})") == .number(6))
        #expect(FormulaEvaluator.evaluate("=SUMPRODUCT({1,2},{1;2})") == .error(.value))               // shapes differ
        #expect(FormulaEvaluator.evaluate("=SUMPRODUCT({1,2},{1,2,3})") == .error(.value))
        #expect(FormulaEvaluator.evaluate("=SUMPRODUCT({1,#N/A},{1,2})") == .error(.na))
    }

    @Test func countaCountsWhatIsNotEmpty() {
        #expect(callFunction("COUNTA", FArg.n(0), FArg.t(""), FArg.b(false), FArg.e(.na), FArg.blankRef) == .number(4))
        #expect(callFunction("COUNTA", Self.r(.blank, .text(""), .number(1), .blank)) == .number(2))
        #expect(callFunction("COUNTA", FArg.n(1), .missing) == .number(2))
    }

    @Test func ifsTakesTheFirstTestThatHolds() {
        #expect(FormulaEvaluator.evaluate(#"=IFS(1>2,"a",2>1,"b",TRUE,"c")"#) == .text("b"))
        #expect(FormulaEvaluator.evaluate(#"=IFS(FALSE,"a")"#) == .error(.na))
        #expect(FormulaEvaluator.evaluate(#"=IFS("x","a")"#) == .error(.value))
        #expect(FormulaEvaluator.evaluate(#"=IFS(1/0,"a",TRUE,"b")"#) == .error(.div0))
        #expect(FormulaEvaluator.evaluate(#"=IFS(TRUE,"a",1/0,"b")"#) == .text("a"))
        #expect(FormulaEvaluator.evaluate("=IFS(x,1,TRUE,2)", references: ["x": .blank]) == .number(2))
        #expect(diagnostics(of: "model \"A\"\nx = IFS(TRUE, 1, FALSE)\n").contains { $0.message.contains("IFS takes pairs of logical_test and value_if_true") })
    }

    @Test func switchComparesAsEqualsDoes() {
        #expect(FormulaEvaluator.evaluate(#"=SWITCH("b","a",1,"B",2)"#) == .number(2))
        #expect(FormulaEvaluator.evaluate(#"=SWITCH("c","a",1,"b",2)"#) == .error(.na))
        #expect(FormulaEvaluator.evaluate(#"=SWITCH("c","a",1,"b",2,0)"#) == .number(0))
        #expect(FormulaEvaluator.evaluate(#"=SWITCH(1,"1",1,1,2)"#) == .number(2))
        #expect(FormulaEvaluator.evaluate("=SWITCH(1/0,1,2)") == .error(.div0))
        #expect(FormulaEvaluator.evaluate("=SWITCH(2,1,1/0,2,5)") == .number(5))
        #expect(FormulaEvaluator.evaluate("=SWITCH(x,1,2,3)", references: ["x": .blank]) == .number(3))
    }

    @Test func xorIsAnOddNumberOfTruths() {
        #expect(callFunction("XOR", FArg.b(true), FArg.b(true), FArg.b(true)) == .bool(true))
        #expect(callFunction("XOR", FArg.b(true), FArg.n(2)) == .bool(false))
        #expect(callFunction("XOR", Self.r(.bool(true), .text("TRUE"), .blank)) == .bool(true))   // text in a range is skipped
        #expect(callFunction("XOR", FArg.t("TRUE"), FArg.b(false)) == .bool(true))                // typed text is read
        #expect(callFunction("XOR", FArg.blankRef) == .error(.value))
        #expect(callFunction("XOR", FArg.b(true), FArg.e(.na)) == .error(.na))
    }
}
