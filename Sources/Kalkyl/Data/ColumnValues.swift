/// What a column's cells are read as.
enum ColumnKind: Sendable, Equatable {
    case number
    case text
    /// A month or year (`2021-06`, `202106`, `2021-06-30`; `2021` on a yearly timeline), as
    /// the value a period has in a formula: the Excel date of the month's first day, or the year.
    case period
    /// Decided from the whole column, never cell by cell (so a typo in one salary is an error
    /// rather than a text): periods if most non-empty cells are periods written with dashes
    /// (`2021-06`, `2021-06-30`), and the rest are reported; numbers if most non-empty cells are
    /// numbers, and the rest are reported (with a warning when every one is also a month such as
    /// `202106`, or a date such as `20210630`); text otherwise.
    case automatic
}

/// Per-member values from a column: `input salary[employee] = column månadslön`.
extension DataTable {
    /// Each row's key and the value in `valueColumn`, in file order. An empty key, a key
    /// given twice or spelled two ways, and a value that is not of the column's kind are
    /// errors; an empty value is blank.
    func column(keyColumn: DataColumn, valueColumn: DataColumn, kind: ColumnKind = .automatic,
                       timeline: Timeline? = nil) -> DataExtraction<KeyedValue> {
        var diagnostics: [Diagnostic] = []
        guard let columns = resolve([keyColumn, valueColumn], into: &diagnostics) else {
            return DataExtraction(items: [], diagnostics: diagnostics)
        }
        let keyIndex = columns[0], valueIndex = columns[1]
        var values: [KeyedValue] = []
        columnValues(keys: RowKeys(table: self, columns: [keyIndex]), keyColumn: keyColumn, valueColumn: valueColumn, valueIndex: valueIndex,
                     kind: kind, timeline: timeline, into: &diagnostics) { row, _, value in
            values.append(KeyedValue(key: trimmedText(row, keyIndex), value: value, location: location(row, valueIndex),
                                     keyLocation: location(row, keyIndex)))
        }
        return DataExtraction(items: values, diagnostics: diagnostics)
    }

    /// Reads the value in `valueColumn` of every row with a key (`keys`, which the file's
    /// dimension and its other inputs share), reporting bad values and keys, and hands each
    /// key's first row, key number and value to `body`.
    func columnValues(keys: RowKeys, keyColumn: DataColumn, valueColumn: DataColumn, valueIndex: Int, kind: ColumnKind,
                      percent: PercentCells = .plain, totalsRows: Set<Int> = [], timeline: Timeline?,
                      into diagnostics: inout [Diagnostic], _ body: (_ row: Int, _ keyNumber: Int, _ value: Value) -> Void) {
        columnValues(keys: keys, keyColumns: [keyColumn], valueColumn: valueColumn, valueIndex: valueIndex, kind: kind, percent: percent,
                     totalsRows: totalsRows, timeline: timeline, into: &diagnostics, body)
    }

