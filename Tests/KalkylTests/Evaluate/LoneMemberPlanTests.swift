@testable import Kalkyl
import Testing

/// An edit of one member through its input's plan must do what the general update does:
/// the same cells recomputed, the same definitions reported changed, and the same bits as a
/// full evaluation in every cell.
@Suite struct LoneMemberPlanTests {
    /// Rows of the edited member (same period, shifted, to date, over its periods) and totals
    /// over every member (a long SUM through its tree, read on by YTD, ROLLING and a year total).
    static let model: String = {
        let employees = (0..<200).map { "e\($0)" }.joined(separator: ", ")
        return """
        timeline monthly 2021-01 .. 2021-06
        dimension employee = \(employees)
        input salary[employee] = 30_000
        input rate = 40%
        input start[employee] = 1
        input bonus[employee, month] = 0
        input month_index[month] = 1
        input month_index[2021-02] = 2
        input month_index[2021-03] = 3
        input month_index[2021-04] = 4
        input month_index[2021-05] = 5
        input month_index[2021-06] = 6
        active[employee, month] = IF(month_index >= start, 1, 0)
        cost[employee, month] = salary * (1 + rate) * active + bonus
        lagged[employee, month] = cost[month-1] * 2
        cost_ytd[employee, month] = YTD(cost)
        row[employee] = SUM(cost)
        pct[employee] = IF(salary = 0, 0, row / salary)
        total_cost[month] = SUM(cost[employee])
        ytd[month] = YTD(total_cost)
        rolling[month] = ROLLING(total_cost, 3)
        year = SUM(total_cost)
        check positive[month]: total_cost >= 0
        """
    }()

    /// Recurrences the edit reaches: the member's own (a running sum, one that stops changing
    /// at its cap) and a total's, brought up to date from the first period reached.
    static let recurrences = """

    acc[employee, month] = PREV(acc, 0) + cost
    capped[employee, month] = MIN(PREV(capped, 0) + cost + bonus, 60_000)
    acc_total[month] = SUM(acc[employee])
    running[month] = PREV(running, 0) + total_cost / 1_000
    """

    static func edit(_ g: inout IncrementalPropertyTests.Generator) -> String {
        switch g.next(8) {
        case 0, 1: return "salary[e\(g.next(200))]=\(20_000 + g.next(30_000))"
        case 2: return "salary[e\(g.next(200))]=0"
        case 3: return "start[e\(g.next(200))]=\(1 + g.next(7))"
        case 4: return "bonus[e\(g.next(200)), 2021-0\(1 + g.next(6))]=\(g.next(3) * 5_000)"
        case 5: return "bonus[e\(g.next(200))]=\(g.next(2) * 1_000)"
        case 6: return "salary[e\(g.next(200))]=\"none\""   // text: the cells go through the general rules
        default: return "rate=\(g.next(60))%"               // not one member: the general path
        }
    }

