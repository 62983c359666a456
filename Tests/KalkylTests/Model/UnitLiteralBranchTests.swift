@testable import Kalkyl
import Testing

/// The holes units3 left in the unit check (issue 10, closing note "Fix first" 3): a period
/// written or an array written as a branch switched the check of the whole expression off
/// (`lon + IF(c, inhyrd, {1})` passed, kr + mnkr), as a text branch did before units3; and
/// SWITCH with a plain expression asked its values to share one unit, though it compares
/// each value with the expression only (a plain number fits either side, as MATCH's does).
@Suite struct UnitLiteralBranchTests {
    static let head = """
    timeline monthly 2024-01 .. 2024-03
    input cost lon: kr = 40_000
    input cost inhyrd: mnkr = 0.2
    input c = 1

    """

    func errors(_ formulas: String) -> [String] {
        diagnostics(of: Self.head + formulas).filter { $0.severity == .error }.map(\.message)
    }

    /// The numeric branch beside a period or an array written is still checked.
    @Test(arguments: [
        "IF(c = 1, inhyrd, {1})", "IF(c = 1, {2}, inhyrd)", "IF(c = 1, inhyrd, 2024-01)", "IF(c = 1, 2024-02, inhyrd)",
        "IFERROR(inhyrd, {0})", "CHOOSE(c, 2024-01, inhyrd)", "IFS(c = 1, inhyrd, TRUE, {1})",
    ])
    func aPeriodOrArrayBranchKeepsTheNumericBranchChecked(call: String) {
        let found = errors("s = lon + \(call)\n")
        #expect(found.count == 1, "\(call): \(found)")
        #expect(found.first?.hasPrefix("kr + mnkr: 'lon' is kr (line 2), ") == true, "\(call): \(found)")
        let inKronor = call.replacingOccurrences(of: "inhyrd", with: "lon")
        #expect(errors("s = lon + \(inKronor)\n").isEmpty, "\(inKronor): \(errors("s = lon + \(inKronor)\n"))")
    }

    /// An array written is numbers written: in a sum or a product it takes the other's unit; an
    /// array of texts is text, as a text written is.
    @Test func anArrayWrittenIsNumbersWritten() {
        #expect(errors("s: kr = SUM(lon, {1, 2})\np: kr = SUMPRODUCT({1, 2}, {3, 4}) * lon\n").isEmpty)
        #expect(errors("s: kr = SUM(inhyrd, {1, 2})\n").first?.hasPrefix("'s' is declared kr, but its formula gives mnkr") == true)
        #expect(errors("t = IF(c = 1, {\"a\"}, \"c\")\nu = lon + IF(c = 1, inhyrd, {\"a\"})\n")
            == ["kr + mnkr: 'lon' is kr (line 2), 'inhyrd' is mnkr (line 3)"])
    }

    /// SWITCH compares its expression with each value, never two values with each other: a
    /// plain expression fits values of any unit; one of a unit is still held to each value.
    @Test func switchComparesItsExpressionWithEachValue() {
        #expect(errors("t = SWITCH(c, lon, 1, inhyrd, 2, 0)\n").isEmpty, "\(errors("t = SWITCH(c, lon, 1, inhyrd, 2, 0)\n"))")
        #expect(errors("t = SWITCH(c, 1, lon, 2, inhyrd * 1_000_000)\n").first?.hasPrefix("kr and mnkr") == true)   // its results are one unit still
        #expect(errors("t = SWITCH(lon, 40_000, 1, inhyrd, 2, 0)\n")
            == ["kr and mnkr: 'lon' is kr (line 2), 'inhyrd' is mnkr (line 3)"])
        #expect(errors("t = SWITCH(lon, inhyrd, 1, inhyrd, 2, 0)\n").count == 1, "one error a call")
    }
}