    /// As above, for rows named by several key columns (`Ansvar;Konto;Belopp`): a key is the
    /// cells of all of them, and a key given twice is the same cells on two rows. `percent`
    /// says how a `%` input's numbers read (`PercentCells`); `totalsRows`, an export's totals
    /// rows, refused by the caller, are not looked at for a bare number among percentages.
    func columnValues(keys: RowKeys, keyColumns: [DataColumn], valueColumn: DataColumn, valueIndex: Int, kind: ColumnKind,
                      percent: PercentCells = .plain, totalsRows: Set<Int> = [], timeline: Timeline?,
                      into listed: inout [Diagnostic], _ body: (_ row: Int, _ keyNumber: Int, _ value: Value) -> Void) {
        // A problem a row: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        defer { listed += diagnostics.all }
        var resolvedKind = kind
        if kind == .automatic {
            resolvedKind = inferKind(valueIndex, keys: keys)
            if resolvedKind == .number, let example = monthLikeNumbers(valueIndex, keys: keys) {
                diagnostics.append(.numbersLikeMonths(example, column: valueColumn.name, at: location(of: header[valueIndex])))
            }
            if resolvedKind == .period, let (row, day, isMonthEnd) = dateInsideAMonth(valueIndex, keys: keys) {
                diagnostics.append(.datesReadAsMonths(trimmedText(row, valueIndex), day: day, isMonthEnd: isMonthEnd, column: valueColumn.name,
                                                      at: location(row, valueIndex)))
            }
        }
        var reader = numberReader
        reader.percent = percent
        let percentExample = percent == .plain && resolvedKind != .text && resolvedKind != .period
            ? firstCellWithPercent(valueIndex, keys: keys, skipping: totalsRows) : nil
        for row in 0..<rowCount {
            let outcome = keys.outcome(row)
            if case .blankRow = outcome { continue }
            let value = read(row, valueIndex, as: resolvedKind, reader: reader, timeline: timeline, into: &diagnostics)
            switch outcome {
            case .blankRow:
                continue
            case .badKey:
                reportKeyProblems(row, columns: keys.columns, named: keyColumns, into: &diagnostics)
            case .conflict(let other):
                diagnostics.append(keyConflict(row, otherRow: other, columns: keys.columns))
            case .key(let number):
                let first = keys.firstRows[number].int
                if first == row {
                    if let percentExample, !totalsRows.contains(row), case .number(let x) = value, x.magnitude > 1,
                       !trimmedText(row, valueIndex).contains("%") {
                        diagnostics.append(.bareNumberAmongPercentages(trimmedText(row, valueIndex), example: trimmedText(percentExample, valueIndex),
                                                                       at: location(row, valueIndex), exampleAt: location(percentExample, valueIndex)))
                        body(row, number, .blank)
                        continue
                    }
                    body(row, number, value)
                } else {
                    diagnostics.append(.keyTwice(key(row, columns: keys.columns), columns: keyColumns, at: keyLocation(row, columns: keys.columns),
                                                 first: keyLocation(first, columns: keys.columns)))
                }
            }
        }
    }

    /// The column's kind, decided from all its filled cells (see `ColumnKind.automatic`). A
    /// column of end months with one cell `tv` (tills vidare), or a typo `2026-6`, was text, and
    /// `month <= slut` compares a number with a text as TRUE, so a leaver was paid all year with
    /// exit 0 (red team, session 19, hunt19/t01): most cells periods make it periods, and the
    /// others errors at their cells.
    private func inferKind(_ column: Int, keys: RowKeys) -> ColumnKind {
        let reader = numberReader
        var filled = 0, numbers = 0, periods = 0
        for row in 0..<rowCount where !keys.isBlankRow(row) && !isBlank(row, column) {
            filled += 1
            let cell = cell(row, column)
            if cell.trimmed.contains("-") && (try? PeriodReader.read(cell.text)) != nil { periods += 1 }
            if isNumber(row, column, reader: reader) { numbers += 1 }
        }
        if periods * 2 > filled { return .period }
        return numbers * 2 > filled ? .number : .text
    }

    /// The first cell when every filled cell is a six-digit number that is also a month
    /// (`202106`), or an eight-digit one that is also a date (`20210630`, as Agda and Hogia
    /// write a hire date): a month or date written as an ERP does, which a formula would
    /// otherwise compare as the number 202106 or 20210630 (the date's was read without a word,
    /// red team, session 19, hunt19/t02).
    private func monthLikeNumbers(_ column: Int, keys: RowKeys) -> String? {
        var first: String?
        for row in 0..<rowCount where !keys.isBlankRow(row) {
            let text = trimmedText(row, column)
            if text.isEmpty { continue }
            guard text.utf8.count == 6 || text.utf8.count == 8, text.allSatisfy(\.isASCII), (try? PeriodReader.read(text)) != nil else { return nil }
            first = first ?? text
        }
        return first
    }

    /// The first row whose cell is written with `%`, in a column of an input that is no
    /// percentage: then a bare number above 1 beside it (`100` under `80 %`, as HR systems mix
    /// them) could be 100 % or 100. Both were read as written, 1.0 and 100, and a cost came out
    /// 42 times too large with exit 0 (red team, session 19, hunt19/t06).
    private func firstCellWithPercent(_ column: Int, keys: RowKeys, skipping totalsRows: Set<Int>) -> Int? {
        (0..<rowCount).first {
            guard case .key = keys.outcome($0), !totalsRows.contains($0) else { return false }
            let field = span($0, column)   // its bytes, not a String a cell: most columns have no '%'
            return file.bytes[field.start..<field.end].contains(UInt8(ascii: "%"))
        }
    }

