import KalkylXLSX
import Testing

/// A formula the test wrote, with the value it cached.
struct WrittenFormula {
    var sheet: String
    var address: String
    var formula: String
    var result: XLSXFormulaResult
}

/// Whether LibreOffice's recalculated cell is the value cached for the formula: numbers to a
/// relative 1e-9 (LibreOffice prints 15 significant digits), everything else exactly.
func agrees(_ cell: RecalculatedCell, _ expected: XLSXFormulaResult) -> Bool {
    switch (cell, expected) {
    case (.number(let actual), .number(let wanted)):
        return actual == wanted || abs(actual - wanted) <= 1e-9 * max(abs(actual), abs(wanted))
    case (.text(let actual), .text(let wanted)): return actual == wanted
    case (.bool(let actual), .bool(let wanted)): return actual == wanted
    case (.error(let actual), .error(let wanted)): return actual == wanted.rawValue
    default: return false
    }
}

/// Records an issue for every formula whose recalculated value differs from its cached one, and
/// for every unexpected error (an `Err:5xx` or `#NAME?` means LibreOffice could not read a formula).
func expectAgreement(_ book: RecalculatedWorkbook, _ formulas: [WrittenFormula], sourceLocation: SourceLocation = #_sourceLocation) {
    for written in formulas {
        let cell = book[written.sheet, written.address]
        #expect(
            agrees(cell, written.result),
            "\(written.sheet)!\(written.address) \(written.formula): LibreOffice computed \(cell), the cache says \(written.result)",
            sourceLocation: sourceLocation)
        if case .error(let error) = cell, error.hasPrefix("Err:") || error == "#NAME?" && written.result != .error(.name) {
            Issue.record("\(written.sheet)!\(written.address) \(written.formula): LibreOffice could not read it (\(error))", sourceLocation: sourceLocation)
        }
    }
}
