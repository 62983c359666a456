import Foundation
@testable import Kalkyl
import Testing

/// The workbook is meant for Excel 2016 and LibreOffice 7.4 and later (docs/functions.md). Of
/// the functions Excel stores with `_xlfn.`, those Excel 2010 and 2013 added are in both; each
/// one added later is written as older functions where they compute alike (the export tests
/// pin those formulas), and docs/functions.md says what its cells show in Excel 2016 where not.
@Suite struct WorkbookVersionTests {
    /// Added in Excel 2010 or 2013: Excel 2016 and LibreOffice 7.4 compute them.
    static let inExcel2016: Set<String> = [
        "CEILING.MATH", "CEILING.PRECISE", "DAYS", "FLOOR.MATH", "FLOOR.PRECISE", "IFNA", "ISOWEEKNUM", "MODE.SNGL",
        "PDURATION", "PERCENTILE.INC", "QUARTILE.INC", "RANK.EQ", "RRI", "STDEV.P", "STDEV.S", "VAR.P", "VAR.S", "XOR",
    ]
    /// Added in Excel 2019, 2021 or Microsoft 365: Excel 2016 shows `#NAME?` for them.
    static let afterExcel2016: Set<String> = [
        "CONCAT", "IFS", "MAXIFS", "MINIFS", "SWITCH", "TEXTAFTER", "TEXTBEFORE", "TEXTJOIN", "XLOOKUP", "XMATCH",
    ]

    /// A new `_xlfn.` function must be put on one side or the other.
    @Test func everyNewerFunctionIsClassified() {
        #expect(Self.inExcel2016.union(Self.afterExcel2016) == FunctionRegistryTests.excelFutureFunctions)
        #expect(Self.inExcel2016.isDisjoint(with: Self.afterExcel2016))
    }

    /// One a workbook always writes under its own name must be explained: which versions show
    /// `#NAME?`. One written as older functions must say when, and what the other cases show.
    @Test func whatExcel2016LacksIsRewrittenOrExplained() throws {
        let path = ExampleModelTests.root.appendingPathComponent("docs/functions.md").path
        let docs = try String(contentsOfFile: path, encoding: .utf8)
        // Paragraphs and list items, each one statement, its lines joined.
        let statements = docs.components(separatedBy: "\n\n").flatMap { $0.components(separatedBy: "\n- ") }
            .map { $0.replacingOccurrences(of: "\n", with: " ") }
        for name in Self.afterExcel2016.sorted() {
            let spec = try #require(FunctionRegistry.lookup(name))
            let about = statements.filter { $0.contains(name) && $0.contains("Excel 2016") }
            switch spec.excel {
            case .stored:
                #expect(about.contains { $0.contains("#NAME?") }, "docs/functions.md does not say that Excel 2016 shows #NAME? for \(name)")
            case .expression:
                #expect(!about.isEmpty, "docs/functions.md does not say how \(name) is written for Excel 2016")
            case .same:
                Issue.record("\(name) is stored without _xlfn.")
            }
        }
    }
}