    /// A text cell. As for a text in a model (K0107), one longer than an Excel cell holds is an
    /// error: it could be neither computed as Excel would nor written to a workbook, and a quoted
    /// cell of 120 MB, in a file of two rows, was printed in several times its size. Out of line,
    /// so that `read` stays inlined where the number columns are read: inlined here, it moved
    /// the cold start's count by 4 % (docs/performance.md).
    @inline(never)
    private func text(_ row: Int, _ column: Int, into diagnostics: inout some DiagnosticSink) -> Value {
        let text = trimmedText(row, column)
        guard text.utf8.count <= TextFunctions.maxLength || text.utf16.count <= TextFunctions.maxLength else {
            diagnostics.append(.error("this cell has \(text.utf16.count) characters; an Excel cell holds at most \(TextFunctions.maxLength)",
                                      at: location(row, column), code: .textTooLong))
            return .blank
        }
        return .text(text)
    }

    private func read(_ row: Int, _ column: Int, as kind: ColumnKind, reader: NumberReader, timeline: Timeline?,
                      into diagnostics: inout some DiagnosticSink) -> Value {
        if isBlank(row, column) { return .blank }
        switch kind {
        case .number, .automatic:
            return number(row, column, reader: reader, into: &diagnostics)
        case .text:
            return text(row, column, into: &diagnostics)
        case .period:
            let period: DataPeriod
            do { period = try PeriodReader.read(cell(row, column).text) } catch {
                diagnostics.append(.error(error.message, at: location(row, column), hint: error.hint, code: .notAPeriod))
                return .blank
            }
            if let timeline, timeline.granularity != period.granularity {
                diagnostics.append(.periodKind(period, timeline: timeline, at: location(row, column)))
                return .blank
            }
            switch period {
            case .month(let y, let m): return .number(ExcelDate.serial(year: y, month: m, day: 1))
            case .year(let y): return .number(Double(y))
            }
        }
    }
}

extension Int32 {
    var int: Int { Int(self) }
}

extension Diagnostic {
    fileprivate static func keyTwice(_ key: [String], columns: [DataColumn], at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        guard key.count == 1 else {
            return .error("\(KeyIndex.describe(key, columns: columns)) appears on two rows", at: location,
                          notes: [Diagnostic(.note, "first here", at: first)], code: .keyOnTwoRows)
        }
        return .error("'\(key[0])' appears twice in column '\(columns[0].name)'", at: location, notes: [Diagnostic(.note, "first here", at: first)],
                      code: .keyOnTwoRows)
    }

    fileprivate static func numbersLikeMonths(_ example: String, column: String, at location: SourceLocation) -> Diagnostic {
        guard example.utf8.count == 8 else {
            return Diagnostic(.warning, "the column '\(column)' is read as numbers, but its values, such as \(example), are also months", at: location,
                              hint: "write months as 2021-06, or read the column as periods", code: .numbersLikeMonths)
        }
        let date = "\(example.prefix(4))-\(example.dropFirst(4).prefix(2))-\(example.suffix(2))"
        return Diagnostic(.warning, "the column '\(column)' is read as numbers, but its values, such as \(example), are also dates", at: location,
                          hint: "write dates as \(date), and the column is read as months", code: .numbersLikeMonths)
    }

    static func bareNumberAmongPercentages(_ text: String, example: String, at location: SourceLocation,
                                           exampleAt: SourceLocation, of cells: String = "the column") -> Diagnostic {
        .error("'\(text)' could be read two ways: as \(text) %, as other cells of \(cells) are written ('\(example)'), or as the number \(text)", at: location,
               hint: "write '\(text) %' (or the fraction), and declare the input ': %', so that every cell is a share",
               notes: [Diagnostic(.note, "written with '%' here", at: exampleAt)], code: .bareNumberAmongPercentages)
    }

    fileprivate static func periodKind(_ period: DataPeriod, timeline: Timeline, at location: SourceLocation) -> Diagnostic {
        .error("\(period.label) is \(period.granularity == .monthly ? "a month" : "a year"), but the timeline is \(timeline.granularity.rawValue)",
               at: location, code: .periodOfAnotherGranularity)
    }
}
