import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A forecast computed by a formula is live in the workbook: its cells after the close are the
/// formula on the Inputs sheet (before the close, links to the actuals), and LibreOffice
/// recalculates them, and what reads them, to Kalkyl's values; a scenario's too.
@Suite struct ForecastFormulaExportTests {
    @Test func theComputedForecastRecalculatesInLibreOffice() throws {
        let scratch = try Scratch()
        try """
        model "Prognos"
        timeline monthly 2024-01 .. 2024-12
        input closed = 2024-08
        actuals through closed
        dimension enhet = A, B
        ## Kostnad
        input kost[version, enhet, month]: kr = 0
        input kost[actual, enhet, month] = 90
        input kost[actual, B, 2024-03] = 70
        input kost[budget, enhet, month] = 100
        ## Justering
        input justering[enhet]: kr = 4
        input takt = 1.5%
        kost[forecast, enhet, month] = kost[budget] * (1 + takt) + justering + SUM(kost[actual, 2024-01 .. closed]) / 100
        ## Årsprognos
        arsprognos[enhet]: kr = SUM(kost[forecast])
        avvikelse[enhet]: kr = SUM(kost[budget]) - arsprognos
        scenario stopp "Anställningsstopp" {
          justering = -20
        }
        """.write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("m.kalkyl"), scenarios: ["stopp"], output: scratch.path("m.xlsx"))
        let book = try expectFaithful(exported)
        let formulas = try exported.workbook.formulaCells()
        // The forecast rows after the close are the formula, on the Inputs sheets.
        let computed = formulas.filter { ($0.sheet == "Inputs" || $0.sheet.hasPrefix("Inputs ")) && $0.formula.contains("takt") && $0.formula.contains("SUM(") }
        #expect(computed.count == 2 * 4 * 2, "A and B, September to December, base and stopp: \(computed.map(\.formula))")
        #expect(computed.contains { $0.formula.contains("INDEX(") }, "the range up to closed stays live")
        // Kalkyl's year forecast (which LibreOffice's Calc sheet was checked against above):
        // eight months of actuals, then budget × 1,015 + 4 + the actuals to date / 100.
        let e = try #require(exported.evaluations.first?.1)
        let block = e.values(of: try #require(exported.model.slot(named: "arsprognos")))
        let prognos = [block[0].number, block[1].number]
        #expect(abs((prognos[0] ?? 0) - (720 + 4 * 112.7)) < 1e-9 && abs((prognos[1] ?? 0) - (700 + 4 * 112.5)) < 1e-9, "\(prognos)")
        #expect(book.sheets["Inputs stopp"] != nil)
    }
}
