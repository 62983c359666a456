/// A table's cells by row and column, read from the file's bytes only when asked.
extension DataTable {
    var rowCount: Int { rowSpans.count }

    func span(_ row: Int, _ column: Int) -> FieldSpan { spans[row * header.count + column] }

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
        let bytes = file.bytes, first = row * header.count
        for k in first..<(first + header.count) where !FieldText.isBlank(spans[k], in: bytes) { return false }
        return true
    }

    func location(_ row: Int, _ column: Int) -> SourceLocation { location(span(row, column).range) }

    func rowRange(_ row: Int) -> SourceRange { rowSpans[row].range }
}
