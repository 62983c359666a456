import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A range or pick bounded by the closed month stays live in the workbook (INDEX…:INDEX…),
/// and the layout's period, column titles and page header follow the closed month.
@Suite struct RollForwardExportTests {
    func write(_ scratch: Scratch, closed: String) throws {
        try """
        model "Uppföljning"
        timeline monthly 2024-01 .. 2024-12
        ## Senast stängda månad
        input closed = \(closed)
        actuals through closed
        dimension enhet = A, B
        input kost[version, enhet, month] = 100
        input kost[actual, enhet, month] = 90
        input kost[actual, B, 2024-03] = 70
        summa[version, month] = SUM(kost[enhet])
        ack[version, month] = YTD(summa)
        ## Utfall hittills
        utfall_hittills = SUM(summa[actual, 2024-01 .. closed])
        ## Utfall per enhet hittills
        per_enhet[enhet] = SUM(kost[actual, 2024-01 .. closed])
        ## Ackumulerat
        utfall_ack = ack[actual, closed]
        ## Budget resten av året
        resten = SUM(summa[budget, closed ..])
        ## Alla enheter, stängd månad
        enheter = SUM(kost[actual, enhet, closed])
        """.write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        try """
        title "Månadsrapport"
        period closed
        sheet "Resultat"
        title "Resultat {per}"
        columns "Utfall {period}" = ytd, "Budget {period}" = budget ytd, "Helår" = year
        row summa[actual] "Kostnad" vs summa[budget] cost
        """.write(toFile: scratch.path("m.layout"), atomically: true, encoding: .utf8)
    }

    @Test func boundedRangesRecalculateAndTheReportFollowsTheClosedMonth() throws {
        let scratch = try Scratch()
        try write(scratch, closed: "2024-08")
        let exported = try ExportedModel.make(path: scratch.path("m.kalkyl"), layout: scratch.path("m.layout"), output: scratch.path("m.xlsx"))
        let book = try expectFaithful(exported)
        let formulas = try exported.workbook.formulaCells().map(\.formula)
        let indexed = formulas.filter { $0.contains("INDEX(") && $0.contains("YEAR(closed)*12+MONTH(closed)-24288") }
        #expect(indexed.count >= 5, "\(formulas.filter { $0.contains("INDEX(") })")
        let xml = try exported.workbook.xml(of: "Resultat")
        #expect(xml.contains("per augusti 2024"), "the page header")
        let strings = try ExportedWorkbook.unzip(exported.workbook.url, "xl/sharedStrings.xml")
        #expect(strings.contains("Utfall jan–aug") && strings.contains("Budget jan–aug") && strings.contains("Resultat per augusti 2024"))
        // The year to date runs to August: 8 months of 180, less B's 20 in March.
        #expect(book["Resultat", "B5"] == .number(8 * 180 - 20))

        // One edit: September.
        try write(scratch, closed: "2024-09")
        let september = try ExportedModel.make(path: scratch.path("m.kalkyl"), layout: scratch.path("m.layout"), output: scratch.path("s.xlsx"))
        let book9 = try expectFaithful(september)
        #expect(book9["Resultat", "B5"] == .number(9 * 180 - 20))
        let strings9 = try ExportedWorkbook.unzip(september.workbook.url, "xl/sharedStrings.xml")
        #expect(strings9.contains("Utfall jan–sep") && strings9.contains("Resultat per september 2024"))
    }
}
