@testable import Kalkyl
import Testing

/// What the checked model keeps of where things came from, so that nothing later parses the
/// model again: each definition's whole statement, each input's data file, the model's files.
@Suite struct ProvenanceTests {
    let model = """
    timeline monthly 2021-01 .. 2021-03
    dimension unit from "data/units.csv" key enhet
    input budget[unit] = column belopp
    input plan[unit, month] = data "plan.csv" wide key enhet
    input rate = 0.5
    ## Total, halved
    total = (SUM(budget[unit])
          * rate)
    input actual[unit, month] = data "plan.csv" wide key enhet
    """

    func checked() throws -> CheckedModel {
        let sources = MemorySources([
            "/mem/m.kalkyl": model,
            "/mem/data/units.csv": "enhet;belopp\nA;100\nB;300\n",
            "/mem/plan.csv": "enhet;2021-01;2021-02;2021-03\nA;1;2;3\nB;4;5;6\n",
        ], fallback: nil)
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: sources)
        return try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
    }

    /// Issue 10: the files of `parent … from` and `spread by "FILE"` are data files too, so
    /// watch follows them and the board pack's cover hashes them.
    @Test func mappingAndKeyFilesAreDataFiles() throws {
        let months = (1...12).map { String(format: "2024%02d", $0) }.joined(separator: ";")
        let sources = MemorySources([
            "/mem/m.kalkyl": """
            timeline monthly 2024-01 .. 2024-12
            dimension rad = Intäkter
            dimension konto in rad from "konto.csv" key Konto parent Rad from "rader.csv" key Konto
            input b[konto, month] = data "b.csv" key Konto column belopp spread by "k.csv" key Konto
            """,
            "/mem/konto.csv": "Konto\n3110\n",
            "/mem/rader.csv": "Konto;Rad\n3000..3999;Intäkter\n",
            "/mem/b.csv": "Konto;belopp\n3110;1200\n",
            "/mem/k.csv": "Konto;\(months)\n3000..3999;1;1;1;1;1;1;1;1;1;1;1;1\n",
        ], fallback: nil)
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: sources)
        let m = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        #expect(m.dataFiles == ["konto.csv", "rader.csv", "b.csv", "k.csv"])
        #expect(loaded.dataFilePaths == ["/mem/konto.csv", "/mem/rader.csv", "/mem/b.csv", "/mem/k.csv"])
    }

    @Test func theModelKeepsItsDataFilesInTheOrderFirstNamed() throws {
        let m = try checked()
        #expect(m.dataFiles == ["data/units.csv", "plan.csv"])
        #expect(m.dataFilePath("plan.csv") == "/mem/plan.csv")
        #expect(m.dataFilePath("/abs/x.csv") == "/abs/x.csv")
    }

    @Test func eachInputKeepsTheFileItIsReadFrom() throws {
        let m = try checked()
        func file(_ name: String) -> String? { m.definitions[m.slot(named: name)!].dataFile }
        #expect(file("budget") == "data/units.csv", "a column of its dimension's file")
        #expect(file("plan") == "plan.csv")
        #expect(file("rate") == nil)
        #expect(file("total") == nil)
    }

    @Test func aDefinitionKeepsItsWholeStatement() throws {
        let m = try checked()
        let total = m.definitions[m.slot(named: "total")!]
        #expect(total.location.line == 7)
        let text = m.file.text.utf8
        let statement = String(decoding: text.dropFirst(total.statement.range.start).prefix(total.statement.range.end - total.statement.range.start), as: UTF8.self)
        #expect(statement.hasPrefix("total = (SUM(budget[unit])"), "\(statement)")
        #expect(statement.hasSuffix("* rate)"), "\(statement)")
    }
}
