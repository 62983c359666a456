import Foundation
import KalkylXLSX
import Testing

/// The division's month as the board gets it (README, "How a controller does the month"):
/// `kalkyl export formulas/division-followup-2024.kalkyl --layout
/// workbooks/division-followup-2024.layout --pdf …`, read back by its pages and their text
/// (poppler's pdfinfo and pdftotext): the cover and the six report sheets, A4, numbered,
/// in Swedish, and none of the model's own sheets.
@Suite struct DivisionPDFTests {
    static let model = "formulas/division-followup-2024.kalkyl"
    static let layout = "workbooks/division-followup-2024.layout"
    static let reportSheets = ["Resultat", "MT Ledning", "MT Service Norr", "MT Service Söder", "MT Projekt", "Anställningsstopp"]

    @Test(.enabled(if: BoardPackPDFTests.tools, "LibreOffice or poppler-utils is not installed (make test-setup installs both): skipped"))
    func theMonthsPackIsTheCoverAndTheReportSheetsInSwedish() throws {
        let scratch = try Scratch()
        let pdf = scratch.path("division.pdf")
        let run = try ExportCommandTests.kalkyl(["export", Self.model, "--layout", Self.layout, "--pdf", pdf])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote \(pdf): " + (["Cover"] + Self.reportSheets).joined(separator: ", ") + "\n")
        let info = try BoardPackPDFTests.run("pdfinfo", [pdf])
        #expect(info.contains("(A4)") && info.contains("841.89 x 595.") , "A4 landscape: \(info)")
        let pages = try BoardPackPDFTests.pages(of: pdf)
        #expect(pages.count == 7, "the cover and the six report sheets, not the Inputs, Calc, Comparison or Checks sheets")
        guard pages.count == 7 else { return }
        // Each page's footer: its sheet, and its page of the pack.
        for (k, sheet) in (["Cover"] + Self.reportSheets).enumerated() {
            // The last line with text (pdftotext ends a page with a form feed).
            let footer = (pages[k].split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(footer.hasPrefix(sheet) && footer.hasSuffix("\(k + 1) (7)"), "page \(k + 1)'s footer: \(footer)")
        }
        for page in pages.dropFirst() {
            #expect(!page.contains("Indata") && !page.contains("Beräkningar för") && !page.contains("Kontroller som"), "a model sheet was printed: \(page)")
        }

        let cover = pages[0]
        for words in ["Division Medicinsk teknik 2024", "Rapportpaket exporterat av Kalkyl", "Tidsaxel", "Utfall till och med",
                      "Scenarier", "modellen som den är skriven", "Anställningsstopp resten av året", "Blad", "Innehåll",
                      "Resultat per juni 2024", "521040 MT Projekt och utveckling per juni 2024",
                      "Kontroller som inte håller, bas", "Kontroller som inte håller,"] {
            #expect(cover.contains(words), "the cover says '\(words)'")
        }
        #expect(!cover.contains("Board pack") && !cover.contains("Timeline") && !cover.contains(" base"), "no English on the cover")
        #expect(cover.firstMatch(of: /anstall(?!ningsstopp)/) == nil, "the scenario's name is never cut on the cover: \(cover)")

        // The result page: each header over its figures, the year to date and the year in tkr,
        // as the ledger sums them (2 392 741 kr to June; the forecast 5 049 763 kr).
        let result = pages[1]
        for words in ["Division Medicinsk teknik 2024", "Månadsrapport", "per juni 2024", "Resultat per juni 2024",
                      "Utfall jan–jun", "Budget jan–jun", "Årsbudget", "Årsprognos", "Personalkostnader", "2 393", "5 050"] {
            #expect(result.contains(words), "the result page says '\(words)': \(result)")
        }
        // The hiring stop side by side, and its chart's legend in Swedish.
        let stop = pages[6]
        for words in ["Årsprognos med anställningsstopp per juni 2024", "Bas", "Anställningsstopp", "Skillnad",
                      "521020 MT Service Norr", "jan", "maj", "okt", "— bas", "— Anställningsstopp resten av året"] {
            #expect(stop.contains(words), "the hiring-stop page says '\(words)': \(stop)")
        }
        #expect(!stop.contains("— base") && !stop.contains("May") && !stop.contains("Oct"))
        // The chart shows tkr, as the rows above it: its title says so, its axis has no 700 000.
        #expect(stop.contains("Resultat per månad: bas och anställningsstopp (tkr)") && stop.contains("600") && !stop.contains("600 000"),
                "\(stop)")
        #expect(try scratch.listing() == ["division.pdf"], "no temporary file is left behind")
    }

    /// However long the model's name, the page header's three parts stay apart: the name is cut
    /// short with an ellipsis, the layout's title and the period whole.
    @Test(.enabled(if: BoardPackPDFTests.tools, "LibreOffice or poppler-utils is not installed (make test-setup installs both): skipped"))
    func aLongModelNameNeverRunsIntoTheHeadersOtherParts() throws {
        let scratch = try Scratch()
        let (model, layout) = try DivisionRollForwardTests().copyExample(to: scratch)
        let long = "Division Medicinsk teknik, Hälso- och sjukvårdsförvaltningen: månadsuppföljning med prognos och anställningsstopp 2024"
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("model \"Division Medicinsk teknik 2024\""))
        try text.replacingOccurrences(of: "model \"Division Medicinsk teknik 2024\"", with: "model \"\(long)\"")
            .write(toFile: model, atomically: true, encoding: .utf8)
        let pdf = scratch.path("lång.pdf")
        let run = try ExportCommandTests.kalkyl(["export", model, "--layout", layout, "--pdf", pdf])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try BoardPackPDFTests.pages(of: pdf)
        #expect(pages.count == 7)
        #expect(pages.first?.contains("månadsuppföljning med prognos och anställningsstopp 2024") == true, "the cover's title is whole")
        for page in pages.dropFirst() {
            let header = page.split(separator: "\n").first ?? ""
            #expect(header.contains("Division Medicinsk teknik, Hälso-") && header.contains("…") && !header.contains("anställningsstopp 2024")
                    && header.contains("Månadsrapport") && header.contains("per juni 2024"), "\(header)")
            // Apart: at least two spaces between the parts.
            #expect(header.contains("…  ") && header.contains("Månadsrapport  "), "\(header)")
        }
    }
}
