@testable import Kalkyl
import Testing

/// A count declared in a unit (`women: persons = COUNTIF(…)`) was an error asking for
/// `AS(…, persons)` after counts became plain numbers: a break for models that said what they
/// count. The declaration of a definition whose formula is a count alone is that statement;
/// a count inside a larger formula, or beside a figure without one, is still plain.
@Suite struct DeclaredCountUnitTests {
    static let head = """
    dimension employee = e1, e2, e3
    input gender[employee] = "K"
    input salary[employee]: kr = 30_000
    input cost lon: kr = 40_000

    """

    func errors(_ formulas: String) -> [String] {
        diagnostics(of: Self.head + formulas).filter { $0.severity == .error }.map(\.message)
    }

    @Test(arguments: [
        "n: persons = COUNTIF(gender[employee], \"K\")", "n: persons = COUNTIFS(gender[employee], \"K\", salary[employee], \">0\")",
        "n: persons = COUNT(salary[employee])", "n: persons = COUNTA(gender[employee])", "n: persons = (COUNT(salary[employee]))",
        "n: persons = AS(COUNT(salary[employee]), persons)",
    ])
    func aCountMayDeclareWhatItCounts(definition: String) {
        #expect(errors(definition + "\nper_head: kr/persons = lon / n\n").isEmpty, "\(definition): \(errors(definition + "\n"))")
        // What it declares is its unit from then on: kronor and persons do not add up.
        #expect(errors(definition + "\ns = lon + n\n") == ["kr + persons: 'lon' is kr (line 4), 'n' is persons (line 5)"])
    }

    @Test(arguments: [
        ("s = lon + COUNTIF(gender[employee], \"K\")", "kr + a plain number: 'lon' is kr (line 4), 'COUNTIF(gender[employee], \"K\")' is a plain number"),
        ("n: persons = COUNTIF(gender[employee], \"K\") * 2", "'n' is declared persons, but its formula gives a plain number: 'COUNTIF(gender[employee], \"K\")' is a plain number"),
        ("n: persons = SUM(salary[employee]) / lon", "'n' is declared persons, but its formula gives a plain number: 'SUM(salary[employee]) / lon' is a plain number"),
    ])
    func aCountInAFormulaIsStillAPlainNumber(definition: String, message: String) {
        #expect(errors(definition + "\n") == [message])
    }

    /// A line's forecast that is a count alone takes the line's unit, as a definition does;
    /// one that is more than a count is held to it.
    @Test func aForecastThatIsACountTakesTheLinesUnit() {
        let head = """
        timeline monthly 2024-01 .. 2024-06
        actuals through 2024-02
        dimension enhet = A, B
        dimension employee = e1, e2
        input stock hc[version, enhet, month]: persons = 0
        input unit_of[employee] = "A"

        """
        let errors = { (text: String) in diagnostics(of: head + text).filter { $0.severity == .error }.map(\.message) }
        #expect(errors("hc[forecast, enhet, month] = COUNTIF(unit_of[employee], \"A\")\n").isEmpty)
        let doubled = errors("hc[forecast, enhet, month] = COUNTIF(unit_of[employee], \"A\") * 2\n")
        #expect(doubled.count == 1 && doubled.first?.hasPrefix("the forecast of 'hc' is persons, as the line is (line 5), but its formula gives a plain number") == true,
                "\(doubled)")
    }
}
