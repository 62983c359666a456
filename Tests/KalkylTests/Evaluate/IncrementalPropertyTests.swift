@testable import Kalkyl
import Testing

/// Property: after any sequence of edits, the incremental result equals a full evaluation
/// of the same inputs, bit for bit, in every cell of every definition.
@Suite struct IncrementalPropertyTests {
    /// A model with every kind of link an update has to follow: same member, fixed member,
    /// aggregates over members and periods, PREV recurrences, YTD and ROLLING, a hierarchy,
    /// checks, and a long SUM (200 members, so it goes through a sum tree).
    static let model: String = {
        let employees = (0..<200).map { "e\($0)" }.joined(separator: ", ")
        let units = (0..<200).map { "e\($0): u\($0 % 4)" }.joined(separator: ", ")
        return """
        timeline monthly 2021-01 .. 2021-06
        dimension unit = u0, u1, u2, u3
        dimension employee in unit = \(units)
        _ = 0
        input salary[employee] = 30_000
        input rate = 40%
        input stop = 0
        input start[employee] = 1
        input hires[month] = 1
        input attrition = 2%
        input headcount_start = 50
        active[employee, month] = IF(AND(stop = 1, start >= 3), 0, IF(MONTH_INDEX >= start, 1, 0))
        input MONTH_INDEX[month] = 1
        cost[employee, month] = salary * (1 + rate) * active
        unit_cost[unit, month] = SUM(cost[employee])
        total_cost[month] = SUM(cost[employee])
        row[employee] = SUM(cost)
        share[employee, month] = IFERROR(cost / unit_cost, 0)
        ytd[month] = YTD(total_cost)
        rolling[month] = ROLLING(total_cost, 3)
        leavers[month] = ROUND(PREV(staff, headcount_start) * attrition, 0)
        staff[month] = PREV(staff, headcount_start) - leavers + hires
        per_head[month] = total_cost / staff
        first = cost[e3, 2021-02] + SUM(total_cost[2021-02 .. 2021-04])
        check positive[month]: total_cost >= 0
        """.replacingOccurrences(of: "_ = 0\n", with: "")
    }()

    /// Recurrences per employee, which an update recomputes from the edited period on: a
    /// running sum, one that stops changing at its cap, and a group whose members all read
    /// the group's own total (a SUM tree inside the recurrence).
    static let recurrences = """
    input extra[employee, month] = 0
    acc[employee, month] = PREV(acc, 0) + cost + extra
    capped[employee, month] = MIN(PREV(capped, 0) + cost + extra, 100_000)
    acc_total[month] = SUM(acc[employee])
    draw[employee, month] = ROUND(PREV(pool, 0) / 100_000 + cost / 1_000 + extra, 2)
    pool[month] = PREV(pool, 0) + SUM(draw[employee])

    """

    /// A deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static func edit(_ g: inout Generator) -> String {
        switch g.next(10) {
        case 0: return "salary[e\(g.next(200))]=\(20_000 + g.next(30_000))"
        case 1: return "rate=\(g.next(60))%"
        case 2: return "stop=\(g.next(2))"
        case 3: return "start[e\(g.next(200))]=\(1 + g.next(6))"
        case 4: return "hires[2021-0\(1 + g.next(6))]=\(g.next(4))"
        case 5: return "attrition=\(g.next(10))%"
        case 6: return "MONTH_INDEX[2021-0\(1 + g.next(6))]=\(1 + g.next(6))"
        case 7, 8: return "extra[e\(g.next(200)), 2021-0\(1 + g.next(6))]=\(g.next(3) * 5_000)"
        default: return "salary[e\(g.next(200))]=\(g.next(2) == 0 ? 0 : 55_000)"
        }
    }

    @Test("Random edits give what a full evaluation gives", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomEdits(seed: Int) throws {
        let model = (Self.model + "\n" + Self.recurrences).replacingOccurrences(of: "MONTH_INDEX", with: "month_index")
        let e = try evaluate(model)
        var g = Generator(state: UInt64(seed) &* 0x9E3779B97F4A7C15)
        var applied: [InputAssignment] = []
        for step in 0..<40 {
            let text = Self.edit(&g).replacingOccurrences(of: "MONTH_INDEX", with: "month_index")
            let (assignment, problems) = e.model.parseAssignment(text)
            #expect(problems.isEmpty, "\(text)")
            applied.append(assignment!)
            e.set([assignment!])
            if step % 8 == 7 || step == 39 {
                let full = Evaluation(model: e.model, order: e.order)
                full.overrides = applied
                full.evaluateAll()
                for slot in e.model.definitions.indices {
                    #expect(e.values(of: slot).isIdentical(to: full.values(of: slot)),
                            "seed \(seed), after \(step + 1) edits: \(e.model.definitions[slot].name) differs")
                }
            }
        }
    }

    @Test func theRecomputedCellsAreExactlyTheEditsDependents() throws {
        let model = Self.model.replacingOccurrences(of: "MONTH_INDEX", with: "month_index")
        let e = try evaluate(model)
        // salary[e5] (1) → cost[e5, 6 months] (6) → unit_cost[u1, 6] (6), total_cost (6), row[e5] (1),
        // share: e5's own 6 cells and, through unit_cost[u1], every member of u1 (50 × 6 = 300, e5's included)
        // → ytd (6), rolling (6), per_head (6), first (1: it reads total_cost), positive (6).
        let report = e.set([e.model.parseAssignment("salary[e5]=31000").0!])
        #expect(report.recomputedCells == 1 + 6 + 6 + 6 + 1 + 300 + 6 + 6 + 6 + 1 + 6)
    }
}
