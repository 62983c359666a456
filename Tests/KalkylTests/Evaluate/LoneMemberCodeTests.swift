@testable import Kalkyl
import Testing

/// A planned edit computes its cells through each entry's compiled operations (`LoneOp`) and
/// brings the SUM trees of an entry up to date together: the cells must get a full
/// evaluation's bits, numbers, truth values, errors and blanks alike, and where the compiled
/// operations give up (text, an error, a blank, a division by zero) the general rules take
/// the cell.
@Suite struct LoneMemberCodeTests {
    static let employees = 100   // more than a leaf of 64: totals go through their trees

    /// Staff with a blank bonus for every seventh and a divisor of 0 for every eleventh.
    static let staff: String = {
        var lines = ["id,salary,bonus,divisor"]
        for i in 0..<employees {
            lines.append("e\(i),\(30_000 + i * 137),\(i % 7 == 3 ? "" : String(i * 10)),\(i % 11 == 5 ? 0 : 1 + i % 4)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let model = """
    timeline monthly 2021-01 .. 2021-06
    dimension employee from "staff.csv" key id
    input salary[employee] = column salary
    input bonus[employee] = column bonus
    input divisor[employee] = column divisor
    input rate = 40%
    input start[employee] = 1
    input month_index[month] = 1
    input month_index[2021-04] = 4
    active[employee, month] = IF(AND(month_index >= start, NOT(start > 12)), 1, 0)
    cost[employee, month] = salary * (1 + rate) * active + bonus
    share[employee, month] = cost / divisor
    rich[employee] = salary > 35_000
    paid[employee, month] = IF(rich, cost, -cost) * (month >= 2021-03)
    lagged[employee, month] = cost[month-1] - bonus
    row[employee] = SUM(cost)
    total_cost[month] = SUM(cost[employee])
    total_share[month] = SUM(share[employee])
    total_paid[month] = SUM(paid[employee])
    ytd[month] = YTD(total_cost)
    rolling[month] = ROLLING(total_paid, 2)
    year = SUM(total_cost)
    acc[employee, month] = PREV(acc, 0) + cost
    running[month] = PREV(running, 0) + total_cost / 1_000

    """

    func evaluate(_ text: String = Self.model) throws -> Evaluation { try KalkylTests.evaluate(text, files: ["staff.csv": Self.staff]) }

    @Test func everyFormulaTheSalaryReachesIsCompiled() throws {
        let e = try evaluate()
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        let names = plan.entries.indices.map { e.model.definitions[plan.entries[$0].slot].name }
        let compiled = plan.entries.indices.filter { plan.code.compiled[$0] }.map { names[$0] }
        #expect(Set(names).subtracting(compiled) == ["salary"], "all but the input: \(names), compiled \(compiled)")
        #expect(plan.code.treeSums == 1, "one SUM over every member per total")
    }

    /// The compiled operations give a number where every operand is one, and give up on text,
    /// an error, a blank or a division by zero; the cells come out as a full evaluation's.
    @Test func theCompiledOperationsGiveUpWhereTheGeneralRulesDecide() throws {
        let e = try evaluate()
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        func entry(_ name: String) -> Int { plan.entries.indices.first { e.model.definitions[plan.entries[$0].slot].name == name }! }
        func computed(_ name: String, member: Int, period: Int = 2) -> Interpreter.Scalar? {
            plan.code.fill(from: e.blocks)
            return plan.compute(entry(name), period: period, member: member, edited: member, trees: e.sumTrees)
        }
        let cost = e.model.slot(named: "cost")!, share = e.model.slot(named: "share")!
        // e1: numbers throughout, the same bits as the block holds.
        let one = try #require(computed("cost", member: 1))
        #expect(one.kind == .number && one.x.bitPattern == e.blocks[cost].numbers[2 * Self.employees + 1].bitPattern)
        #expect(computed("rich", member: 40, period: 0)?.kind == .bool)
        // e3's bonus is blank, e5's divisor 0: the general rules take those cells.
        #expect(computed("cost", member: 3) == nil)
        #expect(e.values(of: cost)[2 * Self.employees + 3] == .number(e.blocks[cost].numbers[2 * Self.employees + 3]))
        #expect(computed("share", member: 5) == nil)
        #expect(e.values(of: share)[2 * Self.employees + 5] == .error(.div0))
        // A text salary: #VALUE! in the member's cells, which the compiled operations leave alone.
        _ = e.set([e.model.parseAssignment("salary[e8]=\"none\"").0!])
        #expect(computed("cost", member: 8) == nil)
        #expect(e.values(of: cost)[2 * Self.employees + 8] == .error(.value))
        #expect(e.value("year") == .error(.value))
    }

    /// A cell computed without lanes (`computeOne`) is the cell one lane of `computeLanes`
    /// gives, bit for bit, kind and uniformity too, or both give up: every compiled entry, every
    /// period, every member, after edits that put a text, a blank and a zero divisor in rows.
    @Test func aCellWithoutLanesIsTheCellOfOneLane() throws {
        let e = try evaluate()
        for edit in ["salary[e8]=\"none\"", "bonus[e10]=500", "divisor[e12]=0", "salary[e14]=35000"] {
            _ = e.set([e.model.parseAssignment(edit).0!])
        }
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        plan.code.fill(from: e.blocks)
        var compared = 0, gaveUp = 0
        for k in plan.entries.indices where plan.code.compiled[k] && plan.entries[k].groupEnd == nil {
            plan.prepareTrees(entry: k, edited: 0, trees: e.sumTrees)
            for p in 0..<plan.entries[k].periodCount {
                for member in 0..<(plan.entries[k].row ? Self.employees : 1) {
                    let one = plan.computeOne(k, period: p, member: member, edited: member, trees: e.sumTrees)
                    let lane = plan.computeOneLane(k, period: p, member: member, edited: member, trees: e.sumTrees)
                    let name = e.model.definitions[plan.entries[k].slot].name
                    #expect(one?.x.bitPattern == lane?.x.bitPattern && one?.kind == lane?.kind && one?.uniform == lane?.uniform,
                            "\(name)[\(member)] in period \(p): \(String(describing: one)) against \(String(describing: lane))")
                    compared += 1
                    if one == nil { gaveUp += 1 }
                }
            }
        }
        #expect(compared > 2_000 && gaveUp > 0 && gaveUp < compared / 2, "\(compared) cells, \(gaveUp) given up")
    }

    /// Both operands uniform, + - * / give what `Operators` gives through `numericBinary`, or
    /// both give up: zeros of both signs, subnormals, results that overflow or underflow, a
    /// division by zero.
    @Test func uniformArithmeticIsOperatorsArithmetic() {
        let values: [Double] = [0, -0.0, 1, -1, 0.1, 3, 1e-310, -1e-310, Double.leastNormalMagnitude, 1e308, -1e308, 1e-200,
                                Double.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 41_000.5]
        for op in [BinaryOperator.add, .subtract, .multiply, .divide] {
            for a in values {
                for b in values {
                    let mine = LoneMemberPlan.uniformArithmetic(op, a, b)
                    let theirs = Interpreter.numericBinary(op, Interpreter.Scalar(x: a, kind: .number, uniform: true),
                                                           Interpreter.Scalar(x: b, kind: .number, uniform: true))
                    #expect(mine?.bitPattern == theirs?.x.bitPattern && (theirs == nil || theirs?.kind == .number && theirs?.uniform == true),
                            "\(a) \(op) \(b): \(String(describing: mine)) against \(String(describing: theirs))")
                }
            }
        }
    }

    static func edit(_ g: inout IncrementalPropertyTests.Generator) -> String {
        let member = g.next(employees)
        switch g.next(9) {
        case 0, 1, 2: return "salary[e\(member)]=\(20_000 + g.next(30_000))"
        case 3: return "salary[e\(member)]=\"none\""                  // text: #VALUE! flows to the totals
        case 4: return "divisor[e\(member)]=\(g.next(3))"             // 0: #DIV/0! in share and its total
        case 5: return "bonus[e\(member)]=\(g.next(2) * 500)"        // a blank made a number
        case 6: return "start[e\(member)]=\(1 + g.next(14))"           // past 12: never active
        case 7: return "salary[e\(member)]=0"
        default: return "salary[e\(member)]=\(g.next(2) == 0 ? "35000" : "35000.5")"   // around the truth value's edge
        }
    }

    @Test("Edits through compiled steps match the general path and a full evaluation", arguments: [1, 2, 3, 4])
    func editsMatchTheGeneralPathAndAFullEvaluation(seed: Int) throws {
        try LoneMemberPlanTests.compareWithTheGeneralPath(try evaluate(), try evaluate(), seed: seed, edits: 80, fullEvery: 8, edit: Self.edit)
    }

    /// More than 64 periods: an entry's changed and still-to-compute periods take two words of
    /// bits, and a reader's reach crosses from the first word into the second (a YTD, a
    /// ROLLING of 70 months, a row's SUM over all 78 months); a recurrence over them too.
    static let longModel = """
    timeline monthly 2021-01 .. 2027-06
    dimension employee from "staff.csv" key id
    input salary[employee] = column salary
    input bonus[employee] = column bonus
    input divisor[employee] = column divisor
    input rate = 40%
    cost[employee, month] = salary * (1 + rate) + bonus
    share[employee, month] = cost / divisor
    row[employee] = SUM(cost)
    total_cost[month] = SUM(cost[employee])
    total_share[month] = SUM(share[employee])
    ytd[month] = YTD(total_cost)
    rolling[month] = ROLLING(total_share, 70)
    acc[employee, month] = PREV(acc, 0) + share
    year = SUM(total_cost)

    """

    @Test("Edits over more than 64 periods match the general path and a full evaluation", arguments: [1, 2])
    func editsOverMoreThan64PeriodsMatch(seed: Int) throws {
        let e = try evaluate(Self.longModel)
        let plan = try #require(e.lonePlans[e.model.slot(named: "salary")!])
        #expect(plan.stride == 78 && plan.words == 2)
        try LoneMemberPlanTests.compareWithTheGeneralPath(e, try evaluate(Self.longModel), seed: seed, edits: 40, fullEvery: 8) { g in
            let member = g.next(Self.employees)
            switch g.next(5) {
            case 0: return "divisor[e\(member)]=\(g.next(3))"
            case 1: return "bonus[e\(member)]=\(g.next(2) * 500)"
            case 2: return "salary[e\(member)]=\"none\""
            default: return "salary[e\(member)]=\(20_000 + g.next(30_000))"
            }
        }
    }

    /// Bits set over a range within a word, to its end, across words and over whole words.
    @Test func rangesOfBitsAreSetExactly() {
        for r in [0..<1, 3..<9, 0..<64, 60..<64, 63..<65, 5..<70, 64..<128, 1..<191, 70..<70] {
            var words = [UInt64](repeating: 0, count: 3)
            words.withUnsafeMutableBufferPointer { LoneMemberPlan.setBits($0.baseAddress!, r) }
            for bit in 0..<192 {
                #expect((words[bit / 64] >> UInt64(bit % 64)) & 1 == (r.contains(bit) ? 1 : 0), "\(r), bit \(bit)")
            }
        }
    }

    /// Trees brought up to date together get the bits of each brought up to date alone, and of
    /// a tree built afresh: 1 to 13 trees (the side-by-side groups of four and the rest), a
    /// leaf inside and the short last leaf.
    @Test(arguments: [1, 3, 4, 5, 13])
    func treesUpdatedTogetherGetTheBitsOfTreesBuiltAfresh(count: Int) {
        let n = 1_000
        var g = IncrementalPropertyTests.Generator(state: UInt64(count) &* 0x9E3779B97F4A7C15)
        let cells = (0..<count).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: n) }
        defer { cells.forEach { $0.deallocate() } }
        for x in cells { for i in 0..<n { x[i] = Double(g.next(1_000_000)) / 997 - 300 } }
        for leaf in [3, (n - 1) / PairwiseSum.leaf] {
            let together = cells.map { SumTree($0, n) }
            let alone = cells.map { SumTree($0, n) }
            for x in cells { x[leaf * PairwiseSum.leaf + g.next(min(PairwiseSum.leaf, n - leaf * PairwiseSum.leaf))] = Double(g.next(1000)) / 3 }
            let trees = together.map { Unmanaged.passUnretained($0) }
            let pointers = cells.map { UnsafePointer($0) }
            trees.withUnsafeBufferPointer { t in
                pointers.withUnsafeBufferPointer { x in SumTree.update(t.baseAddress!, x.baseAddress!, count: count, n: n, leaf: leaf) }
            }
            for t in 0..<count {
                alone[t].update(cells[t], n, leaf: leaf)
                let fresh = SumTree(cells[t], n)
                #expect(together[t].total.bitPattern == fresh.total.bitPattern, "tree \(t), leaf \(leaf)")
                #expect(alone[t].total.bitPattern == fresh.total.bitPattern, "tree \(t), leaf \(leaf)")
                for i in 0..<fresh.starts[fresh.levels] {
                    #expect(together[t].nodes[i].bitPattern == fresh.nodes[i].bitPattern, "tree \(t), node \(i)")
                }
            }
            withExtendedLifetime(together) {}
        }
    }
}
