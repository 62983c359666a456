import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// The seed reports reproduced: the annual report's statements, exported with their layout
/// and recalculated by LibreOffice, show the printed figures where the report prints them.
/// (That every layout's workbook gives Kalkyl's figures in every cell is WorkbookLayoutTests.)
@Suite struct ReproductionWorkbookTests {
    /// formulas/NAME.kalkyl exported with workbooks/NAME.layout, as LibreOffice recalculates it.
    func recalculated(_ name: String) throws -> RecalculatedWorkbook {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: repositoryRoot.appendingPathComponent("formulas/\(name).kalkyl").path,
                                              layout: repositoryRoot.appendingPathComponent("workbooks/\(name).layout").path,
                                              output: scratch.path("\(name).xlsx"))
        return try LibreOffice.recalculate(exported.workbook.url, sheets: exported.workbook.sheets)
    }

    @Test func theAnnualReportsStatementsShowThePrintedFigures() throws {
        let book = try recalculated("region-statements-2023")
        func printed(_ sheet: String, _ label: String, _ header: String, _ figure: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let grid = ReportGrid(rows: book.sheets[sheet] ?? [])
            // The row under the table whose header row has the column.
            let table = grid.rows.firstIndex { $0.contains(.text(header)) } ?? 0
            guard let cell = grid.figure(label, header, after: table) else { Issue.record("\(sheet): no \(label) under \(header)", sourceLocation: sourceLocation); return }
            #expect(agrees(cell, .number(figure)), "\(sheet), \(label), \(header): \(cell), printed \(figure)", sourceLocation: sourceLocation)
        }
        printed("Resultaträkning", "Verksamhetens nettokostnad", "Utfall 2023", -10_402)
        printed("Resultaträkning", "Verksamhetens resultat", "Utfall 2022", 984)
        printed("Resultaträkning", "Resultat", "Utfall 2023", 69)
        printed("Resultaträkning", "Resultat", "Budget 2023", -136)
        printed("Balansräkning", "SUMMA TILLGÅNGAR", "UB 2023", 13_630)
        printed("Balansräkning", "Summa eget kapital", "UB 2022", 6_251)
        printed("Balansräkning", "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", "UB 2023", 13_630)
        printed("Kassaflödesanalys", "Kassaflöde från den löpande verksamheten", "Utfall 2023", 747)
        printed("Kassaflödesanalys", "Kassaflöde från finansieringsverksamheten", "Utfall 2022", -1_199)
        printed("Nyckeltal", "Soliditet enligt blandmodellen", "2023", 6_320.0 / 13_630)
    }

    /// The covid-19 table prints its rows with nothing to report as empty, not as 0, and so
    /// does the workbook, while the sum still adds up.
    @Test func rowsWithNothingToReportStayEmpty() throws {
        let book = try recalculated("lansteknik-interim-2021-04")
        let grid = ReportGrid(rows: try #require(book.sheets["Covid-19"]))
        let empty = try #require(grid.row("  Personalkostnader") ?? grid.row("Personalkostnader"))
        #expect(empty.first == .text("") || empty.first == .blank, "\(empty)")
        let reported = try #require(grid.row("  Övriga kostnader") ?? grid.row("Övriga kostnader"))
        #expect(reported.first.map { agrees($0, .number(0.4)) } == true, "\(reported)")
        #expect(grid.figure("Summa", "Mnkr").map { agrees($0, .number(0.4)) } == true)
    }
}
