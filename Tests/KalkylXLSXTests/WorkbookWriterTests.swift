import Foundation
import KalkylXLSX
import Testing

/// The wrapper over libxlsxwriter: every failure is a thrown `XLSXError`, never a crash, a broken
/// file, or a touch of freed memory.
@Suite struct WorkbookWriterTests {
    /// Runs `body` and returns the `XLSXError` it threw (recording an issue if it threw none or another).
    func failure(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> XLSXError? {
        do {
            try body()
            Issue.record("expected an XLSXError, nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as XLSXError {
            return error
        } catch {
            Issue.record("expected an XLSXError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func aWorkbookIsWrittenOnlyAtClose() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        let sheet = try book.addWorksheet("Data")
        try sheet.writeNumber(1, row: 0, column: 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("a.xlsx")))
        try book.close()
        let data = try #require(FileManager.default.contents(atPath: scratch.path("a.xlsx")))
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip file")
        #expect(book.isClosed)
    }

    // MARK: - libxlsxwriter's errors, mapped

    @Test func writingOutsideExcelsGridThrows() throws {
        let scratch = try Scratch()
        let sheet = try XLSXWorkbook(path: scratch.path("a.xlsx")).addWorksheet("Data")
        try sheet.writeNumber(1, row: 1_048_575, column: 16_383)  // XFD1048576, the last cell
        let cases: [(Int, Int)] = [(1_048_576, 0), (0, 16_384), (-1, 0), (0, -1), (Int.max, 0), (0, 70_000)]
        for (row, column) in cases {
            let error = failure { try sheet.writeNumber(1, row: row, column: column) }
            #expect(error?.code == .worksheetIndexOutOfRange, "row \(row), column \(column)")
            #expect(error?.message == "Worksheet row or column index out of range.")
        }
        #expect(failure { try sheet.writeString("x", row: 1_048_576, column: 0) }?.code == .worksheetIndexOutOfRange)
        #expect(failure { try sheet.writeFormula("=1", result: .number(1), row: 0, column: 16_384) }?.code == .worksheetIndexOutOfRange)
        #expect(failure { try sheet.setColumnWidth(0...16_384, width: 10) }?.code == .worksheetIndexOutOfRange)
        #expect(failure { try sheet.freezePanes(row: 1_048_576, column: 0) }?.code == .worksheetIndexOutOfRange)
    }

    @Test func theOperationAndLibrarysMessageAreInTheError() throws {
        let scratch = try Scratch()
        let sheet = try XLSXWorkbook(path: scratch.path("a.xlsx")).addWorksheet("Result sheet")
        let error = try #require(failure { try sheet.writeString(String(repeating: "x", count: 32_768), row: 1, column: 2) })
        #expect(error.code == .maxStringLengthExceeded)
        #expect(error.description == "write text at 'Result sheet'!C2: String exceeds Excel's limit of 32,767 characters.")
    }

    @Test func badSheetNamesThrowLibxlsxwritersErrors() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        _ = try book.addWorksheet("Café")
        #expect(failure { _ = try book.addWorksheet(String(repeating: "x", count: 32)) }?.code == .sheetnameLengthExceeded)
        #expect(failure { _ = try book.addWorksheet("a[1]") }?.code == .invalidSheetnameCharacter)
        #expect(failure { _ = try book.addWorksheet("'quoted'") }?.code == .sheetnameStartEndApostrophe)
        #expect(failure { _ = try book.addWorksheet("café") }?.code == .sheetnameAlreadyUsed)
        // libxlsxwriter folds only ASCII; Excel would still call this the same sheet.
        #expect(failure { _ = try book.addWorksheet("CAFÉ") }?.code == .sheetnameAlreadyUsed)
        #expect(failure { _ = try book.addWorksheet("") }?.kind == .invalidArgument)
        #expect(failure { _ = try book.addWorksheet("history") }?.kind == .invalidArgument)
        #expect(failure { _ = try book.addWorksheet("tab\u{1}") }?.kind == .invalidArgument)
        _ = try book.addWorksheet(String(repeating: "å", count: 31))  // 31 characters, 62 bytes
        #expect(book.worksheets.map(\.name) == ["Café", String(repeating: "å", count: 31)])
        try book.close()
    }

    // MARK: - After close

    @Test func closingTwiceThrowsClosedAndNothingElse() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        try book.close()
        #expect(failure { try book.close() }?.kind == .closed)
    }

    @Test func everyHandleThrowsAfterClose() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        let sheet = try book.addWorksheet("Data")
        let bold = try book.format(XLSXStyle(bold: true))
        try book.close()
        let calls: [() throws -> Void] = [
            { try sheet.writeNumber(1, row: 0, column: 0) },
            { try sheet.writeString("x", row: 0, column: 0) },
            { try sheet.writeBoolean(true, row: 0, column: 0) },
            { try sheet.writeBlank(row: 0, column: 0, format: bold) },
            { try sheet.writeFormula("=1", result: .number(1), row: 0, column: 0) },
            { try sheet.setColumnWidth(0...1, width: 12) },
            { try sheet.setRowHeight(0, height: 20) },
            { try sheet.freezePanes(row: 1, column: 1) },
            { _ = try book.addWorksheet("More") },
            { _ = try book.format(XLSXStyle(italic: true)) },
            { _ = try book.format(XLSXStyle(bold: true)) },
            { try book.defineName("x", formula: "=1") },
        ]
        for call in calls {
            #expect(failure(call)?.kind == .closed)
        }
    }

