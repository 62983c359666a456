import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// A batch of cells made ready ahead (`CellBatch`, written by `XLSXWorksheet.write(_:formats:)`)
/// writes what the sheet's own methods write and refuses what they refuse.
@Suite struct CellBatchTests {
    /// Texts and formulas of every kind, the unusual ones included: a character starting with
    /// 0xEF, a line break, a formula of more than 8192 bytes but at most 8192 characters.
    static let formulas: [(String, XLSXFormulaResult)] = FormulaBytesTests.cells + [
        ("=\"x\"", .text("Kalkyl")),
        ("=NA()", .error(.notAvailable)),
        ("=1=0", .bool(false)),
    ]
    static let texts = ["Personnel cost", "l\u{F6}n \u{FFFD}", "", "two\nlines", "=1+1"]

    @Test func writesTheCellsTheSheetsMethodsWrite() throws {
        let scratch = try Scratch()
        func write(_ name: String, batched: Bool) throws -> String {
            let path = scratch.path(name)
            let book = try XLSXWorkbook(path: path)
            let sheet = try book.addWorksheet("Calc")
            let bold = try book.format(XLSXStyle(bold: true))
            let formats: [XLSXFormat?] = [nil, bold]
            var batch = CellBatch()
            for (row, text) in Self.texts.enumerated() {
                let format = UInt8(row % 2)
                if batched { batch.appendText(text, row: row, column: 0, format: format) }
                else { try sheet.writeString(text, row: row, column: 0, format: formats[Int(format)]) }
            }
            for (row, (formula, result)) in Self.formulas.enumerated() {
                let format = UInt8(row % 2)
                if batched {
                    batch.appendFormula(result: result, row: row, column: 2, format: format) { $0 += Array(formula.utf8) }
                } else {
                    try sheet.writeFormula(formula, result: result, row: row, column: 2, format: formats[Int(format)])
                }
            }
            if batched { try sheet.write(batch, formats: formats) }
            try book.close()
            return try ExportedWorkbook(URL(fileURLWithPath: path)).xml(of: "Calc")
        }
        let batched = try write("batched.xlsx", batched: true)
        #expect(batched == (try write("direct.xlsx", batched: false)))
        #expect(batched.contains("t=\"b\"><f>1=0</f><v>0</v>"))
        #expect(batched.contains("t=\"e\"><f>NA()</f><v>#N/A</v>"))
    }

    /// A cell written both ways: through the sheet's method, and through a batch.
    struct Case {
        var what: String
        var direct: (XLSXWorksheet) throws -> Void
        var batched: (inout CellBatch) -> Void
    }

    static func formulaCase(_ what: String, _ formula: String, _ result: XLSXFormulaResult, row: Int = 0, column: Int = 0) -> Case {
        Case(what: what, direct: { sheet in try sheet.writeFormula(formula, result: result, row: row, column: column) },
             batched: { batch in batch.appendFormula(result: result, row: row, column: column, format: 0) { $0 += Array(formula.utf8) } })
    }

    static func textCase(_ what: String, _ text: String, row: Int) -> Case {
        Case(what: what, direct: { sheet in try sheet.writeString(text, row: row, column: 0) },
             batched: { batch in batch.appendText(text, row: row, column: 0) })
    }

    @Test func refusesWhatTheSheetsMethodsRefuse() throws {
        let scratch = try Scratch()
        let long = "=" + String(repeating: "1+", count: 4096) + "1"
        var cases = [
            Self.textCase("NUL in a text", "a\u{0}b", row: 0),
            Self.textCase("row outside the C type", "a", row: -1),
            Self.textCase("row outside Excel's grid", "a", row: 1_048_576),
            Self.formulaCase("infinite cached number", "=1", .number(.infinity)),
            Self.formulaCase("control character in a cached text", "=1", .text("a\u{1}")),
            Self.formulaCase("column outside Excel's grid", "=1", .number(1), column: 16_384),
        ]
        for formula in ["=\"a\u{7}\"", "=\"a\u{FFFE}\"", "=", "", long] {
            cases.append(Self.formulaCase(String(formula.prefix(12)), formula, .number(1)))
        }
        for c in cases {
            let sheet = try XLSXWorkbook(path: scratch.path("a.xlsx")).addWorksheet("Data")
            var messages: [String?] = []
            var batch = CellBatch()
            c.batched(&batch)
            for write in [{ try c.direct(sheet) }, { try sheet.write(batch, formats: [nil]) }] {
                do {
                    try write()
                    messages.append(nil)
                } catch let error as XLSXError {
                    messages.append("\(error)")
                }
            }
            #expect(messages[0] != nil && messages[0] == messages[1], "\(c.what)")
        }
    }
}
