@testable import Kalkyl
import Testing

/// A block of truth values stored one byte a cell (`CellStorage.narrow()`) must read as the
/// doubles it stands for on every path: runs in one pass and operation by operation, on one
/// thread and two, SUM's trees, a member's row, windows, PREV and recurrences, single cells,
/// edits of one member through its plan and the general update, scenarios, and what leaves
/// the evaluation. Each is compared with the same model computed with every block wide.
@Suite struct NarrowBlockTests {
    static let model: String = {
        let employees = (0..<200).map { "e\($0): u\($0 % 4)" }.joined(separator: ", ")
        var text = """
        timeline monthly 2021-01 .. 2021-06
        dimension unit = u0, u1, u2, u3
        dimension employee in unit = \(employees)
        input salary[employee] = 30_000
        input start[employee] = 1
        input stop = 0
        input month_index[month] = 1

        """
        for m in 2...6 { text += "input month_index[2021-0\(m)] = \(m)\n" }
        for e in stride(from: 0, to: 200, by: 7) { text += "input start[e\(e)] = \(1 + e % 6)\n" }
        return text + """
        active[employee, month] = IF(AND(stop = 1, start >= 3), 0, IF(month_index >= start, 1, 0))
        late[employee, month] = month_index > start
        cost[employee, month] = salary * active
        flagged[employee, month] = IF(late, salary, 0) + active
        rounded[employee, month] = ROUND(active * 3 + 0.25, 0)
        either[employee, month] = OR(late, active = 0)
        headcount[month] = SUM(active[employee])
        unit_heads[unit, month] = SUM(active[employee])
        late_heads[month] = SUM(late[employee]) + COUNT(late[employee])
        months_active[employee] = SUM(active)
        widest[employee] = MAX(active) + MIN(active) + AVERAGE(active)
        ytd_active[employee, month] = YTD(active)
        was_active[employee, month] = PREV(active, 0)
        ever[employee, month] = MAX(PREV(ever, 0), active)
        first = active[e3, 2021-02] + SUM(active[e5, 2021-01 .. 2021-04]) + headcount[2021-03]
        total_cost[month] = SUM(cost[employee])
        check staffed[month]: headcount >= 0

        """
    }()

    static func evaluation(narrowing: Bool, fusion: Bool = true, runLength: Int = 4096, threads: Int = 1) throws -> Evaluation {
        let loaded = ModelLoader.load(source: SourceFile(path: "narrow.kalkyl", text: model))
        guard let model = loaded.model, let order = loaded.order else {
            throw ModelError(message: DiagnosticRenderer.render(loaded.diagnostics))
        }
        let e = Evaluation(model: model, order: order)
        e.narrowing = narrowing
        e.fusion = fusion
        e.runLength = runLength
        e.threads = threads
        e.evaluateAll()
        return e
    }

    static func differing(_ a: Evaluation, _ b: Evaluation) -> [String] {
        a.model.definitions.indices.filter { !a.values(of: $0).isIdentical(to: b.values(of: $0)) }.map { a.model.definitions[$0].name }
    }

    @Test("Narrow blocks give the bits wide ones give", arguments: [(4096, 1, true), (3, 1, true), (64, 2, true), (64, 2, false), (3, 1, false)])
    func fullEvaluation(runLength: Int, threads: Int, fusion: Bool) throws {
        let wide = try Self.evaluation(narrowing: false, fusion: fusion, runLength: runLength, threads: threads)
        let narrow = try Self.evaluation(narrowing: true, fusion: fusion, runLength: runLength, threads: threads)
        let slot = { (name: String) in narrow.model.slot(named: name)! }
        // The truth-valued blocks are narrow (else this test compares nothing), the others not.
        for name in ["active", "late", "either"] {
            #expect(narrow.blocks[slot(name)].isNarrow, "\(name) is narrow")
            #expect(!wide.blocks[slot(name)].isNarrow)
        }
        #expect(!narrow.blocks[slot("cost")].isNarrow)
        #expect(Self.differing(wide, narrow).isEmpty, "runs of \(runLength), \(threads) threads, fusion \(fusion): \(Self.differing(wide, narrow))")
        for name in ["active", "late", "headcount", "widest"] {
            #expect(narrow.summary(of: slot(name)) == wide.summary(of: slot(name)), "\(name)'s summary")
        }
    }

