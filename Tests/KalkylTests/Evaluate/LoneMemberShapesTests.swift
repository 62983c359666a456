@testable import Kalkyl
import Testing

/// Entries of a shape (`LoneShape`: a total of every member per period, a window, a value the
/// same in every period `+ - * /` a row's cell, that value by its form, `LonePrefix`) are
/// computed and written in one loop each. Their cells must get a full evaluation's bits, and
/// where a cell gives up (an overflow, a division by zero, a truth value) that cell and the rest
/// of the entry's must go the general way: the loop
/// stops in the middle of an entry's periods, which happens here when a month's scale is huge or
/// zero, or a salary so large that a month's total overflows.
@Suite struct LoneMemberShapesTests {
    static let employees = 100   // more than a leaf of 64: totals go through their trees

    static let staff: String = {
        var lines = ["id,salary,start"]
        for i in 0..<employees { lines.append("e\(i),\(30_000 + i * 137),\(1 + i % 7)") }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let model = """
    timeline monthly 2021-01 .. 2021-08
    dimension employee from "staff.csv" key id
    input salary[employee] = column salary
    input start[employee] = column start
    input rate = 40%
    input month_index[month] = 1
    input month_index[2021-02] = 2
    input month_index[2021-03] = 3
    input month_index[2021-04] = 4
    input month_index[2021-05] = 5
    input month_index[2021-06] = 6
    input month_index[2021-07] = 7
    input month_index[2021-08] = 8
    input scale[month] = 1
    input scale[2021-03] = 1e300
    input scale[2021-05] = 0
    input scale[2021-07] = -2
    active[employee, month] = IF(month_index >= start, 1, 0)
    cost[employee, month] = salary * (1 + rate) * active
    scaled[employee, month] = salary * (1 + rate) * scale
    shifted[employee, month] = -salary - scale
    ratio[employee, month] = salary / scale
    added[employee, month] = IF(rate > 0, salary, 0) + scale
    flagged[employee, month] = (salary > 40_000) + scale
    doubled[employee, month] = salary * 2 + scale
    total_cost[month] = SUM(cost[employee])
    total_scaled[month] = SUM(scaled[employee])
    total_ratio[month] = SUM(ratio[employee])
    cost_ytd[month] = YTD(total_cost)
    scaled_ytd[month] = YTD(total_scaled)
    rolling[month] = ROLLING(total_cost, 3)
    year = SUM(total_cost)

    """

    func evaluate() throws -> Evaluation { try KalkylTests.evaluate(Self.model, files: ["staff.csv": Self.staff]) }

    @Test func theEntriesHaveTheirShapes() throws {
        let e = try evaluate()
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        var shapes: [String: LoneShape] = [:]
        for k in plan.entries.indices { shapes[e.model.definitions[plan.entries[k].slot].name] = plan.code.shapes[k] }
        #expect(shapes["cost"] == .scaledRow && shapes["scaled"] == .scaledRow && shapes["shifted"] == .scaledRow)
        #expect(shapes["ratio"] == .scaledRow && shapes["added"] == .scaledRow && shapes["flagged"] == .scaledRow)
        #expect(shapes["total_cost"] == .treeTotals && shapes["total_ratio"] == .treeTotals)
        #expect(shapes["cost_ytd"] == .window && shapes["rolling"] == .window)
        #expect(shapes["year"] == LoneShape.none && shapes["salary"] == LoneShape.none)
        // The value the same in every period, by its form (`LonePrefix`).
        var prefixes: [String: LonePrefix] = [:]
        for k in plan.entries.indices { prefixes[e.model.definitions[plan.entries[k].slot].name] = plan.code.prefixes[k] }
        #expect(prefixes["cost"] == .triple && prefixes["scaled"] == .triple && prefixes["ratio"] == .single)
        #expect(prefixes["doubled"] == .pair && prefixes["shifted"] == .general && prefixes["flagged"] == .general)
        #expect(prefixes["total_cost"] == .general && prefixes["added"] == .general)
    }

    /// Salaries that make some months' cells or totals overflow, a zero and a negative one, a
    /// text: the same cells recomputed and the same definitions changed as the general path, and
    /// every block a full evaluation's, bit for bit.
    @Test("Edits through shaped entries match the general path and a full evaluation", arguments: [1, 2, 3])
    func editsMatchTheGeneralPathAndAFullEvaluation(seed: Int) throws {
        try LoneMemberPlanTests.compareWithTheGeneralPath(try evaluate(), try evaluate(), seed: seed, edits: 60, fullEvery: 6) { g in
            let member = g.next(Self.employees)
            switch g.next(10) {
            case 0: return "salary[e\(member)]=1e308"                     // a month's total overflows
            case 1: return "salary[e\(member)]=\(g.next(2) == 0 ? "8e307" : "-9e307")"
            case 2: return "salary[e\(member)]=0"
            case 3: return "salary[e\(member)]=\"none\""                   // #VALUE! in the row and the totals
            case 4: return "start[e\(member)]=\(1 + g.next(10))"
            case 5: return "salary[e\(member)]=-\(g.next(50_000))"
            default: return "salary[e\(member)]=\(20_000 + g.next(30_000))"
            }
        }
    }

    /// The loop of an entry stops at its first cell that gives up: in `scaled`, March (× 1e300)
    /// overflows after January and February were written by the loop.
    @Test func anEntryStopsWhereACellGivesUp() throws {
        let e = try evaluate()
        let scaled = e.model.slot(named: "scaled")!
        _ = e.set([e.model.parseAssignment("salary[e4]=1e10").0!])
        let full = Evaluation(model: e.model, order: e.order)
        full.overrides = e.overrides
        full.evaluateAll()
        #expect(e.values(of: scaled).isIdentical(to: full.values(of: scaled)))
        let m = Self.employees, cells = e.values(of: scaled)
        func isNumber(_ v: Value) -> Bool { if case .number = v { true } else { false } }
        func isError(_ v: Value) -> Bool { if case .error = v { true } else { false } }
        #expect(isNumber(cells[0 * m + 4]) && isNumber(cells[1 * m + 4]) && isNumber(cells[3 * m + 4]))
        #expect(isError(cells[2 * m + 4]), "\(cells[2 * m + 4])")
    }
}
