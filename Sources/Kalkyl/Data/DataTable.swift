/// One field of a data file, as written, with its place.
package struct DataCell: Sendable {
    /// The field's text without its quotes (`""` read as `"`), not trimmed.
    package var text: String
    /// The field as written in the file, quotes included.
    package var range: SourceRange
    package var quoted: Bool

    /// The text without the spaces exports pad cells with.
    package var trimmed: String { text.trimmedOfPadding }
    /// An empty cell (or one of spaces only): blank, which is not zero.
    package var isBlank: Bool { trimmed.isEmpty }
}

/// One record of a data file: as many cells as the header has names.
package struct DataRow: Sendable {
    package var cells: [DataCell]
    /// From the first field to the end of the last, without the line break.
    package var range: SourceRange

    /// A row of empty fields only (`;;;`), which some exports end with; it carries no data,
    /// so the extractions pass over it.
    package var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// A data file read into a header and rows of cells, each cell keeping its text and place.
///
/// Reading never drops anything silently. A record with too few fields, too many non-empty
/// fields, an unclosed quote or text after a closing quote is reported in `diagnostics` and
/// left out of `rows`; everything else is in `rows`, cell for cell. Typing the cells (numbers,
/// periods, keys) is the extractions' job (`wide`, `long`, `column`, `members`), since only
/// they know which column holds what.
///
/// The rows are kept as spans into the file's bytes (`spans`, a row after another, as many a
/// row as the header has names); `rows` makes `DataRow`s from them when asked.
package struct DataTable: Sendable {
    /// The text that was read; its path is the one diagnostics print.
    package var file: SourceFile
    package var format: DataFormat
    /// The first record: the column names.
    package var header: [DataCell]
    /// Every row's fields, row by row, `header.count` of them a row.
    var spans: [FieldSpan] = []
    /// Each row from its first field to the end of its last, without the line break.
    var rowSpans: [FieldSpan] = []
    /// Problems reading the file itself, in file order.
    package var diagnostics: [Diagnostic]

    /// The rows, made from the spans as they are read.
    package var rows: Rows { Rows(table: self) }

    package struct Rows: RandomAccessCollection, Sendable {
        let table: DataTable
        package var startIndex: Int { 0 }
        package var endIndex: Int { table.rowCount }
        package subscript(row: Int) -> DataRow {
            DataRow(cells: (0..<table.header.count).map { table.cell(row, $0) }, range: table.rowSpans[row].range)
        }
    }

    /// The column names, without padding.
    package var columnNames: [String] { header.map(\.trimmed) }

    /// The reader for this file's numbers, with its decimal mark.
    var numberReader: NumberReader { NumberReader(decimalMark: format.decimalMark) }

    package func location(_ range: SourceRange) -> SourceLocation { SourceLocation(file: file, range: range) }
    package func location(of cell: DataCell) -> SourceLocation { location(cell.range) }

    /// The place of the header line, where a problem with the columns as a whole is shown.
    var headerRange: SourceRange {
        guard let first = header.first, let last = header.last else { return SourceRange(0, 0) }
        return first.range.union(last.range)
    }

    /// The index of the column with this name (the first, if the header repeats it).
    package func columnIndex(named name: String) -> Int? {
        let wanted = name.trimmedOfPadding
        return header.firstIndex { $0.trimmed == wanted }
    }

    /// Reads a file's bytes: detects the encoding, then the separator and decimal mark
    /// (unless `options` gives them), then splits records and checks their field counts.
    package static func parse(bytes: [UInt8], path: String, options: DataReadOptions = .detect) -> DataTable {
        parse(SourceText(bytes: bytes, path: path, as: .data), options: options)
    }

    /// Reads a file's text, decoded once by `SourceText`: the separator and decimal mark
    /// (unless `options` gives them), then records and their field counts.
    package static func parse(_ decoded: SourceText, options: DataReadOptions = .detect) -> DataTable {
        let file = decoded.file
        var diagnostics: [Diagnostic] = decoded.problem.map { [$0] } ?? []
        let text = file.bytes
        let sepLine = FormatDetection.separatorLine(in: text)
        let headerStart = sepLine?.headerStart ?? 0
        let separator = options.separator ?? sepLine?.0 ?? FormatDetection.separator(ofHeaderIn: text, from: headerStart)
        let scanner = CSVScanner(bytes: text, separator: separator.byte, from: headerStart)
        for problem in scanner.problems {
            diagnostics.append(.error(problem.message, at: SourceLocation(file: file, range: problem.range), hint: problem.hint, code: .unclosedQuote))
        }

        let records = scanner.records
        let (mark, source) = options.decimalMark.map { ($0, DataFormat.DecimalSource.given) }
            ?? FormatDetection.decimalMark(of: records.dropFirst(), fields: scanner.fields, in: text, separator: separator)
        let format = DataFormat(separator: separator, decimalMark: mark, encoding: decoded.encoding, decimalSource: source)

        // An unclosed quote in the header line leaves no header: a data row must not stand in for it.
        let headerLost = scanner.problems.first.map { problem in records.first.map { problem.range.start < $0.range.start } ?? true } ?? false
        guard !records.isEmpty, !headerLost else {
            if diagnostics.isEmpty {
                diagnostics.append(.error("the data file is empty: it needs a header line naming its columns",
                                          at: SourceLocation(file: file, range: SourceRange(0, 0)), code: .emptyDataFile))
            }
            return DataTable(file: file, format: format, header: [], diagnostics: diagnostics)
        }
        let header = records[0].fieldRange.map { cell(scanner.fields[$0], in: file) }
        var table = DataTable(file: file, format: format, header: header, diagnostics: [])
        diagnostics += table.repeatedColumnNames()
        let width = header.count
        table.spans.reserveCapacity((records.count - 1) * width)
        table.rowSpans.reserveCapacity(records.count - 1)
        for record in records.dropFirst() where !record.broken {
            let fields = scanner.fields[record.fieldRange]
            if fields.count < width {
                diagnostics.append(.fieldsMissing(fields.count, of: header, at: table.location(SourceRange(record.range.end, record.range.end)),
                                                  separator: separator))
                continue
            }
            if fields.count > width {
                // Empty fields past the last column (`a;b;c;`) hold nothing; anything else would be lost.
                let extra = fields.dropFirst(width)
                if !extra.allSatisfy({ FieldText.isBlank($0, in: text) }) {
                    diagnostics.append(.fieldsExtra(fields.count, of: header, at: table.location(extra.first!.range.union(extra.last!.range)),
                                                    separator: separator))
                    continue
                }
            }
            table.spans += fields.prefix(width)
            table.rowSpans.append(FieldSpan(record.range.start, record.range.end))
        }
        table.diagnostics = diagnostics.sorted { $0.location?.range.start ?? 0 < $1.location?.range.start ?? 0 }
        return table
    }

    /// Reads text that is already decoded, as tests and in-memory callers have it.
    package static func parse(text: String, path: String, options: DataReadOptions = .detect) -> DataTable {
        parse(bytes: Array(text.utf8), path: path, options: options)
    }

    /// A column name given twice makes every reference to it ambiguous.
    private func repeatedColumnNames() -> [Diagnostic] {
        var seen: [String: DataCell] = [:]
        var found: [Diagnostic] = []
        for cell in header where !cell.isBlank {
            if let first = seen[cell.trimmed] {
                found.append(.error("the column '\(cell.trimmed)' appears twice in the header", at: location(of: cell),
                                    notes: [Diagnostic(.note, "first here", at: location(of: first))], code: .columnTwice))
            } else {
                seen[cell.trimmed] = cell
            }
        }
        return found
    }
}

extension Diagnostic {
    fileprivate static func fieldsMissing(_ count: Int, of header: [DataCell], at location: SourceLocation,
                                          separator: DataFormat.Separator) -> Diagnostic {
        .error("this row has \(count) \(count == 1 ? "field" : "fields"), but the header has \(header.count)", at: location,
               hint: "a missing field is still written as an empty one between two separators (\(separator.spelled))", code: .fieldCount)
    }

    fileprivate static func fieldsExtra(_ count: Int, of header: [DataCell], at location: SourceLocation,
                                        separator: DataFormat.Separator) -> Diagnostic {
        .error("this row has \(count) fields, but the header has \(header.count)", at: location,
               hint: "a field that contains the separator (\(separator.spelled)) must be in double quotes", code: .fieldCount)
    }
}
