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
            #expect(whole.changedCells == whole.changes.count && whole.changes.count > 10)
            for limit in [0, 1, 2, 3, 7, 20, whole.changes.count, whole.changes.count + 5] {
                let kept = old.reconciled(with: model, order: order, keeping: limit).1
                #expect(kept.changedCells == whole.changes.count)
                #expect(kept.changes.map(\.cell) == whole.changes.prefix(limit).map(\.cell), "limit \(limit)")
                #expect(kept.changes.map(\.old) == whole.changes.prefix(limit).map(\.old))
                #expect(kept.text(time: "t", elapsed: "1", limit: limit) == whole.text(time: "t", elapsed: "1", limit: limit))
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
}
