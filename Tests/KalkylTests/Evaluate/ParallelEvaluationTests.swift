import Foundation
@testable import Kalkyl
import Testing

/// A full evaluation on several threads must give the same bits as on one, in every cell of
/// every block: the runs of members are independent and SUM's order does not depend on who adds.
@Suite struct ParallelEvaluationTests {
    /// The benchmark's personnel model (docs/performance.md), its staff in a CSV as an HR system
    /// writes it, at 20,000 employees: five runs of 4,096 members, and SUM trees of 20,000 leaves'
    /// cells, enough for the leaves to be added on several threads. One in fifty budgets is 0,
    /// so some runs hold errors (`variance / budget`) and texts (`note`), which go through the
    /// cell-by-cell paths on the threads as well.
    static func personnel(employees: Int = 20_000) throws -> (CheckedModel, EvaluationOrder) {
        var csv = "id;monthly_salary;start_month;annual_budget\n"
        var seed: UInt64 = 12_345
        func next(_ n: UInt64) -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (seed >> 33) % n
        }
        for e in 0..<employees {
            let salary = "\(24_000 + next(40_000)),\(next(2) * 50)"
            let budget = e % 50 == 0 ? "0" : "\(300_000 + next(800_000))"
            csv += "e\(e);\(salary);\(next(5) == 0 ? 1 + next(12) : 1);\(budget)\n"
        }
        let text = """
        model "Personnel, \(employees) employees"
        timeline monthly 2021-01 .. 2021-12
        dimension employee from "staff.csv" key id
        input salary[employee]: kr = column monthly_salary
        input start[employee] = column start_month
        input budget[employee]: kr = column annual_budget
        input payroll_overhead = 46.15%
        input hiring_stop = 1
        input stop_month = 7
        month_number[month] = MONTH(month)
        active[employee, month] = IF(AND(hiring_stop = 1, start >= stop_month), 0, IF(month_number >= start, 1, 0))
        cost[employee, month]: kr = salary * (1 + payroll_overhead) * active
        total[employee]: kr = SUM(cost)
        variance[employee]: kr = total - budget
        variance_pct[employee] = IF(budget = 0, 0, variance / budget)
        share[employee] = total / SUM(total[employee])
        note[employee] = IF(budget = 0, "no budget", variance / budget)
        salaries = SUM(salary[employee])
        headcount[month] = SUM(active[employee])
        total_cost[month]: kr = SUM(cost[employee])
        year_headcount = SUM(headcount)
        year_cost: kr = SUM(total_cost)
        cost_ytd[month]: kr = YTD(total_cost)

        """
        let sources = MemorySources(["/bench/personnel.kalkyl": text, "/bench/staff.csv": csv], fallback: nil)
        let loaded = try ModelLoader.load(path: "/bench/personnel.kalkyl", sources: sources)
        #expect(loaded.diagnostics.allSatisfy { $0.severity != .error }, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        return (try #require(loaded.model), try #require(loaded.order))
    }

    /// Every block of `b` against `a`'s, bit for bit; the names of those that differ.
    static func differing(_ a: Evaluation, _ b: Evaluation) -> [String] {
        a.model.definitions.indices.filter { !a.values(of: $0).isIdentical(to: b.values(of: $0)) }
            .map { a.model.definitions[$0].name }
    }

    static func evaluated(_ model: CheckedModel, _ order: EvaluationOrder, scenario: Scenario? = nil,
                          threads: Int, runLength: Int = 4096) -> Evaluation {
        let e = Evaluation(model: model, order: order, scenario: scenario)
        e.threads = threads
        e.runLength = runLength
        e.evaluateAll()
        return e
    }

    @Test(arguments: [2, 3, 8])
    func personnelModelIsTheSameOnEveryThreadCount(threads: Int) throws {
        let (model, order) = try Self.personnel()
        let one = Self.evaluated(model, order, threads: 1)
        let log = WorkLog()
        let many = Evaluation(model: model, order: order)
        many.threads = threads
        many.workLog = log
        many.evaluateAll()
        #expect(Self.differing(one, many) == [])
        // It did go parallel: the runs of the seven definitions per employee, and the leaves of
        // `salaries`' tree (an input's block, whose leaves no run added as it was written).
        #expect(log.current.regions >= 8)
        // On as many threads as asked, or as there were pieces (four runs after the first, five
        // pieces of leaves).
        #expect(log.current.piecesByThread.count == min(threads, 5))
        // Evaluated again into the same blocks, and after an update, still the same.
        many.evaluateAll()
        #expect(Self.differing(one, many) == [])
        let edit = try #require(model.parseAssignment("payroll_overhead=47%").0)
        one.set([edit])
        many.set([edit])
        #expect(Self.differing(one, many) == [])
        // A text among the salaries, evaluated in full: the runs holding it go cell by cell.
        let text = try #require(model.parseAssignment("salary[e7777]=\"okänd\"").0)
        one.set([text])
        many.set([text])
        one.evaluateAll()
        many.evaluateAll()
        #expect(Self.differing(one, many) == [])
        #expect(!many.values(of: try #require(model.slot(named: "cost"))).isAllNumbers)
    }

    /// Short runs, so that every definition of more than two members goes parallel, on
    /// `threads` threads, against one thread with the usual runs.
    @Test(arguments: [2, 5])
    func personnelModelInShortRuns(threads: Int) throws {
        let (model, order) = try Self.personnel(employees: 3_000)
        let one = Self.evaluated(model, order, threads: 1)
        #expect(Self.differing(one, Self.evaluated(model, order, threads: threads, runLength: 7)) == [])
    }

    @Test("Each example model, in every scenario", arguments: ExampleModelTests.models)
    func exampleModel(name: String) throws {
        let path = ExampleModelTests.root.appendingPathComponent("formulas").appendingPathComponent(name).path
        let loaded = try ModelLoader.load(path: path)
        let model = try #require(loaded.model)
        let order = try #require(loaded.order)
        for scenario in [nil] + model.scenarios {
            let one = Self.evaluated(model, order, scenario: scenario, threads: 1)
            for (threads, runLength) in [(2, 2), (4, 3), (3, 64)] {
                let many = Self.evaluated(model, order, scenario: scenario, threads: threads, runLength: runLength)
                #expect(Self.differing(one, many) == [], "\(name), \(scenario?.name ?? "base"), \(threads) threads, runs of \(runLength)")
            }
        }
    }

    /// A full evaluation adds the SUM leaves of `active` and `cost` as their runs are written
    /// (`FusedLeaves`); runs of 100 members start off a leaf's first cell, so there the trees read
    /// the blocks. Both give the same bits, and the trees kept take the same updates.
    @Test(arguments: [1, 2])
    func leavesAddedAsABlockIsWrittenMakeTheSameTrees(threads: Int) throws {
        let (model, order) = try Self.personnel(employees: 5_000)
        let active = try #require(model.slot(named: "active")), cost = try #require(model.slot(named: "cost"))
        let fused = Evaluation(model: model, order: order)
        fused.threads = threads
        #expect(fused.summedWhole[active] && fused.summedWhole[cost])
        #expect(!fused.summedWhole[try #require(model.slot(named: "variance"))])
        fused.evaluateAll()
        #expect(fused.fusedLeaves == nil)   // kept for one evaluation only
        let read = Self.evaluated(model, order, threads: 1, runLength: 100)
        #expect(Self.differing(fused, read) == [])
        for text in ["salary[e17]=41000", "salary[e4999]=0", "start[e300]=7", "payroll_overhead=44%", "salary[e4096]=\"x\""] {
            let edit = try #require(model.parseAssignment(text).0)
            fused.set([edit])
            read.set([edit])
            #expect(Self.differing(fused, read) == [], "after \(text)")
        }
    }

    @Test func aDefinitionReadingItsOwnBlockStaysOnOneThread() throws {
        let employees = (0..<50).map { "e\($0)" }.joined(separator: ", ")
        let text = """
        timeline monthly 2021-01 .. 2021-03
        dimension employee = \(employees)
        input pay[employee] = 100
        acc[employee, month] = PREV(acc, 0) + pay
        """
        let loaded = ModelLoader.load(source: SourceFile(path: "t.kalkyl", text: text))
        let model = try #require(loaded.model)
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.threads = 4
        e.runLength = 4
        let acc = try #require(model.slot(named: "acc"))
        #expect(!e.runsInParallel(acc))
        #expect(e.runsInParallel(try #require(model.slot(named: "pay"))) == false)   // an input
    }
}
