import Foundation
@testable import Kalkyl
import Testing

/// In a data file that has changed since it was read (between saves in `watch` and the
/// language server), a value's place cannot be known: explain's JSON says so
/// (`"file_changed": true`), and its table, watch's line and the hover do not give the stretch's
/// first line, column 1, as if it were the cell's place.
@Suite struct ChangedFilePlacesTests {
    static let model = """
        timeline monthly 2021-01 .. 2021-12
        dimension employee from "staff.csv" key id
        input salary[employee]: kr = column monthly_salary
        total: kr = SUM(salary[employee])

        """

    static func staff(extra: String = "") -> String {
        "id;name;monthly_salary\n" + (0..<100).map { "e\($0);Åsa \($0);\(30_000 + $0)\n" }.joined() + extra
    }

    @Test func aCellOfAChangedFileIsNotGivenAPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("changed-places-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.model.utf8).write(to: URL(fileURLWithPath: folder + "/m.kalkyl"))
        try Data(Self.staff().utf8).write(to: URL(fileURLWithPath: folder + "/staff.csv"))
        let loaded = try ModelLoader.load(path: folder + "/m.kalkyl")
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        let cell = try model.cell(named: "salary[e70]").get()
        let staff = folder + "/staff.csv"
        let table = { (report: ExplainReport) in report.table(model: model) }

        // As read: e70 is on line 72, its salary after `e70;Åsa 70;`.
        let read = try #require(Explainer.inputSource(of: cell, in: e)?.data)
        #expect((read.line, read.column, read.fileChanged) == (72, 12, false))
        let readReport = ExplainReport(Explainer.explain(cell, in: e), in: e)
        #expect(try !ReportEncoder().encode(readReport).contains("file_changed"))
        #expect(table(readReport).contains("read from staff.csv:72:12 (monthly_salary)"), "\(table(readReport))")
        #expect(!table(readReport).contains("changed"))

        // Saved again: e40's place (line 42, in the stretch of lines 33-64, not read yet) is not
        // known, only the stretch that held it. (e70's stretch, read last, is kept: its place
        // is still the one in the version read.)
        try Data(Self.staff(extra: "e100;Ny;1\n").utf8).write(to: URL(fileURLWithPath: staff))
        let other = try model.cell(named: "salary[e40]").get()
        let changed = try #require(Explainer.inputSource(of: other, in: e))
        let data = try #require(changed.data)
        #expect((data.line, data.column, data.fileChanged) == (33, 1, true))
        #expect(changed.watchLine == "from staff.csv:33 or up to 31 lines after (monthly_salary): the file has changed since it was read")
        let report = ExplainReport(Explainer.explain(other, in: e), in: e)
        let json = try ReportEncoder().encode(report)
        #expect(json.contains(#""line": 33, "column": 1, "header": "monthly_salary", "file_changed": true}"#), "\(json)")
        #expect(table(report).contains(
            "read from staff.csv:33 or up to 31 lines after (monthly_salary): the file has changed since it was read"), "\(table(report))")
    }
}
