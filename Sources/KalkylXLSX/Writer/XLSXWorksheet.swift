internal import CXlsxWriter

/// An Excel error value, spelled as Excel spells it.
public enum XLSXCellError: String, CaseIterable, Sendable {
    case null = "#NULL!"
    case divisionByZero = "#DIV/0!"
    case value = "#VALUE!"
    case reference = "#REF!"
    case name = "#NAME?"
    case number = "#NUM!"
    case notAvailable = "#N/A"
}

/// The value a formula had when the file was written, stored beside the formula so that a reader
/// that does not recalculate still shows it.
///
/// libxlsxwriter 1.1.4 can cache only numbers and strings; a boolean and an error get their own
/// types (`t="b"`, `t="e"`) when ``XLSXWorkbook/close()`` rewrites the sheets it wrote
/// (``CachedResultTypes``), so a reader that does not recalculate sees TRUE, not the text "TRUE".
public enum XLSXFormulaResult: Equatable, Sendable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case error(XLSXCellError)
}

/// A sheet of an ``XLSXWorkbook``. Rows and columns are 0-based (`row: 0, column: 0` is A1).
///
/// Every method throws instead of writing a broken file: outside Excel's grid, text it would cut,
/// numbers it cannot store (NaN, ±∞), a format from another workbook, or a closed workbook.
public final class XLSXWorksheet {
    /// The sheet's name, as on its tab and in formulas (see ``XLSXAddress/sheetPrefix(_:)``).
    public let name: String
    let state: WorkbookState
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    /// Its formula cells that cache a truth value or an error, retyped after the file is written.
    var cachedTypes = CachedResultTypes()

    /// Excel's limit on the length of a formula, in characters.
    public static let maxFormulaLength = 8192
    /// Excel's limit on the length of a text cell, in characters.
    public static let maxTextLength = 32_767

    init(name: String, state: WorkbookState, pointer: UnsafeMutablePointer<lxw_worksheet>) {
        self.name = name
        self.state = state
        self.pointer = pointer
    }

    /// Writes a number. It must be finite: the file format has no NaN or infinity.
    public func writeNumber(_ value: Double, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        // The label is made only for an error (the autoclosures): a closure held in a constant
        // would be allocated for every cell.
        let (r, c, f) = try prepare(row, column, format, label("write number", row, column))
        guard value.isFinite else { throw XLSXError.invalid(label("write number", row, column), "\(value) is not a number Excel can store") }
        try check(worksheet_write_number(pointer, r, c, value, f), label("write number", row, column))
        cachedTypes.mark(row: row, column: column, nil)
    }

    /// Writes text, always as text: `=1+1`, `+46 8 …`, `-5` or `@x` is stored as those characters
    /// and never becomes a formula. The empty string writes a blank cell (libxlsxwriter cannot store
    /// empty text), which exists in the file only if it has a format.
    public func writeString(_ text: String, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let (r, c, f) = try prepare(row, column, format, label("write text", row, column))
        try Text.requireNoNUL(text, what: "text", label("write text", row, column))
        try check(worksheet_write_string(pointer, r, c, text, f), label("write text", row, column))
        cachedTypes.mark(row: row, column: column, nil)
    }

    /// Writes TRUE or FALSE.
    public func writeBoolean(_ value: Bool, row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let operation = { self.label("write boolean", row, column) }
        let (r, c, f) = try prepare(row, column, format, operation())
        try check(worksheet_write_boolean(pointer, r, c, value ? 1 : 0, f), operation())
        cachedTypes.mark(row: row, column: column, nil)
    }

    /// Writes an empty cell carrying `format`; without a format there is nothing to write.
    public func writeBlank(row: Int, column: Int, format: XLSXFormat? = nil) throws {
        let operation = { self.label("write blank", row, column) }
        let (r, c, f) = try prepare(row, column, format, operation())
        try check(worksheet_write_blank(pointer, r, c, f), operation())
        cachedTypes.mark(row: row, column: column, nil)
    }

    /// Writes a formula and its cached result.
    ///
    /// The formula is written exactly as given (a leading `=` is optional): US function names,
    /// commas between arguments, `_xlfn.` before newer functions such as CONCAT. libxlsxwriter
    /// does not check it; a wrong formula makes a file Excel repairs. The wrapper only refuses what
    /// would break the XML or exceed Excel's length limit.
    public func writeFormula(
        _ formula: String, result: XLSXFormulaResult, row: Int, column: Int, format: XLSXFormat? = nil
    ) throws {
        let operation = { self.label("write formula", row, column) }
        let (r, c, f) = try prepare(row, column, format, operation())
        try Text.requireXMLSafe(formula, what: "a formula", operation())
        let body = formula.hasPrefix("=") ? formula.dropFirst() : Substring(formula)
        // Counting characters is slow; a formula of at most 8192 bytes has at most 8192 of them.
        guard !body.isEmpty, body.utf8.count <= Self.maxFormulaLength || body.count <= Self.maxFormulaLength else {
            throw XLSXError.invalid(operation(), "a formula must have 1 to \(Self.maxFormulaLength) characters")
        }
        try write(formula, result: result, r, c, f, row: row, column: column, operation())
    }

