import Foundation
import KalkylXLSX
import Testing

/// Workbooks written by the wrapper, recalculated by LibreOffice: every formula must compute the
/// value cached beside it, and text must stay text.
@Suite struct LibreOfficeRoundTripTests {
    static let inputs = "Inputs"
    static let results = "Result sheet"
    static let summary = "Sammanställning 2021"

    let salary = 36_650.0
    let overhead = 0.4615
    let employees = 137.0
    let start = 44_197.0  // 2021-01-01
    /// Text that a careless writer would turn into formulas.
    let hostileText = ["=1+1", "+46 8 123 45", "-5", "@SUM(1)", "=HYPERLINK(\"http://x\",\"y\")"]

    /// Writes the workbook and returns the formulas it holds with their cached values.
    func writeBoardPack(to path: String) throws -> [WrittenFormula] {
        var written: [WrittenFormula] = []
        try XLSXWorkbook.write(to: path, properties: .init(title: "Round trip")) { book in
            let inputs = try book.addWorksheet(Self.inputs)
            let results = try book.addWorksheet(Self.results)
            let summary = try book.addWorksheet(Self.summary)
            let percent = try book.format(XLSXStyle(numberFormat: "0.00%"))
            let month = try book.format(XLSXStyle(numberFormat: "yyyy-mm"))
            let money = try book.format(XLSXStyle(numberFormat: "#,##0 \"kr\"", bold: true))

            try inputs.writeString("Antagande", row: 0, column: 0)
            try inputs.writeString("Värde", row: 0, column: 1)
            try inputs.writeString("Lön", row: 1, column: 0)
            try inputs.writeNumber(salary, row: 1, column: 1, format: money)
            try inputs.writeString("Personalomkostnad", row: 2, column: 0)
            try inputs.writeNumber(overhead, row: 2, column: 1, format: percent)
            try inputs.writeString("Anställda", row: 3, column: 0)
            try inputs.writeNumber(employees, row: 3, column: 1)
            try inputs.writeString("Start", row: 4, column: 0)
            try inputs.writeNumber(start, row: 4, column: 1, format: month)
            try inputs.writeBoolean(true, row: 5, column: 1)
            for (offset, text) in hostileText.enumerated() {
                try inputs.writeString(text, row: 6 + offset, column: 1)
            }
            try inputs.setColumnWidth(0...0, width: 20)
            try inputs.freezePanes(row: 1, column: 0)

            try book.defineName("salary", formula: "=Inputs!$B$2")
            try book.defineName("po", formula: "=Inputs!$B$3")
            try book.defineName("employees", formula: "=Inputs!$B$4")

            func formula(_ sheet: XLSXWorksheet, _ row: Int, _ text: String, _ result: XLSXFormulaResult, _ format: XLSXFormat? = nil) throws {
                try sheet.writeFormula(text, result: result, row: row, column: 0, format: format)
                written.append(WrittenFormula(sheet: sheet.name, address: XLSXAddress.cell(row: row, column: 0), formula: text, result: result))
            }
            let monthly = salary * (1 + overhead)
            let a4 = (monthly / 7 * 100).rounded(.toNearestOrAwayFromZero) / 100
            try formula(results, 0, "=Inputs!B2*(1+po)", .number(monthly), money)
            try formula(results, 1, "=salary*employees*(1+po)*12", .number(salary * employees * (1 + overhead) * 12), money)
            try formula(results, 2, "=SUM(Inputs!B2:B4)", .number(salary + overhead + employees))
            try formula(results, 3, "=ROUND(A1/7,2)", .number(a4))
            try formula(results, 4, "=IF(A1>50000,\"hög\",\"låg\")", .text("hög"))
            try formula(results, 5, "=IFERROR(1/0,-1)", .number(-1))
            try formula(results, 6, "=_xlfn.CONCAT(\"Lön \",Inputs!B4,\" pers\")", .text("Lön 137 pers"))
            try formula(results, 7, "=1/0", .error(.divisionByZero))
            try formula(results, 8, "=A1>50000", .bool(true))
            try formula(results, 9, "=Inputs!B7", .text("=1+1"))
            try formula(results, 10, "=ISTEXT(Inputs!B7)", .bool(true))
            try formula(results, 11, "=Inputs!B5+31", .number(start + 31), month)
            try formula(results, 12, "=0.1+0.2", .number(0.1 + 0.2))
            try formula(results, 13, "=AVERAGE(Inputs!B2,Inputs!B4)", .number((salary + employees) / 2))
            try formula(results, 14, "=MAX(Inputs!B2:B4)-MIN(Inputs!B2:B4)", .number(salary - overhead))
            try formula(results, 15, "=A4/A1", .number(a4 / monthly), percent)
            try formula(results, 16, "=IF(Inputs!B6,\"ja\",\"nej\")", .text("ja"))
            try formula(results, 17, "=NA()", .error(.notAvailable))
            try formula(results, 18, "=IFERROR(Inputs!B2/0,\"\")", .text(""))
            try formula(results, 19, "=ROUND(-2.5,0)", .number(-3))
            try formula(results, 20, "=Inputs!B2/3", .number(salary / 3))
            try formula(results, 21, "=Inputs!B2*1E-300", .number(salary * 1e-300))
            try formula(summary, 0, "='Result sheet'!A1*2", .number(monthly * 2))
            try formula(summary, 1, "=SUM('Result sheet'!A1:A4)", .number(monthly + salary * employees * (1 + overhead) * 12 + salary + overhead + employees + a4))
            try formula(summary, 2, "=IFERROR('Result sheet'!A8,0)", .number(0))
            try formula(summary, 3, "=_xlfn.CONCAT('Result sheet'!A5,\"-\",po)", .text("hög-0.4615"))
        }
        return written
    }