    /// Random edits of one member (through its plan), of several (the general update) and of
    /// values every member reads (blocks computed whole, narrowed again), in the same order
    /// on a narrowing evaluation and a wide one; every few, a full evaluation as well.
    @Test(arguments: [1, 2, 3, 4])
    func editsAgree(seed: Int) throws {
        let narrow = try Self.evaluation(narrowing: true)
        let wide = try Self.evaluation(narrowing: false)
        var g = IncrementalPropertyTests.Generator(state: UInt64(seed) &* 0x9E3779B97F4A7C15)
        var applied: [InputAssignment] = []
        for step in 0..<30 {
            let text: String
            switch g.next(6) {
            case 0: text = "salary[e\(g.next(200))]=\(20_000 + g.next(30_000))"
            case 1: text = "start[e\(g.next(200))]=\(1 + g.next(7))"
            case 2: text = "stop=\(g.next(2))"
            case 3: text = "month_index[2021-0\(1 + g.next(6))]=\(1 + g.next(6))"
            case 4: text = "start=\(1 + g.next(6))"
            default: text = "salary=\(g.next(3) * 10_000)"
            }
            let (assignment, problems) = narrow.model.parseAssignment(text)
            #expect(problems.isEmpty, "\(text)")
            applied.append(assignment!)
            narrow.set([assignment!])
            wide.set([assignment!])
            #expect(Self.differing(narrow, wide).isEmpty, "seed \(seed), after \(text) (edit \(step + 1)): \(Self.differing(narrow, wide))")
            if step % 6 == 5 {
                let full = Evaluation(model: narrow.model, order: narrow.order)
                full.overrides = applied
                full.evaluateAll()
                #expect(Self.differing(narrow, full).isEmpty, "seed \(seed), after \(step + 1) edits: \(Self.differing(narrow, full))")
            }
        }
    }

    /// A salary edit through its plan reads `active`, which `cost` loads cell by cell, as its
    /// bytes: the block stays narrow (the first edit after a full evaluation used to widen it for
    /// good), and every cell is a wide evaluation's.
    @Test func aPlannedEditLeavesTheBlocksItOnlyLoadsNarrow() throws {
        let narrow = try Self.evaluation(narrowing: true)
        let wide = try Self.evaluation(narrowing: false)
        let salary = narrow.model.slot(named: "salary")!, active = narrow.model.slot(named: "active")!
        let plan = try #require(narrow.lonePlans[salary])
        #expect(narrow.blocks[active].isNarrow)
        for (k, e) in [3, 7, 150, 7].enumerated() {   // e7 starts in March: zeros of active too
            let a = narrow.model.parseAssignment("salary[e\(e)]=\(31_000 + 500 * k)").0!
            narrow.set([a])
            wide.set([a])
            #expect(narrow.blocks[active].isNarrow, "after salary[e\(e)]")
            #expect(Self.differing(narrow, wide).isEmpty, "after salary[e\(e)]: \(Self.differing(narrow, wide))")
        }
        let row = try #require(plan.code.slots.firstIndex(of: active))
        #expect(plan.code.blocks.bytes[row] != nil && plan.code.blocks.numbers[row] == nil, "read as bytes")
    }

    @Test func scenariosForkedFromNarrowBlocks() throws {
        let narrow = try Self.evaluation(narrowing: true)
        let wide = try Self.evaluation(narrowing: false)
        let scenario = Scenario(name: "late", assignments: [narrow.model.parseAssignment("start[e4]=5").0!, narrow.model.parseAssignment("stop=1").0!])
        let (a, _) = narrow.fork(scenario: scenario)
        let (b, _) = wide.fork(scenario: scenario)
        #expect(Self.differing(a, b).isEmpty, "\(Self.differing(a, b))")
        #expect(Self.differing(narrow, wide).isEmpty, "the base is unchanged")
    }

