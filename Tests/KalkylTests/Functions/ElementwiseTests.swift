import Foundation
@testable import Kalkyl
import Testing

/// Operators over arrays inside SUMPRODUCT, position by position, as a controller writes them
/// in Excel: `SUMPRODUCT((region = "Öst") * (kind = "kostnad") * amount)`. Each expected value
/// is worked out by hand from the inputs, with Excel's rules: a comparison is TRUE or FALSE,
/// arithmetic reads them as 1 and 0, text in arithmetic is #VALUE!, an error stays in its
/// position and SUMPRODUCT gives it.
@Suite struct ElementwiseTests {
    /// Tests/KalkylTests/Fixtures/elementwise.kalkyl, which ExportElementwiseTests exports too.
    static let base = try! String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/elementwise.kalkyl"), encoding: .utf8)

    @Test func comparisonsAndArithmeticPositionByPosition() throws {
        let e = try evaluate(Self.base)
        // L1 (Öst, kostnad, 100), L4 (Öst, kostnad, -30) and L5 ("öst": = ignores case, 7).
        #expect(e.value("east_costs") == .number(77))
        #expect(e.value("not_east") == .number(40))
        // Months with volume above 0: January 10 × 5, March 10 × 6.
        #expect(e.value("positive_sales") == .number(110))
        // Drift: 120, 120, 90, 120; Nät: 120, 80, 120, 120.
        #expect(e.value("busy_months", member: 0) == .number(3))
        #expect(e.value("busy_months", member: 1) == .number(3))
        #expect(e.value("busy_hours", member: 0) == .number(360))
        #expect(e.value("busy_total") == .number(720))              // both units, every month
        // Positive amounts 100 + 40 + 100 + 7 = 247, times each month's volume.
        #expect(e.numbers("positive_per_month") == [2470, 0, 2470, -494])
    }

    /// SUMPRODUCT reads TRUE as 0 (it is no number): the `--` or `* 1` makes it 1, as in Excel.
    @Test func aComparisonAloneCountsNothing() throws {
        let e = try evaluate(Self.base + "alone = SUMPRODUCT(amount[line] > 0)\ntimes_one = SUMPRODUCT((amount[line] > 0) * 1)\n")
        #expect(e.value("alone") == .number(0))
        #expect(e.value("times_one") == .number(4))
    }

    @Test func textInArithmeticAndErrorsReachTheResult() throws {
        let e = try evaluate(Self.base + """
            input label[line] = "a"
            text_times = SUMPRODUCT((amount[line] > 0) * label[line])
            text_as_array = SUMPRODUCT(--(amount[line] > 0), label[line])
            divided = SUMPRODUCT(amount[line] / ratio[line])
            guarded = SUMPRODUCT((ratio[line] > 0) * amount[line])
            percent = SUMPRODUCT(amount[line]%)
            negated = SUMPRODUCT(-amount[line])

            """)
        #expect(e.value("text_times") == .error(.value))        // "a" in arithmetic
        #expect(e.value("text_as_array") == .number(0))        // text as SUMPRODUCT's own array: 0
        #expect(e.value("divided") == .error(.div0))           // L3's 100 / 0
        #expect(e.value("guarded") == .number(117))
        #expect(abs((e.value("percent")?.number ?? 0) - 2.17) < 1e-12)
        #expect(e.value("negated") == .number(-217))
    }

    @Test func arrayConstantsGoPositionByPosition() throws {
        let e = try evaluate(Self.base + "masked = SUMPRODUCT({1;0;1;0;1} * amount[line])\nconstant = SUMPRODUCT({1,2;3,4} * {2,2;1,1})\n")
        #expect(e.value("masked") == .number(207))
        #expect(e.value("constant") == .number(13))
        #expect(FormulaEvaluator.evaluate("=SUMPRODUCT(({1,2,3}>1)*{4,5,6})") == .number(11))
        expectDiagnostics(Self.base + "crossed = SUMPRODUCT(1️⃣hours[unit, 2021-01 .. 2021-02] * {1,2;3,4})\n",
                          [("1️⃣", "an array constant and a table of the model, whose cells are in another order")])
    }

    /// An update recomputes single cells with the cell interpreter, which must agree.
    @Test func anUpdateGivesTheFullEvaluationsValues() throws {
        let e = try evaluate(Self.base)
        e.set([e.model.parseAssignment("amount[L2]=-5").0!, e.model.parseAssignment("hours[Nät, 2021-03]=50").0!])
        let fresh = try evaluate(Self.base.replacingOccurrences(of: "input amount[L2] = 40", with: "input amount[L2] = -5")
            .replacingOccurrences(of: "input hours[Drift, 2021-03] = 90", with: "input hours[Drift, 2021-03] = 90\ninput hours[Nät, 2021-03] = 50"))
        for name in ["east_costs", "not_east", "positive_sales", "busy_months", "busy_hours", "positive_per_month", "busy_total"] {
            let slot = try #require(e.model.slot(named: name))
            #expect(e.values(of: slot).values == fresh.values(of: slot).values, "\(name)")
        }
    }

    @Test func arraysOfAnotherShapeAreACheckError() {
        expectDiagnostics(Self.base + "odd = SUMPRODUCT(1️⃣(amount[line] > 0) * hours[Drift])\n",
                          [("1️⃣", "this operator takes its arrays position by position, and '(amount[line] > 0)' is 5 members × 1 period and 'hours[Drift]' 1 member × 4 periods")])
    }

    /// Only SUMPRODUCT's arrays are computed position by position: elsewhere Excel 2016 needs
    /// an array formula, so an operator given an array stays a check error.
    @Test func operatorsOverArraysOutsideSumproductAreACheckError() {
        expectDiagnostics(Self.base + "total = SUM((1️⃣amount[line] > 0) * 2️⃣amount[line])\n",
                          [("1️⃣", "gives several values here"), ("2️⃣", "gives several values here")])
        expectDiagnostics(Self.base + "total = SUMPRODUCT(ABS(1️⃣amount[line]))\n", [("1️⃣", "ABS's number is one value")])
    }
}
