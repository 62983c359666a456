import Foundation
import KalkylXLSX
import Testing

/// `kalkyl export … --pdf`: the board pack as the board gets it, checked by its pages and
/// their text (poppler's pdfinfo and pdftotext), and the promises about the file: a clear
/// error without LibreOffice, and never a half-written PDF.
@Suite struct BoardPackPDFTests {
    static let tools = LibreOffice.executable != nil && tool("pdftotext") != nil && tool("pdfinfo") != nil
    static let layout = "workbooks/lansteknik-2021.layout"

    static func tool(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// `pdftotext -layout` of the pages, one string each.
    static func pages(of pdf: String) throws -> [String] {
        let info = try run("pdfinfo", [pdf])
        let count = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) })
        return try (1...count).map { try run("pdftotext", ["-layout", "-f", "\($0)", "-l", "\($0)", pdf, "-"]) }
    }

    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(tool(name)))
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = LibreOffice.Drain(out.fileHandleForReading)
        process.waitUntilExit()
        return text.text()
    }

    @Test(.enabled(if: tools, "LibreOffice or poppler-utils is not installed (make test-setup installs both): skipped"))
    func theSwedishPackIsTheCoverAndTheReportSheetsInSwedish() throws {
        let scratch = try Scratch()
        let pdf = scratch.path("nämnd.pdf")
        let run = try ExportCommandTests.kalkyl(["export", ExportCommandTests.example, "--layout", Self.layout, "--pdf", pdf])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote \(pdf): Cover, Resultat, Personal, Nyckeltal\n")
        #expect(try Self.run("pdfinfo", [pdf]).contains("(A4)"))
        let pages = try Self.pages(of: pdf)
        #expect(pages.count == 4, "a page each for the cover and the three report sheets, not the Inputs and Calc sheets")
        // The footers: the sheet and the page of the whole pack.
        for (k, sheet) in ["Cover", "Resultat", "Personal", "Nyckeltal"].enumerated() {
            #expect(pages[k].contains(sheet) && pages[k].contains("\(k + 1) (4)"), "page \(k + 1): \(pages[k])")
        }
        let cover = pages[0]
        for words in ["Rapportpaket exporterat av Kalkyl", "Innehåll", "Tidsaxel", "Ekonomiskt resultat per april 2021",
                      "Väsentliga personalförhållanden 2021", "Beräkningar för modellen som den är skriven"] {
            #expect(cover.contains(words), "the cover says '\(words)'")
        }
        #expect(!cover.contains("Board pack") && !cover.contains("Timeline"), "no English on a Swedish cover")
        // The report sheets as a Swedish LibreOffice prints them: month names and decimal commas.
        #expect(pages[1].contains("Ekonomiskt resultat per april 2021") && pages[1].contains("Delårsrapport 1 2021"))
        #expect(pages[1].contains("28,5"), "the year to date's personnel cost in mnkr, with a decimal comma")
        #expect(pages[2].contains("jan") && pages[2].contains("okt") && pages[2].contains("T1 2021"))
        #expect(try scratch.listing() == ["nämnd.pdf"], "no temporary file is left behind")
    }

    @Test(.enabled(if: tools, "LibreOffice or poppler-utils is not installed (make test-setup installs both): skipped"))
    func anEnglishModelGetsAnEnglishPackAndBothFilesAtOnce() throws {
        let scratch = try Scratch()
        try """
            model "Northfield Hospital, medical technology division: the monthly follow-up of staff and personnel costs 2021"
            timeline monthly 2021-01 .. 2021-12
            actuals through 2021-04
            ## Staff at the start of the year
            input employees_start: persons = 137
            ## Monthly salary
            input avg_salary: kr/persons = 41_500
            input hires[month]: persons = 0
            input hires[2021-02] = 2
            ## Monthly budget
            input budget[month]: kr = 6_000_000
            ## Employees
            employees[month]: persons = PREV(employees, employees_start) + hires
            ## Personnel cost
            cost personnel_cost[month]: kr = employees * avg_salary
            ## Over budget
            over_budget[month] = personnel_cost > budget

            """.write(toFile: scratch.path("en.kalkyl"), atomically: true, encoding: .utf8)
        try """
            title "Interim report to April 2021"
            period 2021-04
            sheet "Result"
            title "Result {per}"
            columns "Actual {period}" = ytd, "Budget {period}" = budget ytd, "Variance {period}" = variance ytd
            row personnel_cost vs budget mnkr
            sheet "Staff"
            columns months, year
            row employees
            row over_budget

            """.write(toFile: scratch.path("en.layout"), atomically: true, encoding: .utf8)
        let xlsx = scratch.path("pack.xlsx"), pdf = scratch.path("pack.pdf")
        let run = try ExportCommandTests.kalkyl(["export", scratch.path("en.kalkyl"), "--layout", scratch.path("en.layout"), "-o", xlsx, "--pdf", pdf])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote \(xlsx): Cover, Result, Staff, Inputs, Calc ("))
        #expect(run.stdout.hasSuffix("wrote \(pdf): Cover, Result, Staff\n"))
        // The workbook shows every sheet; only the PDF's own workbook hid the model's.
        #expect(!(try ExportedWorkbook.unzip(URL(fileURLWithPath: xlsx), "xl/workbook.xml")).contains("hidden"))
        let pages = try Self.pages(of: pdf)
        #expect(pages.count == 3)
        #expect(pages[0].contains("Board pack exported by Kalkyl") && pages[0].contains("What it holds") && pages[0].contains("Result to April 2021"))
        #expect(!pages[0].contains("Rapportpaket") && !pages[0].contains("Innehåll"))
        #expect(pages[1].contains("Result to April 2021") && pages[1].contains("Actual Jan–Apr") && pages[1].contains("23.0") && pages[1].contains("24.0"), "(137 + 3 × 139) × 41,500 kr and 4 × 6 mnkr: \(pages[1])")
        #expect(pages[2].contains("Jan") && pages[2].contains("Oct"))
        // However long the model's name, the page header's three parts stay apart: the name is cut short.
        let header = try #require(pages[1].split(separator: "\n").first)
        #expect(header.contains("Northfield Hospital, medical technology…") && header.contains("Interim report to April 2021")
                && header.contains("to April 2021"), "\(header)")
    }

    @Test func withoutLibreOfficeItIsExitThreeAndNothingIsWritten() throws {
        let scratch = try Scratch()
        let empty = scratch.path("bin")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        let old = Data("last month's pack".utf8)
        try old.write(to: URL(fileURLWithPath: scratch.path("pack.pdf")))
        let run = try ExportCommandTests.kalkyl(["export", ExportCommandTests.example, "-o", scratch.path("pack.xlsx"), "--pdf", scratch.path("pack.pdf")],
                                                environment: ["PATH": empty])
        #expect(run.status == 3)
        #expect(run.stderr.contains("could not write \(scratch.path("pack.pdf")): LibreOffice is not installed (no soffice on PATH)"), "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: scratch.path("pack.pdf")) == old)
        #expect(try scratch.listing() == ["bin", "pack.pdf"], "not even the workbook")
    }

    /// soffice exits 0 even when it wrote nothing: the PDF itself is the proof, and an old one
    /// stays as it was.
    @Test func aLibreOfficeThatWritesNothingLeavesTheOldPDF() throws {
        let scratch = try Scratch()
        let bin = scratch.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
        try "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n".write(toFile: bin + "/soffice", atomically: true, encoding: .utf8)
        chmod(bin + "/soffice", 0o755)
        let old = Data("last month's pack".utf8)
        try old.write(to: URL(fileURLWithPath: scratch.path("pack.pdf")))
        let run = try ExportCommandTests.kalkyl(["export", ExportCommandTests.example, "--pdf", scratch.path("pack.pdf")], environment: ["PATH": bin])
        #expect(run.status == 3)
        #expect(run.stderr.contains("LibreOffice wrote no PDF (exit 0): Error: source file could not be loaded"), "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: scratch.path("pack.pdf")) == old)
        #expect(try scratch.listing() == ["bin", "pack.pdf"])
    }

    @Test func neitherOutputIsWrongUsage() throws {
        let run = try ExportCommandTests.kalkyl(["export", ExportCommandTests.example])
        #expect(run.status == 2)
        #expect(run.stderr.contains("give the workbook to write (-o/--output OUT.xlsx), the PDF (--pdf OUT.pdf), or both"))
        let same = try ExportCommandTests.kalkyl(["export", ExportCommandTests.example, "-o", "/tmp/x.pdf", "--pdf", "/tmp/x.pdf"])
        #expect(same.status == 2)
    }
}
