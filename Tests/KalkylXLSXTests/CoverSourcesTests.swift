import Kalkyl
import KalkylXLSX
import Testing

/// The cover's hashes are of the bytes the model was read from, through its `SourceProvider`:
/// an editor's unsaved buffer, or files in memory with no disk at all.
@Suite struct CoverSourcesTests {
    @Test func theCoverHashesTheFilesTheModelWasReadFrom() throws {
        let model = """
        timeline monthly 2021-01 .. 2021-02
        dimension unit from "data/units.csv" key enhet
        input budget[unit] = column belopp
        input plan[unit, month] = data "/elsewhere/plan.csv" wide key enhet
        """
        let units = "enhet;belopp\nA;100\nB;300\n"
        let plan = "enhet;2021-01;2021-02\nA;1;2\nB;3;4\n"
        let sources = MemorySources(["/mem/budget.kalkyl": model, "/mem/data/units.csv": units, "/elsewhere/plan.csv": plan],
                                    fallback: nil)
        let loaded = try ModelLoader.load(path: "/mem/budget.kalkyl", sources: sources)
        let checked = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let cover = try WorkbookExport.sources(model: checked)
        #expect(cover == [
            WorkbookExport.Source(path: "budget.kalkyl", sha256: SHA256.hex(Array(model.utf8))),
            WorkbookExport.Source(path: "data/units.csv", sha256: SHA256.hex(Array(units.utf8))),
            WorkbookExport.Source(path: "/elsewhere/plan.csv", sha256: SHA256.hex(Array(plan.utf8))),
        ])
    }
}