    @Test func theInputsOverMembersHavePlansReachingRowsAndTotals() throws {
        let e = try evaluate(Self.model)
        for name in ["salary", "start", "bonus"] {
            let plan = try #require(e.lonePlans[e.model.slot(named: name)!], "\(name) has a plan")
            #expect(plan.entries.first?.slot == e.model.slot(named: name))
        }
        let plan = e.lonePlans[e.model.slot(named: "salary")!]!
        let names = plan.entries.map { e.model.definitions[$0.slot].name }
        #expect(names.sorted() == ["cost", "cost_ytd", "lagged", "pct", "positive", "rolling", "row", "salary", "total_cost", "year", "ytd"])
        #expect(plan.entries.filter(\.row).map { e.model.definitions[$0.slot].name }.sorted()
                == ["cost", "cost_ytd", "lagged", "pct", "row", "salary"])
        #expect(e.lonePlans[e.model.slot(named: "rate")!] == nil, "an input without members")
    }

    @Test func anInputWhoseChangeReachesOtherMembersHasNoPlan() throws {
        // share reads total_cost for every member; first reads one fixed member.
        let shared = try evaluate(Self.model + "\nshare[employee, month] = IF(total_cost = 0, 0, cost / total_cost)")
        #expect(shared.lonePlans[shared.model.slot(named: "salary")!] == nil)
        let fixed = try evaluate(Self.model + "\nfirst = cost[e3, 2021-02]")
        #expect(fixed.lonePlans[fixed.model.slot(named: "salary")!] == nil)
        // A recurrence whose members all read the group's own total.
        let pooled = try evaluate(Self.model + """

            draw[employee, month] = ROUND(PREV(pool, 0) / 100_000 + cost / 1_000, 2)
            pool[month] = PREV(pool, 0) + SUM(draw[employee])
            """)
        #expect(pooled.lonePlans[pooled.model.slot(named: "salary")!] == nil)
    }

    @Test func aRecurrenceOfTheMembersRowsIsInThePlan() throws {
        let e = try evaluate(Self.model + Self.recurrences)
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        func entry(_ name: String) -> LoneMemberPlan.Entry? { plan.entries.first { e.model.definitions[$0.slot].name == name } }
        for name in ["acc", "capped", "running"] {
            #expect(entry(name)?.groupEnd != nil, "\(name) is computed period by period")
        }
        #expect(entry("acc_total") != nil && entry("acc_total")?.groupEnd == nil, "a total of a recurrence is a block")
        #expect(entry("acc")?.row == true && entry("running")?.row == false)
        // From May on, the member's recurrence changes in May and June only, no one else's.
        let acc = e.model.slot(named: "acc")!
        let before = e.values(of: acc)
        let report = e.set([e.model.parseAssignment("bonus[e5, 2021-05]=1000").0!])
        let after = e.values(of: acc)
        let changed = (0..<before.count).filter { !before[$0].isIdentical(to: after[$0]) }
        #expect(changed == [4 * 200 + 5, 5 * 200 + 5])
        // bonus (1), cost (1), lagged (1), cost_ytd (2), row (1), pct (1), total_cost (1),
        // ytd (2), rolling (2), year (1), positive (1), acc (2), capped (1: May stays at the cap,
        // so June is not reached), acc_total (2), running (2).
        #expect(report.recomputedCells == 1 + 1 + 1 + 2 + 1 + 1 + 1 + 2 + 2 + 1 + 1 + 2 + 1 + 2 + 2)
    }

    @Test("Edits through plans match the general path and a full evaluation", arguments: [1, 2, 3, 4, 5])
    func editsMatchTheGeneralPathAndAFullEvaluation(seed: Int) throws {
        try Self.compareWithTheGeneralPath(try evaluate(Self.model + Self.recurrences), try evaluate(Self.model + Self.recurrences),
                                           seed: seed, edits: 60, fullEvery: 10, edit: Self.edit)
    }

    /// Applies `edits` random edits to `planned` and to `general` (whose plans are dropped), and
    /// expects the same cells recomputed and definitions changed, and every `fullEvery` edits
    /// every block of `planned` bit for bit as a full evaluation with the same overrides.
    static func compareWithTheGeneralPath(_ planned: Evaluation, _ general: Evaluation, seed: Int, edits: Int, fullEvery: Int,
                                          edit: (inout IncrementalPropertyTests.Generator) -> String) throws {
        general.lonePlans = general.lonePlans.map { _ in nil }
        var g = IncrementalPropertyTests.Generator(state: UInt64(seed) &* 0x9E3779B97F4A7C15)
        var applied: [InputAssignment] = []
        for step in 0..<edits {
            let text = edit(&g)
            let assignment = try #require(planned.model.parseAssignment(text).0, "\(text)")
            applied.append(assignment)
            let a = planned.set([assignment]), b = general.set([assignment])
            #expect(a.recomputedCells == b.recomputedCells, "seed \(seed), edit \(step + 1) (\(text)): cells recomputed")
            #expect(a.changedSlots == b.changedSlots, "seed \(seed), edit \(step + 1) (\(text)): definitions changed")
            if step % fullEvery == fullEvery - 1 {
                let full = Evaluation(model: planned.model, order: planned.order)
                full.overrides = applied
                full.evaluateAll()
                for slot in planned.model.definitions.indices {
                    #expect(planned.values(of: slot).isIdentical(to: full.values(of: slot)),
                            "seed \(seed), after \(step + 1) edits: \(planned.model.definitions[slot].name) differs")
                }
            }
        }
    }

    @Test func aSalaryEditRecomputesTheMembersRowAndTheTotals() throws {
        let e = try evaluate(Self.model)
        let report = e.set([e.model.parseAssignment("salary[e5]=31000").0!])
        // salary (1), cost (6), lagged (5: its first month reads none), cost_ytd (6), row (1),
        // pct (1), total_cost (6), ytd (6), rolling (6), year (1), positive (6).
        #expect(report.recomputedCells == 1 + 6 + 5 + 6 + 1 + 1 + 6 + 6 + 6 + 1 + 6)
        // pct is row / salary: 6 × 1.4 × salary / salary comes out the same.
        #expect(report.changedSlots.map { e.model.definitions[$0].name }.sorted()
                == ["cost", "cost_ytd", "lagged", "rolling", "row", "salary", "total_cost", "year", "ytd"])
        #expect(e.set([e.model.parseAssignment("salary[e5]=31000").0!]).recomputedCells == 1, "the same value: nothing further")
    }
}
