@testable import Kalkyl
import Testing

/// Scenarios and `set`: overrides of a whole input, a period or a range, and the
/// incremental update, which must give what a full evaluation gives.
@Suite struct ScenarioAndUpdateTests {
    let model = """
    timeline monthly 2021-01 .. 2021-12
    input start = 100
    input rate = 1%
    input hires[month] = 1
    input salary = 40_000
    leavers[month] = ROUND(PREV(staff, start) * rate, 0)
    staff[month] = PREV(staff, start) - leavers + hires
    cost[month] = staff * salary
    total = SUM(cost)
    unrelated[month] = hires * 2
    scenario stop "Stopp" {
      hires[2021-04 ..] = 0
      rate = 2%
    }
    """

    @Test func scenarioOverridesInputs() throws {
        let base = try evaluate(model)
        let stop = try evaluate(model, scenario: "stop")
        #expect(base.numbers("staff").prefix(3) == [100, 100, 100])
        #expect(stop.numbers("staff").prefix(4) == [99, 98, 97, 95])
        #expect(stop.numbers("hires") == [1, 1, 1] + Array(repeating: 0, count: 9))
    }

    func full(_ text: String, assignments: [String]) throws -> Evaluation {
        let e = try evaluate(text)
        let parsed = assignments.map { e.model.parseAssignment($0).0! }
        let fresh = Evaluation(model: e.model, order: e.order)
        fresh.overrides = parsed
        fresh.evaluateAll()
        return fresh
    }

    @Test("An update equals a full evaluation, bit for bit", arguments: [
        ["salary=41_000"], ["rate=1.5%"], ["hires[2021-06]=3"], ["hires[2021-03..2021-05]=0", "salary=39_500.25"], ["start=100"],
    ])
    func updateEqualsFullEvaluation(assignments: [String]) throws {
        let e = try evaluate(model)
        e.set(assignments.map { e.model.parseAssignment($0).0! })
        let reference = try full(model, assignments: assignments)
        for slot in e.model.definitions.indices {
            #expect(e.values(of: slot).isIdentical(to: reference.values(of: slot)), "\(e.model.definitions[slot].name)")
        }
    }

    @Test func anUpdateRecomputesOnlyWhatItReaches() throws {
        let e = try evaluate(model)
        let salary = e.set([e.model.parseAssignment("salary=41_000").0!])
        // salary (1) → cost (12) → total (1); staff, leavers and unrelated are not touched.
        #expect(salary.recomputedCells == 1 + 12 + 1)
        let unchanged = e.set([e.model.parseAssignment("start=100").0!])
        #expect(unchanged.recomputedCells == 1, "an input set to its own value stops at once (early cut-off)")
        let hires = e.set([e.model.parseAssignment("hires[2021-12]=1").0!])
        #expect(hires.recomputedCells == 1)
    }

    @Test func assignmentsAreCheckedAgainstTheModel() throws {
        let e = try evaluate(model)
        #expect(e.model.parseAssignment("staff=1").1.first?.message.contains("is a formula") == true)
        #expect(e.model.parseAssignment("salery=1").1.first?.hint == "did you mean 'salary'?")
        #expect(e.model.parseAssignment("salary[2021-01]=1").1.first?.message.contains("scalar input") == true)
        #expect(e.model.parseAssignment("hires[2022-01]=1").1.first?.message.contains("outside the timeline") == true)
        #expect(e.model.parseAssignment("hires[2021-01..2021-03]=2").0?.periods == 0...2)
        #expect(e.model.parseAssignment("rate = 2%").0 != nil)
    }
}

@Suite struct ScenarioForkTests {
    @Test func aForkedScenarioEqualsItsFullEvaluation() throws {
        let text = ScenarioAndUpdateTests().model
        let base = try evaluate(text)
        let full = try evaluate(text, scenario: "stop")
        let (forked, report) = base.fork(scenario: base.model.scenario(named: "stop"))
        for slot in base.model.definitions.indices {
            #expect(forked.values(of: slot).isIdentical(to: full.values(of: slot)), "\(base.model.definitions[slot].name)")
        }
        #expect(report.recomputedCells < forked.cellCount, "only what the overrides reach")
        #expect(base.values(of: base.model.slot(named: "staff")!).values.first == .number(100), "the base is left as it was")
        #expect(forked.scenarioName == "stop")
    }
}
