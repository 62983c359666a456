import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// Every layout in `workbooks/` with the model of the same name in `formulas/`: it resolves
/// without a diagnostic, and its board pack, recalculated by LibreOffice, computes what Kalkyl
/// computes in every cell of every sheet.
@Suite struct WorkbookLayoutTests {
    static let layouts: [String] = {
        let folder = repositoryRoot.appendingPathComponent("workbooks")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".layout") }.sorted()
    }()

    @Test(arguments: layouts)
    func theLayoutsBoardPackRecalculatesToKalkylsValues(_ file: String) throws {
        let scratch = try Scratch()
        let model = repositoryRoot.appendingPathComponent("formulas/" + file.replacingOccurrences(of: ".layout", with: ".kalkyl")).path
        #expect(FileManager.default.fileExists(atPath: model), "workbooks/\(file) has no model formulas/… of the same name")
        let exported = try ExportedModel.make(path: model, layout: repositoryRoot.appendingPathComponent("workbooks/" + file).path,
                                              output: scratch.path("board-pack.xlsx"))
        #expect(exported.workbook.sheets.first == "Cover" && exported.workbook.sheets.dropFirst().first != "Inputs", "report sheets follow the cover")
        try expectFaithful(exported)
    }

    @Test func theExampleLayoutIsThere() {
        #expect(Self.layouts.contains("lansteknik-2021.layout"))
    }
}
