/// A table's cells by row and column, read from the file's bytes only when asked.
extension DataTable {
    var rowCount: Int { rowStarts.count }

    /// Where field `k` of the row starts (`k` < `header.count`), or its last field ends (`k` = `header.count`).
    private func offset(_ row: Int, _ k: Int) -> Int {
        let start = rowStart(row)
        guard k > 0 else { return start }
        let delta = fieldDeltas[row * header.count + k - 1]
        return delta == Self.longRow ? longRows[Int32(row)]![k - 1] : start + Int(delta)
    }

    /// Where the row starts: its low 32 bits, and 4 GiB for each boundary passed at or before it.
    private func rowStart(_ row: Int) -> Int {
        let low = Int(rowStarts[row])
        guard !rowStartsPast4GiB.isEmpty else { return low }
        var passed = 0
        while passed < rowStartsPast4GiB.count, rowStartsPast4GiB[passed] <= row { passed += 1 }
        return low | passed << 32
    }

    /// Where the field is written: from its start to one byte (a separator) before the next
    /// field's start, the last to the end stored after it.
    func span(_ row: Int, _ column: Int) -> FieldSpan {
        let next = offset(row, column + 1)
        return FieldSpan(start: offset(row, column), end: column + 1 < header.count ? next - 1 : next)
    }

    /// The cell as a `DataCell`, its text decoded now.
    func cell(_ row: Int, _ column: Int) -> DataCell { Self.cell(span(row, column), in: file) }

    static func cell(_ span: FieldSpan, in file: SourceFile) -> DataCell {
        let content = FieldText.content(of: span, in: file.bytes)
        return DataCell(text: FieldText.string(content.range, doubledQuotes: content.doubledQuotes, in: file.bytes),
                        range: span.range, quoted: content.quoted)
    }

    /// The cell's text without padding (`DataCell.trimmed`).
    func trimmedText(_ row: Int, _ column: Int) -> String { FieldText.trimmedText(of: span(row, column), in: file.bytes) }

    func isBlank(_ row: Int, _ column: Int) -> Bool { FieldText.isBlank(span(row, column), in: file.bytes) }

    /// A row of empty fields only (`DataRow.isBlank`).
    func isBlankRow(_ row: Int) -> Bool {
        let bytes = file.bytes
        for column in 0..<header.count where !FieldText.isBlank(span(row, column), in: bytes) { return false }
        return true
    }

    func location(_ row: Int, _ column: Int) -> SourceLocation { location(span(row, column).range) }

    func rowRange(_ row: Int) -> SourceRange {
        SourceRange(rowStart(row), longerRecords[Int32(row)] ?? offset(row, header.count))
    }
}