    @Test func aFailedCloseFreesEverythingAndReportsTheLibrarysError() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("no/such/dir/a.xlsx"))
        let sheet = try book.addWorksheet("Data")
        try sheet.writeNumber(1, row: 0, column: 0)
        let error = failure { try book.close() }
        #expect(error?.code == .creatingXLSXFile)
        #expect(error?.message == "Error creating output xlsx file. Usually a permissions error.")
        #expect(failure { try sheet.writeNumber(2, row: 0, column: 0) }?.kind == .closed)
        #expect(failure { try book.close() }?.kind == .closed)
    }

    @Test func anUnclosedWorkbookWritesNothing() throws {
        let scratch = try Scratch()
        do {
            let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
            try book.addWorksheet("Data").writeString("never written", row: 0, column: 0)
        }
        #expect(try scratch.listing() == [])
    }

    @Test func aSheetOutlivingItsWorkbookObjectStillWorks() throws {
        let scratch = try Scratch()
        var book: XLSXWorkbook? = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        let sheet = try book!.addWorksheet("Data")
        weak let weakBook = book
        book = nil
        #expect(weakBook == nil, "the sheet does not keep the workbook object alive: no cycle")
        try sheet.writeNumber(1, row: 0, column: 0)  // the C memory belongs to the shared state
    }

    // MARK: - What the wrapper refuses before it reaches libxlsxwriter

    @Test func numbersMustBeFinite() throws {
        let scratch = try Scratch()
        let sheet = try XLSXWorkbook(path: scratch.path("a.xlsx")).addWorksheet("Data")
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(failure { try sheet.writeNumber(value, row: 0, column: 0) }?.kind == .invalidArgument)
            #expect(failure { try sheet.writeFormula("=1/0", result: .number(value), row: 0, column: 0) }?.kind == .invalidArgument)
        }
    }

    @Test func formulasAndTheirCachedTextStayValidXML() throws {
        let scratch = try Scratch()
        let sheet = try XLSXWorkbook(path: scratch.path("a.xlsx")).addWorksheet("Data")
        #expect(failure { try sheet.writeFormula("=\"a\u{0}b\"", result: .text("a"), row: 0, column: 0) }?.kind == .invalidArgument)
        #expect(failure { try sheet.writeFormula("=\"a\u{7}\"", result: .text("a"), row: 0, column: 0) }?.kind == .invalidArgument)
        #expect(failure { try sheet.writeFormula("=A2", result: .text("bell\u{7}"), row: 0, column: 0) }?.kind == .invalidArgument)
        #expect(failure { try sheet.writeFormula("=", result: .number(0), row: 0, column: 0) }?.kind == .invalidArgument)
        let long = "=" + String(repeating: "1+", count: 4096) + "1"
        #expect(failure { try sheet.writeFormula(long, result: .number(4097), row: 0, column: 0) }?.kind == .invalidArgument)
        try sheet.writeFormula("=\"line\nbreak\"", result: .text("line\nbreak"), row: 0, column: 0)
        #expect(failure { try sheet.writeString("a\u{0}b", row: 0, column: 0) }?.kind == .invalidArgument)
        try sheet.writeString("control \u{1} characters are escaped by libxlsxwriter", row: 1, column: 0)
    }

    @Test func definedNamesFollowExcelsRules() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        _ = try book.addWorksheet("Inputs")
        try book.defineName("po", formula: "=Inputs!$B$3")
        try book.defineName("lön_2021.total", formula: "=0.4615")
        try book.defineName("_x", formula: "1")
        for bad in ["", "A1", "xfd1048576", "R1C1", "r", "C", "RC3", "1st", ".x", "a b", "a-b", "TRUE", "_xlnm.Print_Area", String(repeating: "n", count: 128)] {
            #expect(failure { try book.defineName(bad, formula: "=1") }?.kind == .invalidArgument, "\(bad)")
        }
        #expect(failure { try book.defineName("PO", formula: "=2") }?.kind == .invalidArgument, "names ignore case")
        #expect(failure { try book.defineName("long", formula: "=" + String(repeating: "1", count: 128)) }?.kind == .invalidArgument)
        try book.defineName("longest", formula: "=" + String(repeating: "1", count: 127))
        try book.close()
    }

    @Test func formatsAreSharedPerStyleAndBelongToTheirWorkbook() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        let other = try XLSXWorkbook(path: scratch.path("b.xlsx"))
        let money = XLSXStyle(numberFormat: "#,##0 \"kr\"", bold: true)
        #expect(try book.format(money) === book.format(money))
        let sheet = try other.addWorksheet("Data")
        let foreign = try book.format(money)
        #expect(failure { try sheet.writeNumber(1, row: 0, column: 0, format: foreign) }?.kind == .invalidArgument)
        #expect(failure { _ = try book.format(XLSXStyle(numberFormat: String(repeating: "0", count: 128))) }?.kind == .invalidArgument)
        #expect(failure { _ = try book.format(XLSXStyle(fontSize: 0)) }?.kind == .invalidArgument)
        #expect(failure { _ = try book.format(XLSXStyle(fillColor: 0x1_000_000)) }?.kind == .invalidArgument)
        #expect(failure { _ = try book.format(XLSXStyle(indent: 16)) }?.kind == .invalidArgument)
        #expect(failure { try sheet.setColumnWidth(0...0, width: 256) }?.kind == .invalidArgument)
        #expect(failure { try sheet.setRowHeight(0, height: .nan) }?.kind == .invalidArgument)
    }

    @Test func propertiesRefuseTheTimeLibxlsxwriterTakesForNow() throws {
        let scratch = try Scratch()
        let now = XLSXDocumentProperties(created: Date(timeIntervalSince1970: 0))
        #expect(failure { _ = try XLSXWorkbook(path: scratch.path("a.xlsx"), properties: now) }?.kind == .invalidArgument)
        #expect(failure { _ = try XLSXWorkbook(path: scratch.path("a.xlsx"), properties: .init(title: "a\u{0}")) }?.kind == .invalidArgument)
        #expect(failure { _ = try XLSXWorkbook(path: "") }?.kind == .invalidArgument)
        #expect(try scratch.listing() == [])
    }

    // MARK: - Addresses

    @Test func addresses() {
        #expect(XLSXAddress.columnName(0) == "A")
        #expect(XLSXAddress.columnName(25) == "Z")
        #expect(XLSXAddress.columnName(26) == "AA")
        #expect(XLSXAddress.columnName(701) == "ZZ")
        #expect(XLSXAddress.columnName(702) == "AAA")
        #expect(XLSXAddress.columnName(16_383) == "XFD")
        #expect(XLSXAddress.cell(row: 1, column: 1) == "B2")
        #expect(XLSXAddress.cell(row: 1_048_575, column: 16_383, absolute: true) == "$XFD$1048576")
        #expect(XLSXAddress.sheetPrefix("Inputs") == "Inputs!")
        #expect(XLSXAddress.sheetPrefix("Lön_2021") == "Lön_2021!")
        #expect(XLSXAddress.sheetPrefix("Result sheet") == "'Result sheet'!")
        #expect(XLSXAddress.sheetPrefix("Q1 '21") == "'Q1 ''21'!")
        #expect(XLSXAddress.sheetPrefix("2021") == "'2021'!")
        #expect(XLSXAddress.sheetPrefix("AB12") == "'AB12'!")
        #expect(XLSXAddress.sheetPrefix("R1C1") == "'R1C1'!")
    }
}
