import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// Every example model exported with all its scenarios, recalculated by LibreOffice: every
/// formula computes what Kalkyl computed.
@Suite struct ExampleWorkbookTests {
    static let examples: [String] = {
        let folder = repositoryRoot.appendingPathComponent("formulas")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".kalkyl") }.sorted()
    }()

    @Test(arguments: examples)
    func exportedExampleRecalculatesToKalkylsValues(_ file: String) throws {
        let scratch = try Scratch()
        let path = repositoryRoot.appendingPathComponent("formulas/\(file)").path
        let exported = try ExportedModel.make(path: path, output: scratch.path("board-pack.xlsx"))
        #expect(exported.workbook.sheets.prefix(4) == ["Cover", "Report", "Inputs", "Calc"])
        try expectFaithful(exported)
    }

    @Test func theExamplesAreThere() {
        #expect(Self.examples.count >= 4)
    }
}
