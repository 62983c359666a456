@testable import Kalkyl
import Testing

/// Recurrences (stepwise groups) updated from the edit onward: a changed period of a
/// member recomputes that member's later periods only, and the result is the full
/// evaluation's, bit for bit.
@Suite struct StepwiseUpdateTests {
    static let employees = (0..<100).map { "e\($0)" }.joined(separator: ", ")

    /// Per-employee recurrences: a running sum, and one that stops changing once capped.
    static let perEmployee = """
    timeline monthly 2021-01 .. 2021-06
    dimension employee = \(employees)
    input salary[employee] = 30_000
    input start[employee] = 1
    input bonus[employee, month] = 0
    input rate = 40%
    cost[employee, month] = salary * (1 + rate) * IF(MONTH(month) >= start, 1, 0) + bonus
    acc[employee, month] = PREV(acc, 0) + cost
    capped[employee, month] = MIN(PREV(capped, 0) + cost, 100_000)
    acc_total[month] = SUM(acc[employee])
    """

    /// A group in which every member reads a total of the group's own cells: a change of one
    /// member's cell reaches every member in the next period, through a SUM tree (100 members).
    static let pooled = """
    timeline monthly 2021-01 .. 2021-06
    dimension employee = \(employees)
    input salary[employee] = 30_000
    input rate = 40%
    cost[employee, month] = salary * (1 + rate)
    draw[employee, month] = ROUND(PREV(pool, 0) / 100_000 + cost / 1_000, 2)
    pool[month] = PREV(pool, 0) + SUM(draw[employee])
    """

    func update(_ text: String, _ edits: [String]) throws -> (Evaluation, Evaluation.UpdateReport) {
        let e = try evaluate(text)
        let report = e.set(edits.map { e.model.parseAssignment($0).0! })
        return (e, report)
    }

    func expectFull(_ e: Evaluation, _ edits: [InputAssignment], _ note: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let full = Evaluation(model: e.model, order: e.order)
        full.overrides = edits
        full.evaluateAll()
        for slot in e.model.definitions.indices {
            #expect(e.values(of: slot).isIdentical(to: full.values(of: slot)),
                    "\(note): \(e.model.definitions[slot].name) differs", sourceLocation: sourceLocation)
        }
    }

    @Test func aSalaryRecomputesThatEmployeesRecurrenceOnly() throws {
        let (e, report) = try update(Self.perEmployee, ["salary[e5]=31000"])
        // salary (1) → cost[e5, 6 months] (6) → acc[e5] (6), capped[e5] (6) → acc_total (6);
        // the other 99 employees' recurrences are not touched (whole: 600 cells each).
        #expect(report.recomputedCells == 1 + 6 + 6 + 6 + 6)
        expectFull(e, [e.model.parseAssignment("salary[e5]=31000").0!], "salary")
    }

    @Test func aChangedPeriodRecomputesFromThatPeriodOn() throws {
        let (e, report) = try update(Self.perEmployee, ["bonus[e5, 2021-04]=500"])
        // bonus (1) → cost[e5, Apr] (1) → acc[e5, Apr … Jun] (3), capped[e5, Apr] (1: at the
        // cap before and after, so May is not reached) → acc_total[Apr … Jun] (3).
        #expect(report.recomputedCells == 1 + 1 + 3 + 1 + 3)
        expectFull(e, [e.model.parseAssignment("bonus[e5, 2021-04]=500").0!], "bonus")
    }

    @Test func aRecurrenceStopsWhereItsCellsComeOutTheSame() throws {
        // capped: 42,000, 84,000, then 100,000 from March. A bonus in January moves January and
        // February; March is recomputed and comes out capped as before, so April is not reached.
        let e = try evaluate(Self.perEmployee)
        let capped = e.model.slot(named: "capped")!
        let members = e.model.memberCount(of: capped)
        let before = e.values(of: capped)
        let report = e.set([e.model.parseAssignment("bonus[e7, 2021-01]=100").0!])
        let after = e.values(of: capped)
        #expect((0..<before.count).filter { !before[$0].isIdentical(to: after[$0]) } == [7, members + 7])
        // bonus (1), cost[e7, Jan] (1), acc[e7] (6), capped[e7, Jan … Mar] (3), acc_total (6)
        #expect(report.recomputedCells == 1 + 1 + 6 + 3 + 6)
        expectFull(e, [e.model.parseAssignment("bonus[e7, 2021-01]=100").0!], "capped")
    }

    @Test func manyCellsOfAPeriodAreRecomputedAsOnePass() throws {
        let edits = (0..<20).map { "bonus[e\($0 * 5), 2021-04]=500" }
        let (e, report) = try update(Self.perEmployee, edits)
        // 20 of 100 members in April, past a sixteenth: acc's April, May and June in one pass
        // each (300), capped's April (100, at the cap before and after), acc_total (3).
        #expect(report.recomputedCells == 20 + 20 + 300 + 100 + 3)
        expectFull(e, edits.map { e.model.parseAssignment($0).0! }, "twenty bonuses")
    }

    @Test func anEditReachingAllOfAMemberRecomputesTheGroupWhole() throws {
        let (e, report) = try update(Self.perEmployee, ["rate=45%"])
        #expect(report.recomputedCells >= 600 + 600, "acc and capped whole")
        expectFull(e, [e.model.parseAssignment("rate=45%").0!], "rate")
    }

    @Test("A group reading its own total gives the full evaluation's bits",
          arguments: [["salary[e3]=31000"], ["rate=41%"], ["salary[e3]=31000", "salary[e90]=20000"], ["salary[e99]=30000"]])
    func pooledGroup(edits: [String]) throws {
        let e = try evaluate(Self.pooled)
        var applied: [InputAssignment] = []
        for text in edits {
            let a = e.model.parseAssignment(text).0!
            applied.append(a)
            e.set([a])
            expectFull(e, applied, text)
        }
    }

    @Test func aPooledSalaryReachesEveryMemberOnlyFromTheNextPeriod() throws {
        let (e, report) = try update(Self.pooled, ["salary[e3]=31000"])
        // salary (1), cost[e3] (6), draw[e3, Jan] and pool[Jan]; from February every member's
        // draw reads the changed pool: 100 draws and the pool per month after January.
        #expect(report.recomputedCells == 1 + 6 + (1 + 1) + 5 * (100 + 1))
        expectFull(e, [e.model.parseAssignment("salary[e3]=31000").0!], "pooled salary")
    }

    @Test func theScalarRecurrenceStartsAtTheEditedMonth() throws {
        let (e, report) = try update(ScenarioAndUpdateTests().model, ["hires[2021-06]=3"])
        // hires (1) → staff[Jun] (1) → leavers[Jul … Dec], staff[Jul … Dec] (6 + 6),
        // cost[Jun … Dec] (7), total (1), unrelated[Jun] (1)
        #expect(report.recomputedCells == 1 + 1 + 6 + 6 + 7 + 1 + 1)
        expectFull(e, [e.model.parseAssignment("hires[2021-06]=3").0!], "hires")
    }
}
