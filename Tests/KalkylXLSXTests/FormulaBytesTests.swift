import Foundation
@testable import KalkylXLSX
import Testing

/// `writeFormula(utf8:)`, the path a Calc sheet's million formulas take as bytes, writes the
/// same cells as `writeFormula(_:)` with a String and refuses the same formulas.
@Suite struct FormulaBytesTests {
    /// Formulas and results of every kind, some of them needing the String path's closer look:
    /// a character starting with the byte 0xEF (U+FFFD), a line break, a formula of more than
    /// 8192 bytes but at most 8192 characters.
    static let cells: [(String, XLSXFormulaResult)] = [
        ("=SUM(F12:I12)", .number(1234.5)),
        ("=Inputs!$E$4*(1+po)", .number(-0.25)),
        ("=\"l\u{F6}n \u{FFFD}\"", .text("l\u{F6}n \u{FFFD}")),
        ("=\"line\nbreak\"", .text("line\nbreak")),
        ("=F12>40000", .bool(true)),
        ("=1/0", .error(.divisionByZero)),
        ("A1+1", .number(2)),
        ("=\"" + String(repeating: "\u{E5}", count: 4100) + "\"", .text("")),
    ]

    @Test func writesTheCellsTheStringPathWrites() throws {
        let scratch = try Scratch()
        func write(_ name: String, bytes: Bool) throws -> String {
            let path = scratch.path(name)
            let book = try XLSXWorkbook(path: path)
            let sheet = try book.addWorksheet("Calc")
            var buffer: [UInt8] = []
            for (row, (formula, result)) in Self.cells.enumerated() {
                if bytes {
                    buffer = Array(formula.utf8)
                    try sheet.writeFormula(utf8: &buffer, result: result, row: row, column: 2)
                    #expect(buffer == Array(formula.utf8), "the caller's bytes are left as they were")
                } else {
                    try sheet.writeFormula(formula, result: result, row: row, column: 2)
                }
            }
            try book.close()
            return try ExportedWorkbook(URL(fileURLWithPath: path)).xml(of: "Calc")
        }
        let fromBytes = try write("bytes.xlsx", bytes: true)
        #expect(fromBytes == (try write("string.xlsx", bytes: false)))
        #expect(fromBytes.contains("<f>SUM(F12:I12)</f><v>1234.5</v>"))
        #expect(fromBytes.contains("t=\"b\"><f>F12&gt;40000</f><v>1</v>") || fromBytes.contains("t=\"b\"><f>F12>40000</f><v>1</v>"))
    }

    @Test func refusesWhatTheStringPathRefuses() throws {
        let scratch = try Scratch()
        let sheet = try XLSXWorkbook(path: scratch.path("a.xlsx")).addWorksheet("Data")
        let long = "=" + String(repeating: "1+", count: 4096) + "1"
        for formula in ["=\"a\u{0}b\"", "=\"a\u{7}\"", "=\"a\u{FFFE}\"", "=", "", long] {
            var bytes = Array(formula.utf8)
            var kinds: [XLSXError.Kind?] = []
            for write in [{ try sheet.writeFormula(utf8: &bytes, result: .number(1), row: 0, column: 0) },
                          { try sheet.writeFormula(formula, result: .number(1), row: 0, column: 0) }] {
                do {
                    try write()
                    kinds.append(nil)
                } catch let error as XLSXError {
                    kinds.append(error.kind)
                }
            }
            #expect(kinds == [.invalidArgument, .invalidArgument], "\(formula.prefix(20))")
        }
    }
}
