import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// How the board pack reads and prints: the cover in the model's language, listing every
/// sheet, on one A4 page with its title never cut; the report sheets first, each one page wide;
/// page headers that never run into each other.
@Suite struct CoverAndPrintTests {
    static let model = repositoryRoot.appendingPathComponent("formulas/lansteknik-2021.kalkyl").path
    static let layout = repositoryRoot.appendingPathComponent("workbooks/lansteknik-2021.layout").path

    /// The text of the cells of one column of a sheet, by row (1-based), shared strings resolved.
    static func column(_ letter: String, of sheet: String, in workbook: ExportedWorkbook) throws -> [Int: String] {
        let strings = try ExportFeatureTests.sharedStrings(workbook)
        var out: [Int: String] = [:]
        for cell in try workbook.cells(of: sheet) where cell.address.hasPrefix(letter) {
            guard let row = Int(cell.address.dropFirst(letter.count)), let value = cell.value else { continue }
            out[row] = cell.type == "s" ? Int(value).map { strings[$0] } : value
        }
        return out
    }

    @Test func theSwedishCoverListsEverySheetWithWhatItHolds() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: Self.model, layout: Self.layout, output: scratch.path("pack.xlsx"))
        let book = exported.workbook
        #expect(book.sheets == ["Cover", "Resultat", "Personal", "Nyckeltal", "Inputs", "Calc", "Inputs hiring_stop", "Calc hiring_stop", "Comparison"])
        let names = try Self.column("A", of: "Cover", in: book)
        let texts = try Self.column("B", of: "Cover", in: book)
        let guideHeader = try #require(names.first { $0.value == "Blad" }?.key)
        #expect(texts[guideHeader] == "Innehåll")
        // Every sheet, in tab order, each with a line of what it holds.
        let listed = (guideHeader + 1...guideHeader + book.sheets.count).map { names[$0] }
        #expect(listed == book.sheets.map(Optional.some))
        #expect(texts[guideHeader + 2] == "Ekonomiskt resultat per april 2021; här väljs scenariot som alla rapportblad följer",
                "a report sheet by its title; the switch is on the first")
        #expect(texts[guideHeader + 3] == "Väsentliga personalförhållanden 2021")
        #expect(texts[guideHeader + 6]?.hasPrefix("Beräkningar för modellen som den är skriven") == true)
        #expect(names.values.contains("Tidsaxel") && names.values.contains("Scenarier") && !names.values.contains("Timeline"))
        // The model without overrides is "bas", in the scenarios and in the failing checks' label.
        let scenarios = try #require(names.first { $0.value == "Scenarier" }?.key)
        #expect(texts[scenarios] == "bas" && texts[scenarios + 1] == "hiring_stop", "\(texts)")
        // The scenario switch on the first report sheet speaks Swedish too.
        let switchNote = try #require(try Self.column("D", of: "Resultat", in: book).values.first { $0.contains("scenario") })
        #expect(switchNote.hasPrefix("välj scenario: varje siffra på rapportbladen följer valet"), "\(switchNote)")

        // One A4 landscape page; the title a merged cell across the printed columns.
        let cover = try book.xml(of: "Cover")
        #expect(cover.contains(#"<pageSetUpPr fitToPage="1"/>"#) && cover.contains(#"<pageSetup paperSize="9" orientation="landscape"/>"#), "\(cover)")
        #expect(cover.contains(#"<mergeCell ref="A1:C1"/>"#))
        // The model sheets' own words are Swedish too.
        let calc = try Self.column("A", of: "Calc", in: book)
        #expect(calc[1] == "Beräkningar" && calc[3] == "Etikett")
    }

    /// The model sheets name the model without overrides as the cover and the switch do: "bas"
    /// in the Comparison sheet's rows and differences and in the Checks sheet's section titles.
    @Test func theModelSheetsNameBaseInTheModelsLanguage() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: repositoryRoot.appendingPathComponent("formulas/division-followup-2024.kalkyl").path,
                                              output: scratch.path("d.xlsx"))
        let comparison = Set(try Self.column("A", of: "Comparison", in: exported.workbook).values)
        #expect(comparison.contains("bas") && comparison.contains("anstallningsstopp − bas"))
        #expect(!comparison.contains("base") && !comparison.contains { $0.hasSuffix("− base") })
        let checks = try Self.column("A", of: "Checks", in: exported.workbook).values
        #expect(checks.contains("bas — kontroller som inte håller"), "\(checks.sorted())")
        #expect(checks.contains("anstallningsstopp: Anställningsstopp resten av året — kontroller som inte håller"))
    }

    @Test func aLongTitleWrapsOnTallerRows() throws {
        let scratch = try Scratch()
        let name = String(repeating: "Northfield medical technology division ", count: 6) + "2021"
        try "model \"\(name)\"\ninput x = 1\ny = x * 2\n".write(toFile: scratch.path("long.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("long.kalkyl"), output: scratch.path("long.xlsx"))
        let cover = try exported.workbook.xml(of: "Cover")
        #expect(cover.contains(#"<mergeCell ref="A1:C1"/>"#))
        // 238 characters of 18-point type in 146 characters of columns: three lines of 27 points.
        #expect(cover.contains(#"<row r="1" spans="1:3" ht="81" customHeight="1">"#), "\(cover.prefix(1500))")
        let strings = try ExportFeatureTests.sharedStrings(exported.workbook)
        #expect(strings.contains("Board pack exported by Kalkyl test. Every figure on the Calc sheets is a live formula translated from the model."),
                "an English model's cover is English")
    }

    /// Printing the whole workbook gives the cover, then the report sheets, each one A4 page
    /// wide; the model's sheets come after them.
    @Test func theReportSheetsPrintFirstEachOnePageWide() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: Self.model, layout: Self.layout, output: scratch.path("pack.xlsx"))
        let book = exported.workbook
        #expect(Array(book.sheets.prefix(4)) == ["Cover", "Resultat", "Personal", "Nyckeltal"])
        for sheet in ["Resultat", "Personal", "Nyckeltal"] {
            let xml = try book.xml(of: sheet)
            #expect(xml.contains(#"<pageSetUpPr fitToPage="1"/>"#) && xml.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#),
                    "\(sheet) prints one A4 page wide")
        }
        // The model's sheets print after them, landscape, each page saying which sheet it is.
        #expect(Array(book.sheets.dropFirst(4).prefix(2)) == ["Inputs", "Calc"])
        let calc = try book.xml(of: "Calc")
        #expect(calc.contains(#"<pageSetup paperSize="9" orientation="landscape"/>"#) && calc.contains("&amp;LCalc&amp;R&amp;P (&amp;N)"), "\(calc.suffix(600))")
    }

    @Test func pageHeaderPartsAreCutToAThirdOfThePage() {
        let long = String(repeating: "Länsteknik ", count: 12)
        let header = ReportSheetWriter.pageHeader(long, "Delårsrapport 1 2021", "per april 2021")
        #expect(header.left.count == ReportSheetWriter.headerPart && header.left.hasSuffix("…"))
        #expect(header.center == "Delårsrapport 1 2021" && header.right == "per april 2021")
        #expect(XLSXPageSetup.code(header).count <= 255)
    }
}
