internal import CXlsxWriter

extension XLSXWorksheet {
    /// Writes a batch's cells in order, each as the method for its kind writes it
    /// (``writeString(_:row:column:format:)``, ``writeFormula(utf8:result:row:column:format:)``):
    /// the same libxlsxwriter calls, the same errors. The checks on the texts were made when the
    /// batch was filled, perhaps on another thread; here each cell is one call into the library.
    /// `formats[k]` is the format of the cells whose `format` is k.
    func write(_ batch: CellBatch, formats: [XLSXFormat?]) throws {
        guard let first = batch.cells.first else { return }
        let operation = { self.label("write cells from", Int(first.row), Int(first.column)) }
        try state.requireOpen(operation())
        let pointers = try formats.map { try $0?.pointer(for: state, operation()) }
        try batch.bytes.withUnsafeBufferPointer { pool in
            let base = UnsafeRawPointer(pool.baseAddress!).assumingMemoryBound(to: CChar.self)
            for cell in batch.cells {
                let f = pointers[Int(cell.format)]
                let row = Int(cell.row), column = Int(cell.column)
                switch cell.kind {
                case .text:
                    try check(worksheet_write_string(pointer, cell.row, cell.column, base + Int(cell.text), f), label("write text", row, column))
                    cachedTypes.mark(row: row, column: column, nil)
                case .formulaNumber:
                    cachedTypes.mark(row: row, column: column, nil)
                    try check(worksheet_write_formula_num(pointer, cell.row, cell.column, base + Int(cell.text), f, cell.number),
                              label("write formula", row, column))
                case .formulaText:
                    cachedTypes.mark(row: row, column: column, nil)
                    try check(worksheet_write_formula_str(pointer, cell.row, cell.column, base + Int(cell.text), f, base + Int(cell.cached)),
                              label("write formula", row, column))
                    if let retype = cell.retype { cachedTypes.mark(row: row, column: column, retype) }
                case .slow:
                    switch batch.slow[Int(cell.cached)] {
                    case .text(let text, let row, let column):
                        try writeString(text, row: row, column: column, format: formats[Int(cell.format)])
                    case .formula(let formula, let result, let row, let column):
                        try writeFormula(formula, result: result, row: row, column: column, format: formats[Int(cell.format)])
                    }
                }
            }
        }
    }
}
