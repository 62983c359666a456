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
/// The rows are kept as offsets into the file's bytes: each row's start (its low 32 bits in
/// four bytes; the rows where it passes each 4 GiB are in `rowStartsPast4GiB`), and its other
/// fields' starts and its last field's end counted from there (two bytes each), since a field
/// ends one byte (its separator) before the next one starts. A row of 64 KiB or more keeps its
/// offsets whole instead (`longRows`).
package struct DataTable: Sendable {
    /// The text that was read; its path is the one diagnostics print.
    package var file: SourceFile
    package var format: DataFormat
    /// The first record: the column names.
    package var header: [DataCell]
    /// Where each row starts (its first field's start), modulo 4 GiB.
    var rowStarts: [UInt32] = []
    /// The first row at or past 4 GiB, 8 GiB, …: rows start in file order, so the 4 GiB a
    /// row's start has above `rowStarts` are the entries at or before it (none in a smaller file).
    var rowStartsPast4GiB: [Int] = []
    /// Each row's fields' starts after the first and its last field's end, from the row's
    /// start, `header.count` a row; `Self.longRow` for a row whose offsets are in `longRows`.
    var fieldDeltas: [UInt16] = []
    /// The rows too long for two-byte offsets: their fields' starts after the first and the
    /// last field's end, as offsets into the file.
    var longRows: [Int32: [Int]] = [:]
    static let longRow = UInt16.max
    /// The rows whose record runs on past their last field (empty fields after the last
    /// column, `a;b;c;`), with where the record ends.
    var longerRecords: [Int32: Int] = [:]
    /// Row numbers are kept in 32 bits (`KeyIndex`, `RowKeys`): a record past this many rows is
    /// refused with an error rather than numbered wrongly.
    static let maxRows = Int(Int32.max)
    private var pastMaxRows = false
    /// What the text and the rows' offsets would take, when that is more than the read may
    /// take (the text and what is left of the memory, `parse`), and that limit: the file was
    /// read no further, and has no header or rows.
    package var wouldTake: (needed: Int, limit: Int)?
    /// Problems reading the file itself, in file order.
    package var diagnostics: [Diagnostic]

    /// The rows, made from the spans as they are read.
    package var rows: Rows { Rows(table: self) }

    package struct Rows: RandomAccessCollection, Sendable {
        let table: DataTable
        package var startIndex: Int { 0 }
        package var endIndex: Int { table.rowCount }
        package subscript(row: Int) -> DataRow {
            DataRow(cells: (0..<table.header.count).map { table.cell(row, $0) }, range: table.rowRange(row))
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
    /// (unless `options` gives them), then records and their field counts. The records are
    /// scanned as the text comes, `pieceSize` bytes at a time (`RecordScanner`); the table is
    /// the same whatever the size. The text is whole here, so it is scanned where it is by
    /// default: given in pieces, a quote never closed would keep a copy of the rest of the text
    /// in the scanner's window until the end (the pieces are for a text read as it streams).
    ///
    /// A file whose text and offsets would take more than its text and what is `left` of the
    /// memory is read no further once its header is read
    /// (before the offsets are taken): `wouldTake` says how much. What is made of the table
    /// later (members, cells) is weighed when it is made.
    package static func parse(_ decoded: SourceText, options: DataReadOptions = .detect, pieceSize: Int = .max,
                              left: () -> Int = MachineMemory.leftForOneBlock) -> DataTable {
        let file = decoded.file
        // A file of millions of rows of the wrong field count lists a thousand of them.
        var diagnostics = CappedDiagnostics()
        if let problem = decoded.problem { diagnostics.append(problem) }
        let text = file.bytes
        let sepLine = FormatDetection.separatorLine(in: text)
        let headerStart = sepLine?.headerStart ?? 0
        let separator = options.separator ?? sepLine?.0 ?? FormatDetection.separator(ofHeaderIn: text, from: headerStart)
        // A text of one piece is scanned where it is, not copied into the scanner's window.
        var scanner = text.count <= pieceSize ? RecordScanner(text: text, separator: separator.byte, from: headerStart)
                                              : RecordScanner(separator: separator.byte, from: headerStart)
        var evidence = DecimalEvidence()
        let countMarks = options.decimalMark == nil
        // Its format is settled once every record has been counted.
        var table = DataTable(file: file, format: DataFormat(separator: separator, decimalMark: .comma), header: [], diagnostics: [])
        var header: [DataCell]?
        var first = true
        var wouldTake: (needed: Int, limit: Int)?
        func take(_ record: RecordScanner.Record) {
            guard !first else {
                first = false
                // The header is the first record, unless an unclosed quote came before it: a data
                // row must not stand in for a header line lost that way.
                guard !(scanner.problems.first.map { $0.range.start < record.range.start } ?? false) else { return }
                let cells = scanner.fields.map { cell($0, in: file) }
                header = cells
                table.header = cells
                // A row takes a line at least: the offsets' memory is taken once, not grown by doubling
                // (which held the old array beside one twice its size: 1.5 GB for a 1 GB ledger's 800 MB).
                var rows = min(file.lineCount, text.count / max(1, cells.count) + 1)
                // The text is held already: the offsets must fit in what is left besides it.
                var needed = text.count + offsetBytes(rows: rows, width: cells.count, textLength: text.count)
                let limit = text.count + left()
                if needed > limit {
                    // Only a line with something on it can be a row: counted only here, where a line a
                    // row would not fit (a file of empty lines keeps its text alone).
                    rows = min(rows, linesWithText(text, from: record.range.end))
                    needed = text.count + offsetBytes(rows: rows, width: cells.count, textLength: text.count)
                }
                if needed > limit {
                    wouldTake = (needed, limit)
                    return
                }
                table.rowStarts.reserveCapacity(rows)
                table.fieldDeltas.reserveCapacity(rows * cells.count)
                return
            }
            if countMarks, !record.broken { evidence.add(scanner.fields, in: text) }
            guard header != nil else { return }   // no header: the rest is scanned only for its problems
            table.append(record, fields: scanner.fields, separator: separator, into: &diagnostics)
        }
        // A quote problem on every line: they are listed as they come, a thousand of them.
        func takeProblems() {
            guard !scanner.problems.isEmpty else { return }
            for problem in scanner.takeProblems() {
                diagnostics.append(.error(problem.message, at: SourceLocation(file: file, range: problem.range), hint: problem.hint, code: .unclosedQuote))
            }
        }
        // The records one at a time, as the pieces come: a row keeps only its fields' spans.
        var start = 0
        while !scanner.ended, wouldTake == nil {
            let end = min(text.count, start + max(1, pieceSize))
            scanner.add(text[start..<end])
            if end == text.count { scanner.finish() }
            while wouldTake == nil, let record = scanner.next() {
                take(record)
                takeProblems()
            }
            start = end
        }
        while wouldTake == nil, let record = scanner.next() {
            take(record)
            takeProblems()
        }
        if let wouldTake {
            var refused = DataTable(file: file, format: table.format, header: [], diagnostics: [])
            refused.wouldTake = wouldTake
            return refused
        }
        takeProblems()
        let (mark, source) = options.decimalMark.map { ($0, DataFormat.DecimalSource.given) } ?? evidence.decide(separator: separator)
        let format = DataFormat(separator: separator, decimalMark: mark, encoding: decoded.encoding, decimalSource: source)

        guard header != nil else {
            if diagnostics.isEmpty {
                diagnostics.append(.error("the data file is empty: it needs a header line naming its columns",
                                          at: SourceLocation(file: file, range: SourceRange(0, 0)), code: .emptyDataFile))
            }
            return DataTable(file: file, format: format, header: [], diagnostics: diagnostics.all)
        }
        table.format = format
        table.diagnostics = (diagnostics.all + table.repeatedColumnNames()).sorted { $0.location?.range.start ?? 0 < $1.location?.range.start ?? 0 }
        return table
    }

    /// The bytes the offsets of `rows` rows of `width` columns take in a text of `textLength`
    /// bytes: each row's start (4 bytes) and its other fields' starts and its end (2 bytes each),
    /// and a row of 64 KiB or more (`longRows`: at most one for each 64 KiB of the text) those
    /// again in 8 bytes each, with its dictionary entry; and a sixteenth more, for what reading
    /// the table makes and drops (a row of 100,000 cells is 3.7 MB while it is read). A 141 MB
    /// file of 700 rows under a 100,000-column header keeps 842 MB of text and offsets, and
    /// stopped kalkyl for want of 3.7 MB when only those were weighed.
    static func offsetBytes(rows: Int, width: Int, textLength: Int) -> Int {
        let width = max(1, width), long = min(rows, textLength / Int(longRow))
        let (short, o1) = rows.multipliedReportingOverflow(by: MemoryLayout<UInt32>.size + width * MemoryLayout<UInt16>.size)
        let (wide, o2) = long.multipliedReportingOverflow(by: width * MemoryLayout<Int>.size + longRowEntry)
        guard !o1, !o2, short <= Int.max / 4 - wide else { return Int.max / 4 }
        return (short + wide) + (short + wide) / 16
    }

    /// A long row's entry in `longRows` besides its offsets: its key and the array's header.
    static let longRowEntry = 64

    /// How many lines from `start` have something on them besides a carriage return: a row
    /// takes one at least, and an empty line is no row (`RecordScanner`).
    static func linesWithText(_ text: [UInt8], from start: Int) -> Int {
        var count = 0, empty = true
        text.withUnsafeBufferPointer { b in
            for i in min(start, b.count)..<b.count {
                switch b[i] {
                case UInt8(ascii: "\n"):
                    if !empty { count += 1 }
                    empty = true
                case UInt8(ascii: "\r"): break
                default: empty = false
                }
            }
        }
        return empty ? count : count + 1
    }

    /// Reads text that is already decoded, as tests and in-memory callers have it.
    package static func parse(text: String, path: String, options: DataReadOptions = .detect) -> DataTable {
        parse(bytes: Array(text.utf8), path: path, options: options)
    }

    /// Adds a record after the header as a row, or reports why it is none: too few fields, or
    /// too many that are not empty. A record with a problem inside it (`broken`) was reported
    /// already and is left out.
    private mutating func append(_ record: RecordScanner.Record, fields: [FieldSpan], separator: DataFormat.Separator,
                                 into diagnostics: inout CappedDiagnostics) {
        guard !record.broken else { return }
        let width = header.count
        if fields.count < width {
            diagnostics.append(.fieldsMissing(fields.count, of: header, at: location(SourceRange(record.range.end, record.range.end)),
                                              separator: separator))
            return
        }
        if fields.count > width {
            // Empty fields past the last column (`a;b;c;`) hold nothing; anything else would be lost.
            let extra = fields[width...]
            if !extra.allSatisfy({ FieldText.isBlank($0, in: file.bytes) }) {
                diagnostics.append(.fieldsExtra(fields.count, of: header, at: location(extra.first!.range.union(extra.last!.range)),
                                                separator: separator))
                return
            }
        }
        let row = rowCount, start = fields[0].start, end = fields[width - 1].end
        guard row < Self.maxRows else {
            if !pastMaxRows {
                pastMaxRows = true
                diagnostics.append(.error("the file has more than \(Self.maxRows) rows, more than a data file may have", at: location(record.range),
                                          hint: DataFile.tooLargeHint, code: .unreadableDataFile))
            }
            return
        }
        rowStarts.append(UInt32(truncatingIfNeeded: start))
        while start >> 32 > rowStartsPast4GiB.count { rowStartsPast4GiB.append(row) }
        if end - start < Int(Self.longRow) {
            for field in fields[1..<width] { fieldDeltas.append(UInt16(field.start - start)) }
            fieldDeltas.append(UInt16(end - start))
        } else {
            fieldDeltas.append(contentsOf: repeatElement(Self.longRow, count: width))
            longRows[Int32(row)] = fields[1..<width].map(\.start) + [end]
        }
        if record.range.end != end { longerRecords[Int32(row)] = record.range.end }
    }

    /// A column name given twice makes every reference to it ambiguous.
    private func repeatedColumnNames() -> [Diagnostic] {
        var seen: [String: DataCell] = [:]
        // A header of 100,000 columns of one name: a thousand are listed.
        var found = CappedDiagnostics()
        for cell in header where !cell.isBlank {
            if let first = seen[cell.trimmed] {
                found.append(.error("the column '\(cell.trimmed)' appears twice in the header", at: location(of: cell),
                                    notes: [Diagnostic(.note, "first here", at: location(of: first))], code: .columnTwice))
            } else {
                seen[cell.trimmed] = cell
            }
        }
        return found.all
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