    /// Writes a formula given as its UTF-8 bytes, `=` first, with its cached result: the same
    /// checks and cell as ``writeFormula(_:result:row:column:format:)``, without making a
    /// String. A Calc sheet renders a million formulas into one reused buffer and hands each
    /// over from there. `formula` is left as it was given.
    func writeFormula(
        utf8 formula: inout [UInt8], result: XLSXFormulaResult, row: Int, column: Int, format: XLSXFormat? = nil
    ) throws {
        let (r, c, f) = try prepare(row, column, format, label("write formula", row, column))
        let bodyLength = formula.first == UInt8(ascii: "=") ? formula.count - 1 : formula.count
        if !Text.isXMLSafe(utf8: formula) || bodyLength == 0 || bodyLength > Self.maxFormulaLength {
            // Rare: the String path says exactly what is wrong (or accepts a long formula of
            // fewer characters than bytes).
            try writeFormula(String(decoding: formula, as: UTF8.self), result: result, row: row, column: column, format: format)
            return
        }
        formula.append(0)
        defer { formula.removeLast() }
        try formula.withUnsafeBytes { bytes in
            try write(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), result: result, r, c, f, row: row, column: column,
                      label("write formula", row, column))
        }
    }

    /// The formula cell itself, for a checked formula: libxlsxwriter caches a number or text;
    /// a truth value or an error is marked for ``CachedResultTypes``.
    private func write(
        _ formula: UnsafePointer<CChar>, result: XLSXFormulaResult, _ r: lxw_row_t, _ c: lxw_col_t,
        _ f: UnsafeMutablePointer<lxw_format>?, row: Int, column: Int, _ operation: @autoclosure () -> String
    ) throws {
        cachedTypes.mark(row: row, column: column, nil)
        switch result {
        case .number(let value):
            guard value.isFinite else { throw XLSXError.invalid(operation(), "the cached result \(value) is not a number Excel can store") }
            try check(worksheet_write_formula_num(pointer, r, c, formula, f, value), operation())
        case .text(let text):
            try Text.requireXMLSafe(text, what: "a cached result", operation())
            guard text.utf8.count <= Self.maxTextLength || text.count <= Self.maxTextLength else {
                throw XLSXError.library(.maxStringLengthExceeded, operation())
            }
            try check(worksheet_write_formula_str(pointer, r, c, formula, f, text), operation())
        case .bool(let value):
            try check(worksheet_write_formula_str(pointer, r, c, formula, f, value ? "TRUE" : "FALSE"), operation())
            cachedTypes.mark(row: row, column: column, .boolean)
        case .error(let error):
            try check(worksheet_write_formula_str(pointer, r, c, formula, f, error.rawValue), operation())
            cachedTypes.mark(row: row, column: column, .error)
        }
    }

    /// Sets the width of `columns`, in characters of the default font (0 hides them; at most 255),
    /// and optionally a format for their empty cells.
    public func setColumnWidth(_ columns: ClosedRange<Int>, width: Double, format: XLSXFormat? = nil) throws {
        let operation = "set width of columns \(columns.lowerBound)…\(columns.upperBound) in \(name)"
        let (_, first, f) = try prepare(0, columns.lowerBound, format, operation)
        let (_, last, _) = try prepare(0, columns.upperBound, nil, operation)
        guard width.isFinite, (0...255).contains(width) else {
            throw XLSXError.invalid(operation, "a column width must be 0 to 255, not \(width)")
        }
        try check(worksheet_set_column(pointer, first, last, width, f), operation)
    }

    /// Sets the height of a row in points (0 hides it; at most 409).
    public func setRowHeight(_ row: Int, height: Double, format: XLSXFormat? = nil) throws {
        let operation = "set height of row \(row + 1) in \(name)"
        let (r, _, f) = try prepare(row, 0, format, operation)
        guard height.isFinite, (0...409).contains(height) else {
            throw XLSXError.invalid(operation, "a row height must be 0 to 409 points, not \(height)")
        }
        try check(worksheet_set_row(pointer, r, height, f), operation)
    }

    /// Freezes the rows above `row` and the columns left of `column`: `freezePanes(row: 1, column: 1)`
    /// keeps row 1 and column A in view.
    public func freezePanes(row: Int, column: Int) throws {
        let operation = "freeze panes of \(name)"
        let (r, c, _) = try prepare(row, column, nil, operation)
        // worksheet_freeze_panes checks nothing.
        guard row < XLSXAddress.maxRows, column < XLSXAddress.maxColumns else {
            throw XLSXError.library(.worksheetIndexOutOfRange, operation)
        }
        worksheet_freeze_panes(pointer, r, c)
    }

    // MARK: - Checks every call makes

    /// Checks the workbook is open, converts the cell without trapping, and checks the format.
    func prepare(
        _ row: Int, _ column: Int, _ format: XLSXFormat?, _ operation: @autoclosure () -> String
    ) throws -> (lxw_row_t, lxw_col_t, UnsafeMutablePointer<lxw_format>?) {
        try state.requireOpen(operation())
        // Values the C types hold go to libxlsxwriter, which checks Excel's grid itself; others
        // get the same error here rather than a trap on conversion.
        guard let r = lxw_row_t(exactly: row), let c = lxw_col_t(exactly: column) else {
            throw XLSXError.library(.worksheetIndexOutOfRange, operation())
        }
        let f = try format?.pointer(for: state, operation())
        return (r, c, f)
    }

    /// What an operation was doing, for an error message. Made only when one is thrown: for
    /// every cell, its sheet prefix and address cost more than libxlsxwriter's write itself.
    func label(_ action: String, _ row: Int, _ column: Int) -> String {
        if (0..<XLSXAddress.maxRows).contains(row), (0..<XLSXAddress.maxColumns).contains(column) {
            return "\(action) at \(XLSXAddress.sheetPrefix(name))\(XLSXAddress.cell(row: row, column: column))"
        }
        return "\(action) at row \(row), column \(column) of \(name) (0-based)"
    }
}
