/// Cells made ready for libxlsxwriter before they are written, in the order they are to be
/// written: texts and formulas as NUL-terminated UTF-8 in one pool, each checked as
/// ``XLSXWorksheet`` checks it. A Calc sheet's rows are rendered into batches on a second thread
/// while this one writes the batches before them (`RenderedAhead`); only the writing thread
/// calls libxlsxwriter (``XLSXWorksheet/write(_:formats:)``).
///
/// A cell the quick checks do not pass (a NUL in a text, a character XML cannot hold, a formula
/// or cached text too long in bytes, a cell outside the C types) is kept as Swift values and
/// written through the String API, which refuses or accepts it exactly as it always has.
struct CellBatch: Sendable {
    enum Kind: UInt8, Sendable {
        case text
        case formulaNumber
        /// A formula with a cached text; `cached` points at it.
        case formulaText
        /// Kept as Swift values: `cached` is the index into `slow`.
        case slow
    }

    struct Cell: Sendable {
        var row: UInt32
        var column: UInt16
        /// Index into the formats the batch is written with.
        var format: UInt8
        var kind: Kind
        /// The text's or formula's first byte in `bytes`.
        var text: Int32
        /// The cached text's first byte in `bytes`, or the index into `slow`.
        var cached: Int32
        /// For a formula with a cached text: a truth value or an error, retyped after the close.
        var retype: CachedResultTypes.Kind?
        var number: Double
    }

    /// A cell for the String API, where it goes as given (which may lie outside the C types).
    enum Slow: Sendable {
        case text(String, row: Int, column: Int)
        case formula(String, XLSXFormulaResult, row: Int, column: Int)
    }

    private(set) var cells: [Cell] = []
    private(set) var bytes: [UInt8] = []
    private(set) var slow: [Slow] = []
    /// The formula cells of the rows in the batch, for the progress bar.
    var formulaCells = 0

    init() {}

    var isEmpty: Bool { cells.isEmpty }

    /// Empties the batch for reuse, keeping its storage.
    mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        slow.removeAll()
        formulaCells = 0
    }

    /// A text cell, as ``XLSXWorksheet/writeString(_:row:column:format:)`` writes it.
    mutating func appendText(_ text: String, row: Int, column: Int, format: UInt8 = 0) {
        guard let r = UInt32(exactly: row), let c = UInt16(exactly: column) else {
            return appendSlow(.text(text, row: row, column: column), format: format)
        }
        let start = bytes.count
        var clean = true
        let contiguous: Void? = text.utf8.withContiguousStorageIfAvailable { (utf8: UnsafeBufferPointer<UInt8>) -> Void in
            clean = !utf8.contains(0)
            if clean { bytes.append(contentsOf: utf8) }
        }
        if contiguous == nil {
            clean = !text.utf8.contains(0)
            if clean { bytes.append(contentsOf: text.utf8) }
        }
        guard clean else { return appendSlow(.text(text, row: row, column: column), format: format) }
        bytes.append(0)
        cells.append(Cell(row: r, column: c, format: format, kind: .text, text: Int32(start), cached: 0, retype: nil, number: 0))
    }

    /// A formula cell, as ``XLSXWorksheet/writeFormula(utf8:result:row:column:format:)`` writes
    /// it: `render` appends the formula's UTF-8 bytes, `=` first.
    mutating func appendFormula(result: XLSXFormulaResult, row: Int, column: Int, format: UInt8,
                                render: (inout [UInt8]) -> Void) {
        let start = bytes.count
        render(&bytes)
        let end = bytes.count
        let bodyLength = end - start - (end > start && bytes[start] == UInt8(ascii: "=") ? 1 : 0)
        let clean = bytes.withUnsafeBufferPointer { Text.isXMLSafe(utf8: UnsafeBufferPointer(rebasing: $0[start..<end])) }
        guard clean, bodyLength > 0, bodyLength <= XLSXWorksheet.maxFormulaLength,
              let r = UInt32(exactly: row), let c = UInt16(exactly: column) else {
            let formula = String(decoding: bytes[start..<end], as: UTF8.self)
            bytes.removeSubrange(start..<end)
            return appendSlow(.formula(formula, result, row: row, column: column), format: format)
        }
        bytes.append(0)
        var cell = Cell(row: r, column: c, format: format, kind: .formulaNumber, text: Int32(start), cached: 0, retype: nil, number: 0)
        switch result {
        case .number(let value):
            guard value.isFinite else {
                let formula = String(decoding: bytes[start..<end], as: UTF8.self)
                bytes.removeSubrange(start...end)
                return appendSlow(.formula(formula, result, row: row, column: column), format: format)
            }
            cell.number = value
        case .text(let text):
            let cachedStart = bytes.count
            bytes.append(contentsOf: text.utf8)
            let cachedEnd = bytes.count
            let safe = bytes.withUnsafeBufferPointer { Text.isXMLSafe(utf8: UnsafeBufferPointer(rebasing: $0[cachedStart..<cachedEnd])) }
            guard safe, cachedEnd - cachedStart <= XLSXWorksheet.maxTextLength else {
                let formula = String(decoding: bytes[start..<end], as: UTF8.self)
                bytes.removeSubrange(start..<cachedEnd)
                return appendSlow(.formula(formula, result, row: row, column: column), format: format)
            }
            bytes.append(0)
            cell.kind = .formulaText
            cell.cached = Int32(cachedStart)
        case .bool(let value):
            cell.kind = .formulaText
            cell.cached = Int32(bytes.count)
            bytes.append(contentsOf: (value ? "TRUE" : "FALSE").utf8)
            bytes.append(0)
            cell.retype = .boolean
        case .error(let error):
            cell.kind = .formulaText
            cell.cached = Int32(bytes.count)
            bytes.append(contentsOf: error.rawValue.utf8)
            bytes.append(0)
            cell.retype = .error
        }
        cells.append(cell)
    }

    private mutating func appendSlow(_ value: Slow, format: UInt8) {
        slow.append(value)
        cells.append(Cell(row: 0, column: 0, format: format, kind: .slow, text: 0, cached: Int32(slow.count - 1), retype: nil, number: 0))
    }
}
