/// What a column's cells are read as.
public enum ColumnKind: Sendable, Equatable {
    case number
    case text
    /// A month or year (`2021-06`, `202106`, `2021-06-30`; `2021` on a yearly timeline), as
    /// the value a period has in a formula: the Excel date of the month's first day, or the year.
    case period
    /// Decided from the whole column, never cell by cell (so a typo in one salary is an error
    /// rather than a text): periods if every non-empty cell is a period written with dashes
    /// (`2021-06`, `2021-06-30`); numbers if most non-empty cells are numbers, and the rest are
    /// reported (with a warning when every one is also a month such as `202106`); text otherwise.
    case automatic
}

/// Per-member values from a column: `input salary[employee] = column månadslön`.
extension DataTable {
    /// Each row's key and the value in `valueColumn`, in file order. An empty key, a key
    /// given twice or spelled two ways, and a value that is not of the column's kind are
    /// errors; an empty value is blank.
    public func column(keyColumn: DataColumn, valueColumn: DataColumn, kind: ColumnKind = .automatic,
                       timeline: Timeline? = nil) -> DataExtraction<KeyedValue> {
        var diagnostics: [Diagnostic] = []
        guard let columns = resolve([keyColumn, valueColumn], into: &diagnostics) else {
            return DataExtraction(items: [], diagnostics: diagnostics)
        }
        let keyIndex = columns[0], valueIndex = columns[1]
        let usedRows = rows.filter { !$0.isBlank }
        var resolvedKind = kind
        if kind == .automatic {
            let cells = usedRows.map { $0.cells[valueIndex] }
            resolvedKind = inferKind(cells)
            if resolvedKind == .number, let example = Self.monthLikeNumbers(cells) {
                diagnostics.append(.numbersLikeMonths(example, column: valueColumn.name, at: location(of: header[valueIndex])))
            }
        }

        var keys = KeyIndex()
        var values: [KeyedValue] = []
        for row in usedRows {
            let valueCell = row.cells[valueIndex]
            let value = read(valueCell, as: resolvedKind, timeline: timeline, into: &diagnostics)
            guard let (key, keyCells) = key(of: row, columns: [keyIndex], named: [keyColumn], into: &diagnostics) else { continue }
            switch keys.lookup(key, cells: keyCells, in: self) {
            case .conflict(let d):
                diagnostics.append(d)
            case .existing(let number, _):
                diagnostics.append(.keyTwice(key[0], column: keyColumn.name, at: location(of: keyCells[0]), first: values[number].keyLocation))
            case .new:
                values.append(KeyedValue(key: key[0], value: value, location: location(of: valueCell), keyLocation: location(of: keyCells[0])))
            }
        }
        return DataExtraction(items: values, diagnostics: diagnostics)
    }

    private func inferKind(_ cells: [DataCell]) -> ColumnKind {
        let filled = cells.filter { !$0.isBlank }
        if !filled.isEmpty, filled.allSatisfy({ $0.trimmed.contains("-") && (try? PeriodReader.read($0.text)) != nil }) { return .period }
        let reader = numberReader
        let numbers = filled.count { (try? reader.read($0.text)) != nil }
        return numbers * 2 > filled.count ? .number : .text
    }

    /// The first cell when every filled cell is a six-digit number that is also a month
    /// (`202106`): an end month written as an ERP period, which a formula would otherwise
    /// compare as the number 202106.
    private static func monthLikeNumbers(_ cells: [DataCell]) -> String? {
        let filled = cells.map(\.trimmed).filter { !$0.isEmpty }
        guard let first = filled.first, filled.allSatisfy({ $0.count == 6 && $0.allSatisfy(\.isASCII) && (try? PeriodReader.read($0)) != nil }) else {
            return nil
        }
        return first
    }

    private func read(_ cell: DataCell, as kind: ColumnKind, timeline: Timeline?, into diagnostics: inout [Diagnostic]) -> Value {
        if cell.isBlank { return .blank }
        switch kind {
        case .number, .automatic:
            return number(in: cell, into: &diagnostics)
        case .text:
            return .text(cell.trimmed)
        case .period:
            let period: DataPeriod
            do { period = try PeriodReader.read(cell.text) } catch {
                diagnostics.append(.error(error.message, at: location(of: cell), hint: error.hint))
                return .blank
            }
            if let timeline, timeline.granularity != period.granularity {
                diagnostics.append(.periodKind(period, timeline: timeline, at: location(of: cell)))
                return .blank
            }
            switch period {
            case .month(let y, let m): return .number(ExcelDate.serial(year: y, month: m, day: 1))
            case .year(let y): return .number(Double(y))
            }
        }
    }
}

extension Diagnostic {
    fileprivate static func keyTwice(_ key: String, column: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error("'\(key)' appears twice in column '\(column)'", at: location, notes: [Diagnostic(.note, "first here", at: first)])
    }

    fileprivate static func numbersLikeMonths(_ example: String, column: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, "the column '\(column)' is read as numbers, but its values, such as \(example), are also months", at: location,
                   hint: "write months as 2021-06, or read the column as periods")
    }

    fileprivate static func periodKind(_ period: DataPeriod, timeline: Timeline, at location: SourceLocation) -> Diagnostic {
        .error("\(period.label) is \(period.granularity == .monthly ? "a month" : "a year"), but the timeline is \(timeline.granularity.rawValue)",
               at: location)
    }
}
