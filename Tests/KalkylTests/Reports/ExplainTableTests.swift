@testable import Kalkyl
import Testing

/// `ExplainReport.table(model:whatIfs:)`, the tree `kalkyl explain` prints, made in the
/// library from the report: reads off the timeline (before and after it), the period read as
/// a value, a percentage, and the heading of a scenario with what-ifs.
@Suite struct ExplainTableTests {
    let model = """
    model "Tabell"
    timeline monthly 2021-01 .. 2021-03
    input rate: % = 2.5%
    input base[month]: kr = 100
    change[month]: kr = base - base[month-1]
    ahead[month]: kr = base[month+1] * rate
    late[month] = IF(month >= 2021-02, 1, 0)
    scenario high "Högt" {
      rate = 3%
    }
    """

    func table(_ cell: String, scenario: String? = nil, set: [String] = []) throws -> String {
        let e = try evaluate(model, scenario: scenario)
        if !set.isEmpty { e.set(set.map { e.model.parseAssignment($0).0! }) }
        let explanation = Explainer.explain(try e.model.cell(named: cell).get(), in: e)
        return ExplainReport(explanation, in: e).table(model: e.model, whatIfs: set)
    }

    @Test func aReadBeforeTheTimelineIsNamedWithItsError() throws {
        #expect(try table("change[2021-01]") == """
        Tabell

        change[2021-01] = #REF!
        │ = base - base[month-1]
        ├─ base[2021-01] = 100 kr
        │    line 4: input base[month]: kr = 100
        └─ base[2020-12] is before the timeline, so #REF!

        #REF! starts here, in change[2021-01]: base - base[month-1]
          where base[2021-01] = 100 kr, base[2020-12] is before the timeline

        """)
    }

    @Test func aReadAfterTheTimelineInAScenarioWithWhatIfs() throws {
        #expect(try table("ahead[2021-03]", scenario: "high", set: ["base=200"]) == """
        Tabell — scenario high (Högt) — with --set base=200

        ahead[2021-03] = #REF!
        │ = base[month+1] * rate
        ├─ base[2021-04] is after the timeline, so #REF!
        └─ rate = 3 %
             scenario high, line 9: rate = 3%

        #REF! starts here, in ahead[2021-03]: base[month+1] * rate
          where base[2021-04] is after the timeline, rate = 3 %

        """)
    }

    @Test func thePeriodIsReadAsItsLabel() throws {
        #expect(try table("late[2021-02]") == """
        Tabell

        late[2021-02] = 1
        │ = IF(month >= 2021-02, 1, 0)
        └─ month = 2021-02 (the period)

        """)
    }
}