    /// The kernels over narrow operands, a block of numbers 0 and 1 and one of truth values,
    /// against Excel's cell-by-cell rules (as `KernelAgreementTests` over wide ones).
    @Test("Kernels over narrow operands agree with the cell-by-cell rules", arguments: KernelAgreementTests.formulas)
    func kernelsOverNarrowOperands(formula: String) throws {
        let pairs = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (1, 2), (3, 3)]
        let n = pairs.count * 3
        var text = "dimension k = \((0..<n).map { "m\($0)" }.joined(separator: ", "))\ninput p[k] = 0\ninput q[k] = 0\n"
        for i in 0..<n { text += "input p[m\(i)] = \(pairs[i % pairs.count].0)\ninput q[m\(i)] = \(pairs[i % pairs.count].1)\n" }
        text += "a[k] = IF(p > q, 1, 0)\nb[k] = p <= q\nr[k] = \(formula)\n"
        let loaded = ModelLoader.load(source: SourceFile(path: "kernels.kalkyl", text: text))
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let (tree, _) = Parser.parseFormula(formula)
        for runLength in [5, 4096] {
            let e = Evaluation(model: model, order: order)
            e.runLength = runLength
            e.evaluateAll()
            #expect(e.blocks[model.slot(named: "a")!].isNarrow && e.blocks[model.slot(named: "b")!].isNarrow)
            let result = e.values(of: model.slot(named: "r")!)
            for i in 0..<n {
                let (x, y) = pairs[i % pairs.count]
                let expected = FormulaEvaluator.evaluate(tree!, references: ["a": .number(x > y ? 1 : 0), "b": .bool(x <= y)])
                #expect(result[i].isIdentical(to: expected), "\(formula) with a = \(x > y ? 1 : 0), b = \(x <= y), runs of \(runLength): \(result[i]) vs \(expected)")
            }
        }
    }

    @Test func onlyZeroAndOneBitForBitAreNarrowed() {
        for (values, narrows) in [([0.0, 1, 1, 0], true), ([0.0, 1, -0.0], false), ([1.0, 2], false), ([0.5], false), ([Double.nan], false)] {
            let s = CellStorage(count: values.count)
            for (i, x) in values.enumerated() { s[i] = .number(x) }
            #expect(s.narrow() == narrows, "\(values)")
            for (i, x) in values.enumerated() { #expect(s[i].isIdentical(to: .number(x)), "\(values)[\(i)]") }
        }
        let bools = CellStorage(count: 3)
        for (i, b) in [true, false, true].enumerated() { bools[i] = .bool(b) }
        bools.compact()   // truth values only: no kinds, as a block computed whole ends
        #expect(bools.narrow())
        #expect(bools[0] == .bool(true) && bools[1] == .bool(false) && bools.uniformKind == .bool)
        let texts = CellStorage(count: 2)
        texts[0] = .number(1)
        texts[1] = .text("1")
        #expect(!texts.narrow())
    }

    @Test func writesKeepANarrowBlockNarrowOnlyFor0And1OfItsKind() {
        func narrowed() -> CellStorage {
            let s = CellStorage(count: 5)
            for i in 0..<5 { s[i] = .number(Double(i % 2)) }
            #expect(s.narrow())
            return s
        }
        let a = narrowed()
        a[0] = .number(1)
        a[1] = .number(0)
        #expect(a.isNarrow && a[0] == .number(1) && a[1] == .number(0))
        for v: Value in [.number(2), .number(-0.0), .bool(true), .text("x"), .error(.div0), .blank] {
            let s = narrowed()
            s[2] = v
            #expect(!s.isNarrow, "\(v) widens")
            #expect(s[2].isIdentical(to: v), "\(v)")
            for i in [0, 1, 3, 4] { #expect(s[i].isIdentical(to: .number(Double(i % 2)))) }
        }
        // Read as doubles, a narrow block is widened for good, with the same bits.
        let w = narrowed()
        let x = w.numbers
        #expect(!w.isNarrow && (0..<5).allSatisfy { x[$0].bitPattern == Double($0 % 2).bitPattern })
    }

    @Test func copiesAndColumnsOfNarrowBlocks() {
        let s = CellStorage(count: 6)
        for i in 0..<6 { s[i] = .bool(i % 3 == 0) }
        s.compact()
        let wide = Column(copying: s), summary = BlockSummary(of: s)
        #expect(s.narrow())
        #expect(Column(copying: s).isIdentical(to: wide))
        #expect(BlockSummary(of: s) == summary)
        let whole = CellStorage(count: 6)
        whole[1] = .text("gone")
        whole.copy(6, from: s, at: 0, to: 0)
        #expect(whole.isNarrow && whole.kinds == nil && whole.texts.isEmpty && Column(copying: whole).isIdentical(to: wide))
        let part = CellStorage(count: 4)
        part.copy(3, from: s, at: 2, to: 1)
        #expect(!part.isNarrow)
        #expect(part[0] == .number(0) && part[1] == .bool(false) && part[2] == .bool(true) && part[3] == .bool(false))
    }

    /// A block narrowed once (every share 0) that reads a SUM tree, evaluated again after a
    /// what-if makes its first run's first period 1/12: the narrow attempt fails in run 0, whose
    /// trees for the later periods were never built, so no other run may start (on two threads
    /// they would build those trees side by side): the attempt enters no parallel region, and
    /// the block comes out wide, with the wide bits.
    @Test(arguments: [1, 2])
    func aNarrowAttemptFailingInItsFirstRunStopsThere(threads: Int) throws {
        let employees = (0..<12).map { "e\($0)" }.joined(separator: ", ")
        let text = """
        timeline monthly 2021-01 .. 2021-06
        dimension employee = \(employees)
        input salary[employee, month] = 0
        share[employee, month] = IF(SUM(salary[employee]) = 0, 0, salary / SUM(salary[employee]))

        """
        let loaded = ModelLoader.load(source: SourceFile(path: "share.kalkyl", text: text))
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let (assignment, problems) = model.parseAssignment("salary=50")
        #expect(problems.isEmpty)
        func evaluatedTwice(narrowing: Bool) throws -> (Evaluation, regions: Int) {
            let e = Evaluation(model: model, order: order)
            e.narrowing = narrowing
            e.runLength = 3
            e.threads = threads
            e.workLog = WorkLog()
            e.evaluateAll()
            if narrowing { #expect(e.blocks[model.slot(named: "share")!].isNarrow, "every share is 0 at first") }
            e.workLog?.reset()
            e.overrides = [try #require(assignment)]
            e.evaluateAll()
            return (e, e.workLog!.current.regions)
        }
        let (narrow, narrowRegions) = try evaluatedTwice(narrowing: true), (wide, wideRegions) = try evaluatedTwice(narrowing: false)
        let share = try #require(model.slot(named: "share"))
        #expect(!narrow.blocks[share].isNarrow)
        #expect(narrowRegions == wideRegions, "the failed narrow attempt ran no runs in parallel")
        #expect(Self.differing(narrow, wide).isEmpty, "\(Self.differing(narrow, wide))")
        #expect(narrow.values(of: share)[0].isIdentical(to: .number(50.0 / 600.0)))
    }
}
