@testable import Kalkyl
import Testing

/// `check NAME: EXPR`: what must hold, evaluated and reported with its values.
@Suite struct CheckTests {
    let model = """
    dimension unit = A, B
    timeline monthly 2021-01 .. 2021-02
    input cost[unit, month] = 10
    input cost[B, 2021-02] = 15
    total[month] = SUM(cost[unit])
    ## The printed total
    check total_ties: SUM(total) = 45
    check printed_wrong: SUM(total) = 40
    check per_month[month]: total <= 20
    check per_unit[unit, month]: cost < 12
    """

    @Test func failingCellsAreReportedWithBothSides() throws {
        let e = try evaluate(model)
        let failures = CheckRunner.run(e)
        let names = failures.map { e.model.definitions[$0.slot].name }
        #expect(names == ["printed_wrong", "per_month", "per_unit"])
        let printed = failures[0]
        #expect(printed.value == .bool(false))
        #expect(printed.sides?.left == .number(45) && printed.sides?.right == .number(40) && printed.sides?.op == .equal)
        #expect(failures[1].period == 1 && failures[1].sides?.left == .number(25))
        #expect(failures[2].period == 1 && failures[2].members == ["B"])
    }

    /// A check that applies only where a figure is printed shows the comparison of the
    /// branch its cell took, not a bare FALSE.
    @Test func aConditionalCheckShowsTheSidesOfItsBranch() throws {
        let e = try evaluate("""
        dimension line = A, B, C
        input printed[line] = 5
        input printed[C] = 7
        input computed[line] = 5
        check ties[line]: IF(printed = 7, computed = printed, TRUE)
        """)
        let failures = CheckRunner.run(e)
        #expect(failures.count == 1)
        #expect(failures.first?.members == ["C"])
        #expect(failures.first?.sides?.left == .number(5) && failures.first?.sides?.right == .number(7))
    }

    @Test func checksAreDefinitionsOfTheirOwn() {
        expectDiagnostics("input a = 1\ncheck 1️⃣a: a = 1", [("1️⃣", "'a' is defined twice")])
        expectDiagnostics("check c: 1️⃣nope = 1", [("1️⃣", "unknown name 'nope'")])
    }

    @Test func anErrorValueFailsACheck() throws {
        let e = try evaluate("input a = 0\ncheck ratio: 1 / a > 0")
        #expect(CheckRunner.run(e).first?.value == .error(.div0))
    }

    @Test func expectationsCanSayACheckFails() throws {
        let text = model + "\n# expect: check printed_wrong fails\n# expect: check total_ties fails\n"
        let loaded = ModelLoader.load(source: SourceFile(path: "t.kalkyl", text: text))
        let failures = ExpectationCheck.run(model: try #require(loaded.model), order: try #require(loaded.order))
        #expect(failures.map(\.description) == ["line 12: check total_ties passes, but the model expects it to fail"])
    }
}
