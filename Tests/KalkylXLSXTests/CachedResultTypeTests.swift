import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A formula's cached truth value is a boolean in the file (`t="b"`, `<v>1</v>`), and a cached
/// error an error (`t="e"`), as Excel stores them: a reader that takes cached values without
/// recalculating sees TRUE, not the text "TRUE". libxlsxwriter 1.1.4 writes both as text; the
/// sheets holding them are rewritten when the workbook is closed.
@Suite struct CachedResultTypeTests {
    /// The sheet's `<c>` element at `address`, as stored.
    func element(_ address: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<c r=\"\(address)\"") else { return nil }
        guard let end = xml.range(of: "</c>", range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.lowerBound..<end.upperBound])
    }

    func writeSample(to path: String) throws {
        try XLSXWorkbook.write(to: path) { book in
            let plain = try book.addWorksheet("Plain")
            try plain.writeFormula("=1+1", result: .number(2), row: 0, column: 0)
            let sheet = try book.addWorksheet("Typed")
            let bold = try book.format(XLSXStyle(bold: true))
            try sheet.writeFormula("=1=1", result: .bool(true), row: 0, column: 0, format: bold)
            try sheet.writeFormula("=1=2", result: .bool(false), row: 1, column: 0)
            try sheet.writeFormula("=1/0", result: .error(.divisionByZero), row: 2, column: 0)
            // Text that reads TRUE stays text.
            try sheet.writeFormula("=\"TRUE\"", result: .text("TRUE"), row: 3, column: 0)
            // A cell written again with a number is a number.
            try sheet.writeFormula("=2>1", result: .bool(true), row: 4, column: 0)
            try sheet.writeFormula("=2+1", result: .number(3), row: 4, column: 0)
            try sheet.writeBoolean(true, row: 5, column: 0)
            // Far out on the grid: a column of three letters, a row of six digits.
            try sheet.writeFormula("=AND(TRUE,FALSE)", result: .bool(false), row: 100_000, column: 1000)
            try sheet.writeFormula("=NA()", result: .error(.notAvailable), row: 100_001, column: 1000)
        }
    }

    @Test func truthValuesAndErrorsAreStoredAsSuch() throws {
        let scratch = try Scratch()
        let path = scratch.path("typed.xlsx")
        try writeSample(to: path)
        let workbook = try ExportedWorkbook(URL(fileURLWithPath: path))
        let xml = try workbook.xml(of: "Typed")
        #expect(element("A1", in: xml)?.firstMatch(of: /^<c r="A1" s="\d+" t="b"><f>1=1<\/f><v>1<\/v><\/c>$/) != nil, "\(element("A1", in: xml) ?? "none")")
        #expect(element("A2", in: xml) == "<c r=\"A2\" t=\"b\"><f>1=2</f><v>0</v></c>")
        #expect(element("A3", in: xml) == "<c r=\"A3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>")
        #expect(element("A4", in: xml) == "<c r=\"A4\" t=\"str\"><f>\"TRUE\"</f><v>TRUE</v></c>")
        #expect(element("A5", in: xml) == "<c r=\"A5\"><f>2+1</f><v>3</v></c>")
        #expect(element("ALM100001", in: xml) == "<c r=\"ALM100001\" t=\"b\"><f>AND(TRUE,FALSE)</f><v>0</v></c>")
        #expect(element("ALM100002", in: xml) == "<c r=\"ALM100002\" t=\"e\"><f>NA()</f><v>#N/A</v></c>")
        #expect(xml.contains("<c r=\"A6\" t=\"b\"><v>1</v></c>"), "a constant boolean, as libxlsxwriter writes it")
        let cached = try workbook.formulaCells().filter { $0.sheet == "Typed" }.map(\.cached)
        #expect(cached == [.bool(true), .bool(false), .error(.divisionByZero), .text("TRUE"), .number(3), .bool(false), .error(.notAvailable)])
        #expect(try workbook.xml(of: "Plain").contains("<c r=\"A1\"><f>1+1</f><v>2</v></c>"))
    }

    /// The rewritten zip is whole (every CRC checks), the same bytes every time, and nothing is
    /// left beside it.
    @Test func theRewrittenFileIsAValidZipAndTheSameBytesEveryTime() throws {
        let scratch = try Scratch()
        try writeSample(to: scratch.path("a.xlsx"))
        try writeSample(to: scratch.path("b.xlsx"))
        #expect(FileManager.default.contents(atPath: scratch.path("a.xlsx")) == FileManager.default.contents(atPath: scratch.path("b.xlsx")))
        let test = Process()
        test.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        test.arguments = ["-tq", scratch.path("a.xlsx")]
        test.standardOutput = FileHandle.nullDevice
        try test.run()
        test.waitUntilExit()
        #expect(test.terminationStatus == 0, "unzip -t finds every entry whole")
        #expect(try scratch.listing() == ["a.xlsx", "b.xlsx"])
    }

    /// A model's truth values (a line of comparisons, its checks) and errors, exported: cached
    /// as booleans and errors, and LibreOffice recalculates every one of them to Kalkyl's value.
    @Test(.enabled(if: LibreOffice.executable != nil, "LibreOffice is not installed (make test-setup installs it): skipped"))
    func anExportedModelsTruthValuesAreBooleans() throws {
        let scratch = try Scratch()
        try """
        model "Uppföljning"
        timeline monthly 2024-01 .. 2024-04
        ## Kostnad
        input kost[month]: kr = 100
        input kost[2024-03] = 130
        ## Budget
        input budget[month]: kr = 120
        ## Över budget
        over[month] = kost > budget
        ## Andel
        andel[month] = kost / (budget - 120)
        check inom_ram: SUM(kost) <= SUM(budget) + 10
        """.write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("m.kalkyl"), output: scratch.path("m.xlsx"))
        try expectFaithful(exported)
        let cells = try exported.workbook.formulaCells()
        let over = try exported.workbook.cells(of: "Calc").filter { $0.formula?.contains(">Inputs!") == true }
        #expect(over.count == 4 && over.allSatisfy { $0.type == "b" }, "kost > budget in each month: \(over)")
        #expect(cells.filter { $0.sheet == "Calc" }.map(\.cached).filter { $0 == .bool(true) }.count == 1, "March is over budget")
        #expect(cells.contains { $0.sheet == "Calc" && $0.cached == .error(.divisionByZero) })
        #expect(cells.filter { $0.sheet == "Checks" && $0.cached == .bool(true) }.count >= 1)
        #expect(!cells.contains { $0.cached == .text("TRUE") || $0.cached == .text("FALSE") || $0.cached == .text("#DIV/0!") })
    }

    @Test(.enabled(if: LibreOffice.executable != nil, "LibreOffice is not installed (make test-setup installs it): skipped"))
    func libreOfficeReadsThemAndRecalculatesThemAlike() throws {
        let scratch = try Scratch()
        let path = scratch.path("typed.xlsx")
        try writeSample(to: path)
        let book = try LibreOffice.recalculate(URL(fileURLWithPath: path), sheets: ["Typed"])
        let workbook = try ExportedWorkbook(URL(fileURLWithPath: path))
        expectAgreement(book, try workbook.formulaCells().filter { $0.sheet == "Typed" }.map {
            WrittenFormula(sheet: $0.sheet, address: $0.address, formula: $0.formula, result: $0.cached)
        })
    }
}
