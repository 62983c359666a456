@testable import Kalkyl
import Testing

/// Editing the model file: only what the edit reached is computed again (`kalkyl watch`).
@Suite struct ModelEditTests {
    let original = """
    timeline monthly 2021-01 .. 2021-04
    input start = 100
    input hires[month] = 1
    input salary = 40_000
    staff[month] = PREV(staff, start) + hires
    cost[month] = staff * salary
    total = SUM(cost)
    other[month] = hires * 2
    """

    func reconcile(_ edited: String) throws -> (Evaluation, EditReport, Evaluation) {
        let old = try evaluate(original)
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
        let (next, report) = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order))
        let full = try evaluate(edited)
        for slot in next.model.definitions.indices {
            #expect(next.values(of: slot).isIdentical(to: full.values(of: slot)), "\(next.model.definitions[slot].name)")
        }
        return (next, report, old)
    }

    @Test func anEditedInputRecomputesItsDependents() throws {
        let (_, report, old) = try reconcile(original.replacingOccurrences(of: "input salary = 40_000", with: "input salary = 41_000"))
        #expect(report.changes.map(\.cell) == ["total", "cost[2021-04]", "cost[2021-03]", "cost[2021-02]", "cost[2021-01]", "salary"])
        #expect(report.changes.first?.old == .number(16_400_000) && report.changes.first?.new == .number(16_810_000))
        // salary 1 + cost 4 + total 1; the inputs whose lines did not change are carried over.
        #expect(report.recomputedCells == 1 + 4 + 1)
        #expect(old.value("salary") == .number(40_000), "the old evaluation is left as it was")
    }

    /// Issue 10: watch keeps only the changes it prints (a bounded selection) and the count:
    /// the largest first, in the order the whole sorted list has them, for any limit, also
    /// when the model is computed again whole (a new timeline).
    @Test func keepingTheLargestChangesGivesTheFirstOfTheWholeList() throws {
        let old = try evaluate(original)
        for edited in [original.replacingOccurrences(of: "input salary = 40_000", with: "input salary = 41_000")
                           .replacingOccurrences(of: "input hires[month] = 1", with: "input hires[month] = 2"),
                       original.replacingOccurrences(of: "2021-04", with: "2021-05"),
                       original.replacingOccurrences(of: "2021-04", with: "2026-12")] {   // more than 2 × limit + 64
            let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
            let (model, order) = (try #require(loaded.model), try #require(loaded.order))
            let whole = old.reconciled(with: model, order: order).1
            #expect(whole.changedCells == whole.changes.count && whole.changes.count >= 5)
            for limit in [0, 1, 2, 3, 7, 20, whole.changes.count, whole.changes.count + 5] {
                let kept = old.reconciled(with: model, order: order, keeping: limit).1
                #expect(kept.changedCells == whole.changes.count)
                #expect(kept.changes.map(\.cell) == whole.changes.prefix(limit).map(\.cell), "limit \(limit)")
                #expect(kept.changes.map(\.old) == whole.changes.prefix(limit).map(\.old))
                #expect(kept.text(time: "t", elapsed: "1", limit: limit, model: model, before: old.model)
                        == whole.text(time: "t", elapsed: "1", limit: limit, model: model, before: old.model))
            }
        }
    }

    /// Issue 10's watch defect: an input written over two lines whose second line is edited.
    /// Comparing first source lines kept 30 where a fresh load computes 60.
    @Test func anInputEditedOnItsSecondLineIsRecomputed() throws {
        let before = "timeline monthly 2021-01 .. 2021-02\ninput total = SUM(10,\n  20)\ndouble = total * 2\n"
        let old = try evaluate(before)
        let edited = before.replacingOccurrences(of: "  20)", with: "  50)")
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
        let (next, report) = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order))
        #expect(next.value("total") == .number(60), "a fresh load gives 60")
        #expect(next.value("double") == .number(120))
        #expect(report.changes.map(\.cell) == ["double", "total"])
    }

    /// The same for an assignment and a scenario's override spanning two lines.
    @Test func assignmentsEditedOnTheirSecondLineAreRecomputed() throws {
        let before = """
        timeline monthly 2021-01 .. 2021-03
        input hires[month] = 1
        input hires[2021-02] = MAX(1,
          2)
        staff[month] = PREV(staff, 10) + hires
        scenario more {
          hires[2021-03] = MAX(1,
            3)
        }
        """
        let edited = before.replacingOccurrences(of: "  2)", with: "  4)").replacingOccurrences(of: "    3)", with: "    5)")
        for scenario in [nil, "more"] {
            let old = try evaluate(before, scenario: scenario)
            let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
            let (next, _) = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order))
            let full = try evaluate(edited, scenario: scenario)
            for slot in next.model.definitions.indices {
                #expect(next.values(of: slot).isIdentical(to: full.values(of: slot)), "\(scenario ?? "base"): \(next.model.definitions[slot].name)")
            }
        }
    }

    @Test func anEditedFormulaRecomputesItselfAndItsReaders() throws {
        let (_, report, _) = try reconcile(original.replacingOccurrences(of: "other[month] = hires * 2", with: "other[month] = hires * 3"))
        #expect(Set(report.changes.map(\.name)) == ["other"])
        #expect(report.changes.count == 4)
    }

    @Test func aNewDefinitionIsReportedWithAllItsCells() throws {
        let (_, report, _) = try reconcile(original + "\nextra = total / 4\n")
        #expect(report.changes.map(\.cell) == ["extra"])
        #expect(report.changes.first?.old == nil)
    }

    @Test func aNewTimelineRecomputesEverything() throws {
        let (_, report, _) = try reconcile(original.replacingOccurrences(of: "2021-04", with: "2021-05"))
        #expect(report.recomputedEverything)
    }

    /// Issue 10 (a differential review of watch): a definition added back lists every cell as
    /// new, also those that are 0 (only the cells that differed from a zeroed block were), and
    /// a removed definition is reported with its cells.
    @Test func aReAddedDefinitionListsEveryCellAndARemovedOneIsReported() throws {
        let edited = original.replacingOccurrences(of: "other[month] = hires * 2", with: "input extra[month] = 1\ninput extra[2021-02] = 0")
        let (next, report, old) = try reconcile(edited)
        // Listed by their value (the 0 last), as any new cells.
        #expect(report.changes.map(\.cell) == ["extra[2021-01]", "extra[2021-03]", "extra[2021-04]", "extra[2021-02]"])
        #expect(report.changes.map(\.old) == [nil, nil, nil, nil])
        #expect(report.changes.map(\.new) == [.number(1), .number(1), .number(1), .number(0)])
        #expect(report.removed == [RemovedDefinition(name: "other", cells: 4)])
        #expect(report.text(time: "t", elapsed: "1", limit: 20, model: next.model, before: old.model).hasSuffix("""
             ms; 1 definition removed
              extra[2021-01]  (new) → 1
              extra[2021-03]  (new) → 1
              extra[2021-04]  (new) → 1
              extra[2021-02]  (new) → 0
              other           removed (4 cells)
            """), "\(report.text(time: "t", elapsed: "1", limit: 20, model: next.model, before: old.model))")
    }

    /// Issue 10: changes of the same size are listed in the model's order (definition, then
    /// member, then period), the same in every run; they followed a dictionary's order.
    @Test func equalChangesAreInTheModelsOrder() throws {
        let names = (1...8).map { "d\($0)" }
        let before = "timeline monthly 2021-01 .. 2021-02\ndimension unit = A, B\ninput x[unit, month] = 1\n"
            + names.map { "\($0)[unit, month] = x * 1\n" }.joined()
        let old = try evaluate(before)
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: before.replacingOccurrences(of: "= 1\n", with: "= 2\n")))
        let (_, report) = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order))
        let cells = ["x"] + names
        #expect(report.changes.map(\.cell) == cells.flatMap { d in ["A", "B"].flatMap { u in ["2021-01", "2021-02"].map { "\(d)[\(u), \($0)]" } } })
    }

    /// Issue 10: when the model is computed again whole, each cell is compared with the same
    /// cell before (same members, same period); only the new month and the total are changes,
    /// not every cell as new.
    @Test func aLongerTimelineListsOnlyTheCellsThatChanged() throws {
        let (_, report, _) = try reconcile(original.replacingOccurrences(of: "2021-04", with: "2021-05"))
        #expect(report.recomputedEverything)
        // New cells rank by their value, among the cells that changed: cost's new month and the
        // total that moved by as much, in the model's order, then the smaller new cells.
        #expect(report.changes.map(\.cell) == ["cost[2021-05]", "total", "staff[2021-05]", "other[2021-05]", "hires[2021-05]"])
        #expect(report.changes[1].old == .number(16_400_000))
        #expect(report.removed.isEmpty)
    }

    /// Issue 10: a shorter timeline's cells that are gone are listed as removed, ranked as a
    /// change to 0 (cost's last month as large as the total's change, before it in the model),
    /// each named as it was and valued as it was.
    @Test func aShorterTimelineListsTheRemovedCells() throws {
        let (next, report, old) = try reconcile(original.replacingOccurrences(of: "2021-04", with: "2021-03"))
        #expect(report.recomputedEverything)
        #expect(report.changes.map(\.cell) == ["cost[2021-04]", "total", "staff[2021-04]", "other[2021-04]", "hires[2021-04]"])
        #expect(report.changes.map(\.new) == [nil, .number(12_240_000), nil, nil, nil])
        #expect(report.changes.map(\.old) == [.number(4_160_000), .number(16_400_000), .number(104), .number(2), .number(1)])
        #expect(report.changes.map(\.reference).filter { $0 == nil }.count == 4)
        #expect(report.changedCells == 5)
        #expect(report.text(time: "t", elapsed: "1", limit: 2, model: next.model, before: old.model).hasSuffix("""
             ms
              cost[2021-04]  4 160 000 → (removed)
              total          16 400 000 → 12 240 000  (-4 160 000)
              … and 3 more
            """), "\(report.text(time: "t", elapsed: "1", limit: 2, model: next.model, before: old.model))")
    }

    /// Issue 10: a definition saved over other dimensions lists its old cells as removed,
    /// after its new ones when as large; a member taken out of a dimension, its cells.
    @Test func cellsOfAnotherShapeOrAGoneMemberAreRemoved() throws {
        let before = "timeline monthly 2021-01 .. 2021-01\ndimension dept = A, B, C\ndimension region = N, S\ninput x[dept] = 5\ninput y[dept, region] = 1\n"
        let old = try evaluate(before)
        let edited = before.replacingOccurrences(of: "x[dept] = 5", with: "x[region] = 5")
        var loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
        var report = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order)).1
        #expect(!report.recomputedEverything)
        #expect(report.changes.map(\.cell) == ["x[N]", "x[S]", "x[A]", "x[B]", "x[C]"])
        #expect(report.changes.map(\.new) == [.number(5), .number(5), nil, nil, nil])
        loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: before.replacingOccurrences(of: "A, B, C", with: "C, A")))
        report = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order)).1
        #expect(report.recomputedEverything)
        #expect(report.changes.map(\.cell) == ["x[B]", "y[B, N]", "y[B, S]"])
        #expect(report.changes.map(\.old) == [.number(5), .number(1), .number(1)])
    }

    /// The same over two dimensions whose members moved: a cell is found by its members'
    /// names, so only the new member's cells and the edited one are listed.
    @Test func movedMembersAreFoundByName() throws {
        let before = "timeline monthly 2021-01 .. 2021-02\ndimension unit = A, B\ndimension kind = x, y\ninput v[unit, kind, month] = 1\ninput v[B, y, 2021-02] = 5\n"
        let old = try evaluate(before)
        let edited = before.replacingOccurrences(of: "A, B", with: "C, B, A").replacingOccurrences(of: "= 5", with: "= 6")
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
        let (_, report) = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order))
        #expect(report.recomputedEverything)
        #expect(report.changes.map(\.cell) == ["v[C, x, 2021-01]", "v[C, x, 2021-02]", "v[C, y, 2021-01]", "v[C, y, 2021-02]", "v[B, y, 2021-02]"])
        #expect(report.changes.map(\.old) == [nil, nil, nil, nil, .number(5)])
    }

    /// Issue 10 (the review of watch): a dimension renamed (`dept` saved as `unit`) with the
    /// same members keeps its cells, as a cell's name has only its members: only the edited
    /// cell and the total it moved are listed, not every cell as new and as removed.
    @Test func aRenamedDimensionKeepsItsCells() throws {
        let before = "timeline monthly 2021-01 .. 2021-02\ndimension dept = A, B, C\ninput x[dept, month] = 5\ntotal[month] = SUM(x[dept])\n"
        let old = try evaluate(before)
        let renamed = before.replacingOccurrences(of: "dept", with: "unit")
        var loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: renamed))
        var report = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order)).1
        #expect(report.recomputedEverything)
        #expect(report.changes.isEmpty && report.changedCells == 0, "\(report.changes.map(\.cell))")
        loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: renamed + "input x[B, 2021-02] = 7\n"))
        report = old.reconciled(with: try #require(loaded.model), order: try #require(loaded.order)).1
        #expect(report.changes.map(\.cell) == ["x[B, 2021-02]", "total[2021-02]"])
        #expect(report.changes.map(\.old) == [.number(5), .number(15)])
        #expect(report.changes.map(\.new) == [.number(7), .number(17)])
    }

    /// Issue 10: a text with a line break is shown escaped, as JSON writes it, so that a change
    /// stays on its line.
    @Test func aTextWithALineBreakStaysOnItsLine() throws {
        let model = try evaluate("input t = \"x\"\n").model
        let report = EditReport(recomputedCells: 1, changes: [CellChange(name: "t", label: nil, cell: "t", old: .text("rad ett\nrad \"två\""), new: .text("a\\b\tc"))],
                                changedCells: 1, recomputedEverything: false)
        #expect(report.text(time: "t", elapsed: "1", limit: 5, model: model, before: model) == "[t] 1 cell changed, 1 recomputed in 1 ms\n  t  \"rad ett\\nrad \\\"två\\\"\" → \"a\\\\b\\tc\"")
    }
}