    @Test func everyFormulaRecalculatesToItsCachedValue() throws {
        let scratch = try Scratch()
        let path = scratch.path("board.xlsx")
        let written = try writeBoardPack(to: path)
        let book = try LibreOffice.recalculate(URL(fileURLWithPath: path), sheets: [Self.inputs, Self.results, Self.summary])
        #expect(written.count == 26)
        expectAgreement(book, written)

        // Inputs come back as written; the text that looks like formulas stays text.
        #expect(book[Self.inputs, "B2"] == .number(salary))
        #expect(agrees(book[Self.inputs, "B3"], .number(overhead)), "a percentage comes back as 46.15%")
        #expect(book[Self.inputs, "B5"] == .number(start))
        #expect(book[Self.inputs, "B6"] == .bool(true))
        #expect(book[Self.inputs, "A3"] == .text("Personalomkostnad"))
        for (offset, text) in hostileText.enumerated() {
            #expect(book[Self.inputs, "B\(7 + offset)"] == .text(text))
        }
    }

    /// The harness itself: it must really recalculate, and it must see what LibreOffice can't read.
    @Test func theHarnessRecalculatesAndSeesUnreadableFormulas() throws {
        let scratch = try Scratch()
        let path = scratch.path("wrong.xlsx")
        try XLSXWorkbook.write(to: path) { book in
            let sheet = try book.addWorksheet("Data")
            try sheet.writeFormula("=1+1", result: .number(42), row: 0, column: 0)
            try sheet.writeFormula("=NOSUCHFUNCTION(1)", result: .number(42), row: 1, column: 0)
            try sheet.writeFormula("=CONCAT(\"a\",\"b\")", result: .text("ab"), row: 2, column: 0)  // no _xlfn.
            try sheet.writeFormula("=SUM(1;2)", result: .number(3), row: 3, column: 0)
            try sheet.writeFormula("=1>0", result: .bool(true), row: 4, column: 0)
            try sheet.writeFormula("=1/0", result: .error(.divisionByZero), row: 5, column: 0)
        }
        let book = try LibreOffice.recalculate(URL(fileURLWithPath: path), sheets: ["Data"])
        #expect(book["Data", "A1"] == .number(2), "recalculated, not the cached 42")
        #expect(book["Data", "A2"] == .error("#NAME?"))
        #expect(book["Data", "A3"] == .error("#NAME?"))
        #expect(book["Data", "A4"] == .error("Err:508"))
        #expect(book["Data", "A5"] == .bool(true), "a boolean cached as text comes back a boolean")
        #expect(book["Data", "A6"] == .error("#DIV/0!"))
        #expect(book["Data", "Z99"] == .blank)
    }

    @Test func theHarnessReportsAFileLibreOfficeCannotOpen() throws {
        let scratch = try Scratch()
        let path = scratch.path("broken.xlsx")
        try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LibreOffice.Failure.self) {
            _ = try LibreOffice.recalculate(URL(fileURLWithPath: path), sheets: ["Data"])
        }
    }
}

/// The parts of the harness that need no LibreOffice.
@Suite struct HarnessParsingTests {
    @Test func csvFieldsRememberQuotes() throws {
        let rows = try CSV.parse("1,\"a \"\"q\"\", b\",,TRUE\n\"two\nlines\",\"\"")
        #expect(rows == [
            [.init(text: "1", quoted: false), .init(text: "a \"q\", b", quoted: true), .init(text: "", quoted: false), .init(text: "TRUE", quoted: false)],
            [.init(text: "two\nlines", quoted: true), .init(text: "", quoted: true)],
        ])
        #expect(try CSV.parse("") == [])
        #expect(try CSV.parse("x\n") == [[.init(text: "x", quoted: false)]])
        #expect(throws: LibreOffice.Failure.self) { try CSV.parse("\"open") }
    }

    @Test func cellsAreTypedAsLibreOfficePrintsThem() throws {
        func cell(_ text: String, quoted: Bool = false) throws -> RecalculatedCell {
            try LibreOffice.cell(CSV.Field(text: text, quoted: quoted))
        }
        #expect(try cell("") == .blank)
        #expect(try cell("-0.666666666666667") == .number(-0.666666666666667))
        #expect(try cell("6.66666666666667E+019") == .number(6.66666666666667e19))
        #expect(agrees(try cell("33.3333333333333%"), .number(1.0 / 3)))
        #expect(try cell("04/01/2021") == .number(44_287))
        #expect(try cell("2021-04-01") == .number(44_287))
        #expect(try cell("03/01/1900") == .number(61))
        #expect(try cell("04/01/2021 12:00:00") == .number(44_287.5))
        #expect(try cell("TRUE") == .bool(true))
        #expect(try cell("TRUE", quoted: true) == .text("TRUE"))
        #expect(try cell("#DIV/0!", quoted: true) == .error("#DIV/0!"))
        #expect(try cell("Err:502", quoted: true) == .error("Err:502"))
        #expect(throws: LibreOffice.Failure.self) { try cell("1,234 kr") }
    }
}
