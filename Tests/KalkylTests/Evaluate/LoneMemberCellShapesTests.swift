@testable import Kalkyl
import Testing

/// Entries of one cell of a common shape (`LoneCellShape`: a SUM of the member's row, a short
/// SUM over every member, two cells `+ - * /`, a recurrence's `PREV(x, v) + - * /` a cell, an IF
/// choosing a cell or a division) are computed without the pass over operations.
/// Their cells must get a full evaluation's bits, and where `computeOne` gives up (an overflow,
/// a division by zero, a text, a truth value) so must they, so that the cell goes the general way.
@Suite struct LoneMemberCellShapesTests {
    static let employees = 10   // 10 members × 6 months: `grand` sums 60 cells, within a leaf

    static let model = """
    timeline monthly 2021-01 .. 2021-06
    dimension employee = \((0..<employees).map { "e\($0)" }.joined(separator: ", "))
    input salary[employee] = 30_000
    input budget[employee] = 200_000
    input rate = 40%
    input scale[month] = 1
    input scale[2021-03] = 1e300
    input scale[2021-05] = 0
    cost[employee, month] = salary * (1 + rate) * scale
    row[employee] = SUM(cost)
    variance[employee] = row - budget
    ratio[employee] = row / salary
    high[employee] = salary > 40_000
    flagged[employee] = high + budget
    total_cost[month] = SUM(cost[employee])
    year = SUM(total_cost)
    grand = SUM(cost[employee])
    spread = grand - year
    per = rate / year
    pct[employee] = IF(budget = 0, 0, variance / budget)
    guarded = IF(rate > 0, year, spread / rate)
    odd[employee] = IF(high = 1, 0, row / salary)
    acc[employee, month] = PREV(acc, 0) + cost
    growth[employee, month] = PREV(growth, 1) * cost
    """


    @Test func theEntriesHaveTheirShapes() throws {
        let e = try evaluate(Self.model)
        var shapes: [String: LoneCellShape] = [:]
        for input in ["salary", "budget"] {
            let plan = try #require(e.lonePlans[e.model.slot(named: input)!])
            for k in plan.entries.indices { shapes[e.model.definitions[plan.entries[k].slot].name] = plan.code.cellShapes[k] }
        }
        #expect(shapes["row"] == .rowSum && shapes["year"] == .rowSum && shapes["grand"] == .shortSum)
        #expect(shapes["variance"] == .pair && shapes["ratio"] == .pair && shapes["flagged"] == .pair)
        #expect(shapes["spread"] == .pair && shapes["per"] == .pair)
        #expect(shapes["acc"] == .prevPair && shapes["growth"] == .prevPair)
        #expect(shapes["pct"] == .choosePair && shapes["guarded"] == .choosePair && shapes["odd"] == .choosePair)
        #expect(shapes["cost"] == LoneCellShape.none && shapes["high"] == LoneCellShape.none)
    }

    /// Salaries whose costs overflow in the month scaled by 1e300 or make a total overflow, a
    /// zero (`ratio` divides by it, `per` by a zero year), a text, negative ones; budgets: the
    /// same cells recomputed and definitions changed as the general path, and every block a full
    /// evaluation's, bit for bit.
    @Test("Edits through entries of a cell shape match the general path and a full evaluation", arguments: [1, 2, 3])
    func editsMatchTheGeneralPathAndAFullEvaluation(seed: Int) throws {
        try LoneMemberPlanTests.compareWithTheGeneralPath(try evaluate(Self.model), try evaluate(Self.model), seed: seed, edits: 60, fullEvery: 6) { g in
            let member = g.next(Self.employees)
            switch g.next(10) {
            case 0: return "salary[e\(member)]=1e308"
            case 1: return "salary[e\(member)]=\(g.next(2) == 0 ? "1e-10" : "-9e307")"
            case 2: return "salary[e\(member)]=0"
            case 3: return "salary[e\(member)]=\"none\""
            case 4: return "budget[e\(member)]=\(g.next(3) == 0 ? "0" : String(g.next(400_000)))"
            case 5: return "salary[e\(member)]=-\(g.next(50_000))"
            default: return "salary[e\(member)]=\(20_000 + g.next(30_000))"
            }
        }
    }

    /// Each shaped cell is the cell `computeOne` computes through its operations, bit for bit,
    /// kind and uniformity too, or both give up: every entry of a shape, every member, after
    /// edits that put an overflow, a zero and a text in rows.
    @Test func aShapedCellIsTheCellOfItsOperations() throws {
        let e = try evaluate(Self.model)
        for edit in ["salary[e1]=1e308", "salary[e2]=0", "salary[e3]=\"none\"", "salary[e4]=45000"] {
            _ = e.set([e.model.parseAssignment(edit).0!])
        }
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        plan.code.fill(from: e.blocks)
        var compared = 0, gaveUp = 0
        for k in plan.entries.indices where plan.code.cellShapes[k] != .none {
            for p in 0..<plan.entries[k].periodCount {
                for member in 0..<(plan.entries[k].row ? Self.employees : 1) {
                    let shaped = plan.computeShaped(k, period: p, member: member, edited: member, trees: e.sumTrees)
                    let general = plan.computeOne(k, ops: plan.code.ranges[k], period: p, member: member, edited: member, trees: e.sumTrees)
                    let name = e.model.definitions[plan.entries[k].slot].name
                    #expect(shaped?.x.bitPattern == general?.x.bitPattern && shaped?.kind == general?.kind && shaped?.uniform == general?.uniform,
                            "\(name)[\(member)] in period \(p): \(String(describing: shaped)) against \(String(describing: general))")
                    compared += 1
                    if shaped == nil { gaveUp += 1 }
                }
            }
        }
        #expect(compared >= 40 && gaveUp > 0 && gaveUp < compared, "\(compared) cells, \(gaveUp) given up")
    }
}
