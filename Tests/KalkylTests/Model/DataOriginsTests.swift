@testable import Kalkyl
import Synchronization
import Testing

/// Each input cell's origin kept in the checked model (the file's line and column, or the
/// rows summed into it), so that explain names a value's cell without reading the model or
/// the file again.
@Suite struct DataOriginsTests {
    let model = """
    model "Ursprung"
    timeline monthly 2021-01 .. 2021-03
    dimension unit from "units.csv" key enhet
    dimension account = hyra, el
    input budget[unit]: kr = column belopp
    input plan[unit, month]: kr = data "plan.csv" wide key enhet
    input ledger[unit, account, month]: kr = data "ledger.csv" long key enhet, konto period månad amount belopp sum
    input cost[unit, account, month]: kr = 0
    input cost[unit, el, 2021-02 .. 2021-03] = data "ledger.csv" long key enhet period månad amount belopp sum
    """

    static let files = [
        "/mem/m.kalkyl": "",
        "/mem/units.csv": "enhet;belopp\nA;100\nB;300\n",
        "/mem/plan.csv": "enhet;2021-01;2021-02;2021-03\nA;1;2;3\nB;4;5;6\n",
        "/mem/ledger.csv": "enhet;konto;månad;belopp\nA;hyra;2021-01;10\nA;hyra;2021-01;5\nB;el;2021-02;7\nA;el;2021-03;8\n",
    ]

    /// Counts the files read, to show that explaining reads none.
    final class CountingSources: SourceProvider, Sendable {
        let inner: MemorySources
        let reads = Mutex(0)
        init(_ inner: MemorySources) { self.inner = inner }
        func contents(of path: String) throws(SourceReadError) -> [UInt8] {
            reads.withLock { $0 += 1 }
            return try inner.contents(of: path)
        }
    }

    func evaluation() throws -> (Evaluation, CountingSources) {
        var files = Self.files
        files["/mem/m.kalkyl"] = model
        let sources = CountingSources(MemorySources(files, fallback: nil))
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: sources)
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return (evaluation, sources)
    }

    /// The data cell explain gives for a cell.
    func dataCell(_ e: Evaluation, _ cell: String) throws -> DataCellSource? {
        let explanation = Explainer.explain(try e.model.cell(named: cell).get(), in: e)
        guard case .input(let input) = explanation.root.source else { return nil }
        return input.data
    }

    @Test func aColumnOfTheDimensionsFileGivesEachMembersCell() throws {
        let (e, _) = try evaluation()
        let origins = try #require(e.model.definitions[e.model.slot(named: "budget")!].dataOrigins)
        #expect(origins.path == "units.csv" && origins.header == "belopp" && origins.perMember)
        #expect(origins.place(0)! == (2, 3) && origins.place(1)! == (3, 3))
        let b = try #require(try dataCell(e, "budget[B]"))
        #expect(b.path == "units.csv" && b.line == 3 && b.column == 3 && b.header == "belopp")
    }

    @Test func aWideFormGivesEachPeriodsCellUnderItsHeader() throws {
        let (e, _) = try evaluation()
        let b = try #require(try dataCell(e, "plan[B, 2021-02]"))
        #expect((b.path, b.line, b.column, b.header) == ("plan.csv", 3, 5, "2021-02"))
    }

    @Test func aSummedCellGivesEveryRow() throws {
        let (e, _) = try evaluation()
        let a = try #require(try dataCell(e, "ledger[A, hyra, 2021-01]"))
        #expect((a.line, a.column, a.header) == (2, 16, "belopp"))
        #expect(a.summed.map(\.line) == [2, 3])
        #expect(try dataCell(e, "ledger[B, hyra, 2021-01]") == nil, "no row gives it")
    }

    @Test func anAssignmentToSomeMembersAndPeriodsGivesItsOwnCells() throws {
        let (e, _) = try evaluation()
        let b = try #require(try dataCell(e, "cost[B, el, 2021-02]"))
        #expect((b.line, b.header) == (4, "belopp"))
        let a = try #require(try dataCell(e, "cost[A, el, 2021-03]"))
        #expect(a.line == 5)
        #expect(try dataCell(e, "cost[A, hyra, 2021-01]") == nil, "set by the definition's constant")
    }

    @Test func explainingReadsNoFile() throws {
        let (e, sources) = try evaluation()
        let before = sources.reads.withLock { $0 }
        for cell in ["budget[A]", "plan[A, 2021-03]", "ledger[A, hyra, 2021-01]", "cost[B, el, 2021-02]"] {
            #expect(try dataCell(e, cell) != nil, "\(cell)")
        }
        #expect(sources.reads.withLock { $0 } == before)
    }
}
