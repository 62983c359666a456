@testable import Kalkyl
import Testing

/// Every diagnostic at its exact place, marked in the source with 1️⃣, 2️⃣, …
@Suite struct DiagnosticTests {
    let header = "timeline monthly 2021-01 .. 2021-12\n"

    @Test func unresolvedNamesSuggestTheClosest() {
        expectDiagnostics(header + """
        input employees = 137
        cost = 1️⃣employes * 2 + 2️⃣unknown_thing
        """, [("1️⃣", "unknown name 'employes'"), ("2️⃣", "unknown name 'unknown_thing'")])
        let found = diagnostics(of: header + "input employees = 1\nx = employes")
        #expect(found.first?.hint == "did you mean 'employees'?")
    }

    @Test func redefinitionPointsAtBothPlaces() {
        let source = MarkedSource(header + "3️⃣x = 1\n1️⃣x = 2\n")
        let found = diagnostics(of: source.text)
        #expect(found.count == 1)
        #expect(found[0].message == "'x' is defined twice")
        #expect(found[0].location?.range.start == source.markers["1️⃣"])
        #expect(found[0].notes.first?.location?.range.start == source.markers["3️⃣"])
        #expect(found[0].notes.first?.message == "first defined here")
    }

    @Test func periodsOutsideTheTimeline() {
        expectDiagnostics(header + """
        input hires[month] = 0
        input hires[1️⃣2022-01] = 2
        x = hires[2️⃣2020-12]
        y = SUM(hires[2021-01 .. 3️⃣2021-13])
        """, [("1️⃣", "2022-01 is outside the timeline 2021-01 .. 2021-12"),
              ("2️⃣", "2020-12 is outside the timeline"),
              ("3️⃣", "2021-13 is not a month")])
    }

    @Test func argumentCountsAndUnknownFunctions() {
        expectDiagnostics("""
        a = 1️⃣ROUND(1.5)
        b = 2️⃣SUMM(1, 2)
        c = 3️⃣IF(1, 2, 3, 4)
        """, [("1️⃣", "ROUND takes 2 arguments, not 1"), ("2️⃣", "unknown function 'SUMM'"), ("3️⃣", "IF takes 2 to 3 arguments, not 4")])
        let found = diagnostics(of: "b = SUMM(1, 2)")
        #expect(found.first?.hint == "did you mean SUM?")
    }

    @Test func oneRunReportsEveryError() {
        expectDiagnostics(header + """
        a = 1️⃣(1 +
        b = 2
        c = 2️⃣nope
        d = 3 3️⃣4
        """, [("1️⃣", "expected ')'"), ("2️⃣", "unknown name 'nope'"), ("3️⃣", "expected the end of the line")])
    }

    @Test func circularDefinitionsNameTheWholePath() {
        let found = diagnostics(of: header + "a = b + 1\nb = c * 2\nc = a\nd = 1")
        #expect(found.count == 1)
        #expect(found.first?.message == "circular definition: a -> b -> c -> a")
        let selfLoop = diagnostics(of: header + "x[month] = x + 1")
        #expect(selfLoop.first?.message == "circular definition: x -> x")
        let wholeSeries = diagnostics(of: header + "x[month] = SUM(x[2021-01 .. 2021-02]) + 1")
        #expect(wholeSeries.first?.message == "circular definition: x -> x")
    }

    @Test func recurrenceThroughEarlierPeriodsIsNotCircular() throws {
        let e = try evaluate(header + """
        input start = 137
        input attrition = 1%
        input hires[month] = 0
        departures[month] = ROUND(PREV(employees, start) * attrition, 0)
        employees[month] = PREV(employees, start) - departures + hires
        """)
        #expect(e.numbers("employees").first == 136)
        #expect(e.numbers("departures").first == 1)
    }

    @Test func seriesInScalarContextNeedAPeriodOrAnAggregate() {
        expectDiagnostics(header + """
        input x[month] = 1
        a = 1️⃣x + 1
        b = SUM(x)
        c = x[2021-03]
        d = x[2️⃣month-1]
        """, [("1️⃣", "'x' is a series"), ("2️⃣", "relative to the period being computed")])
    }

    @Test func inputsAreConstants() {
        expectDiagnostics("input a = 1\ninput b = 1️⃣a * 2", [("1️⃣", "an input is a constant and cannot refer to 'a'")])
    }

    @Test func scenariosOverrideOnlyInputs() {
        expectDiagnostics(header + """
        input a = 1
        b = a * 2
        scenario s "S" {
          1️⃣b = 3
          2️⃣aa = 4
        }
        """, [("1️⃣", "'b' is a formula, and only inputs can be overridden"), ("2️⃣", "'aa' is not an input of this model")])
    }

    /// A definition with a syntax error still declares its name: the formulas that read it
    /// are not told it is unknown (one mistake, one error), and the model fails on the first.
    @Test func aBrokenDefinitionIsReportedOnce() {
        expectDiagnostics(header + """
        input utfall[month]: kr = data "gl.csv" long key Konto period Period 1️⃣value Belopp
        cost lon[month]: kr = 2️⃣(1 +
        total[month]: kr = utfall + lon + 4️⃣utfal
        """, [("1️⃣", "expected 'amount'"), ("2️⃣", "expected ')'"), ("4️⃣", "unknown name 'utfal'")])
    }

    /// A name defined twice, once broken, is still the other definition's.
    @Test func aBrokenSecondDefinitionLeavesTheFirst() {
        let found = diagnostics(of: header + """
        input a = 1
        a = (2 +
        b = a * 2
        """)
        #expect(found.filter { $0.severity == .error }.map(\.message).allSatisfy { !$0.contains("unknown name") })
        #expect(found.contains { $0.message.hasPrefix("expected") })
    }

    @Test func renderedAsFileLineColumnWithACaret() {
        let found = diagnostics(of: "a = 1\nb = a +\tnope\n", path: "formulas/x.kalkyl")
        #expect(DiagnosticRenderer.render(found) == """
        formulas/x.kalkyl:2:9: error: unknown name 'nope'
        b = a +\tnope
               \t^~~~

        """)
    }

    @Test("Bad input gives diagnostics, never a crash", arguments: [
        "", "\u{FEFF}", "\r\n\r\n", "\t\t", "x = ", "= 1", "model", "timeline monthly", "scenario {", "\u{0}\u{1}\u{2}",
        "x = \"unterminated", "x = 1_", "input x[month] = 1", "x = ((((", "x = )", "input input = 1", "å = 1\nä = å + 1",
    ])
    func badInput(text: String) {
        _ = diagnostics(of: text)
    }
}
