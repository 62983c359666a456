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

    /// A figure summed from a SIE file's vouchers, the file saved again since it was read: its
    /// lines' places and their vouchers' headings are not known, and explain says so (it showed
    /// `voucher    ` with an empty series, number, date and text).
    @Test func aFigureOfAChangedSIEFileNamesNoVouchers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("changed-sie-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = """
            timeline monthly 2024-01 .. 2024-12
            dimension ks = "1"
            dimension konto = "3000", "1510"
            input u[ks, konto, month]: kr = data "d.se" sie vouchers key 1, account missing 0

            """
        func sie(_ months: ClosedRange<Int>) -> String {
            "#FLAGGA 0\n#KONTO 3000 \"S\"\n#KONTO 1510 \"B\"\n#DIM 1 \"ks\"\n#OBJEKT 1 \"1\" \"a\"\n" + months.map { m in
                "#VER A \(m) 2024\(m < 10 ? "0" : "")\(m)15 \"Hyra \(m)\"\n{\n#TRANS 3000 {1 \"1\"} -\(m).00\n#TRANS 1510 {1 \"1\"} \(m).00\n}\n"
            }.joined()
        }
        try Data(model.utf8).write(to: URL(fileURLWithPath: folder + "/m.kalkyl"))
        try Data(sie(1...12).utf8).write(to: URL(fileURLWithPath: folder + "/d.se"))
        let loaded = try ModelLoader.load(path: folder + "/m.kalkyl")
        let m = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: m, order: try #require(loaded.order))
        e.evaluateAll()
        let table = { (cell: String) in ExplainReport(Explainer.explain(try m.cell(named: cell).get(), in: e), in: e).table(model: m) }
        let read = try table("u[1, 3000, 2024-03]")
        #expect(read.contains("d.se:18:21  -3  voucher A 3 2024-03-15 \"Hyra 3\""), "\(read)")

        try Data(sie(3...12).utf8).write(to: URL(fileURLWithPath: folder + "/d.se"))
        let changed = try table("u[1, 3000, 2024-11]")
        #expect(changed.contains("the #TRANS line of d.se: the file has changed since it was read, so their lines and vouchers are not known"), "\(changed)")
        #expect(!changed.contains("voucher "), "\(changed)")
        let data = try #require(Explainer.inputSource(of: try m.cell(named: "u[1, 3000, 2024-11]").get(), in: e)?.data)
        #expect(data.fileChanged && data.vouchers.allSatisfy { $0.series.isEmpty })
    }
}
