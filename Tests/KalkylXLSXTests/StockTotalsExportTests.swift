import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A stock's tertial and year totals are its closing value on every sheet of the board pack,
/// an average where the model declares one, and LibreOffice recalculates them to Kalkyl's.
@Suite struct StockTotalsExportTests {
    /// The formula and cached value of the cell in `column` of the row labelled `label`.
    func cell(_ workbook: ExportedWorkbook, sheet: String, label: String, column: String) throws -> ExportedWorkbook.Cell? {
        let strings = try sharedStrings(workbook)
        let cells = try workbook.cells(of: sheet)
        guard let labelCell = cells.first(where: { $0.address.hasPrefix("A") && $0.type == "s" && $0.value.flatMap(Int.init).map { strings[$0] } == label })
        else { return nil }
        let row = labelCell.address.dropFirst()
        return cells.first { $0.address == column + row }
    }

    func sharedStrings(_ workbook: ExportedWorkbook) throws -> [String] {
        let xml = try ExportedWorkbook.unzip(workbook.url, "xl/sharedStrings.xml")
        return xml.matches(of: /<si>(.*?)<\/si>/).map { si in
            si.1.matches(of: /<t[^>]*>(.*?)<\/t>/).map { ExportedWorkbook.unescape(String($0.1)) }.joined()
        }
    }

    @Test func thePersonnelExamplesHeadcountYearIsDecemberNotTheSum() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: repositoryRoot.appendingPathComponent("formulas/lansteknik-personnel-2021.kalkyl").path,
                                              scenarios: [], output: scratch.path("p.xlsx"))
        // Report: months in B…M, T1–T3 in N…P, the year in Q.
        let year = try #require(try cell(exported.workbook, sheet: "Report", label: "Antal anställda, divisionen", column: "Q"))
        #expect(year.value == "127", "December's headcount, not the months added up")
        let december = try #require(try cell(exported.workbook, sheet: "Report", label: "Antal anställda, divisionen", column: "M"))
        #expect(year.formula == december.formula, "the year links to December's cell: \(year.formula ?? "-")")
        let t1 = try #require(try cell(exported.workbook, sheet: "Report", label: "Antal anställda, divisionen", column: "N"))
        #expect(t1.value == "131")
        let cost = try #require(try cell(exported.workbook, sheet: "Report", label: "Personalkostnad, divisionen", column: "Q"))
        #expect(cost.formula?.hasPrefix("SUM(") == true)
    }

    @Test func declaredStocksAndAveragesRecalculateToKalkylsTotals() throws {
        let scratch = try Scratch()
        try """
        model "Stocks"
        timeline monthly 2021-01 .. 2021-12
        input hires[month]: persons = 1
        input hires[2021-03] = 4
        staff[month]: persons = PREV(staff, 10) + hires
        average fte[month]: FTE = AS(staff * 0.9, FTE)
        stock balance[month]: kr = AS(1_000, kr/persons) * staff
        flow counted[month]: persons = staff
        """.write(toFile: scratch.path("s.kalkyl"), atomically: true, encoding: .utf8)
        try """
        title "Personal"
        period 2021-08
        sheet "Personal"
        columns "Jan–aug" = ytd, "Helår" = year
        row staff
        row fte
        row balance
        row counted
        row staff "Summa anställda" sum
        row staff "Medel anställda" average
        """.write(toFile: scratch.path("s.layout"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("s.kalkyl"), layout: scratch.path("s.layout"), output: scratch.path("s.xlsx"))
        let book = try expectFaithful(exported)
        // Staff is 11, 12, 16, 17, … 25: August 21, December 25.
        #expect(book["Personal", "B5"] == .number(21))
        #expect(book["Personal", "C5"] == .number(25))
        let staff: [Double] = [11, 12, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]
        let yearAverage = staff.reduce(0, +) / 12 * 0.9
        if case .number(let x) = book["Personal", "C6"] { #expect(abs(x - yearAverage) < 1e-9) } else { Issue.record("fte: \(book["Personal", "C6"])") }
        #expect(book["Personal", "C7"] == .number(25_000))
        #expect(book["Personal", "C8"] == .number(staff.reduce(0, +)))
        #expect(book["Personal", "B9"] == .number(staff.prefix(8).reduce(0, +)))
        if case .number(let x) = book["Personal", "C10"] { #expect(abs(x - staff.reduce(0, +) / 12) < 1e-9) } else { Issue.record("average") }
        let calc = try exported.workbook.cells(of: "Calc").compactMap(\.formula)
        #expect(calc.filter { $0.hasPrefix("AVERAGE(") }.count == 4, "fte's tertials and year: \(calc.filter { $0.hasPrefix("AVERAGE(") })")
    }
}
