/// Wide form: a row per key, a column per period (`ansvar;konto;202101;202102;…`).
extension DataTable {
    /// One series per row: the key columns name it, and every header cell that is a period of
    /// the timeline's kind (`202101`, `2021-01`, `2021-01-31`; `2021` on a yearly timeline)
    /// gives its value in that period.
    ///
    /// Other columns (a name, a yearly total `2021` or `Summa` beside monthly columns) are not
    /// read. A header written like a period but not one (`202113`), a period column outside
    /// the timeline or given twice, a month on a yearly timeline, a second row for one key and a
    /// cell that is not a number are errors. An empty cell is blank. `percent` says how a `%`
    /// input's numbers read (`PercentCells`).
    func wide(keyColumns: [DataColumn], timeline: Timeline, percent: PercentCells = .plain) -> DataExtraction<KeyedSeries> {
        var series: [KeyedSeries] = []
        var diagnostics: [Diagnostic] = []
        forEachWideSeries(keyColumns: keyColumns, timeline: timeline, percent: percent, into: &diagnostics) { series.append($0) }
        return DataExtraction(items: series, diagnostics: diagnostics)
    }

    /// As `wide`, handing each series to `body` as its row is read rather than keeping them
    /// all: a reader that puts the values into cells at once holds no series per row (a wide
    /// ledger's series take about eight times the bytes of its row). `readFrom` is the first
    /// period the statement reads (`input x[forecast, u, 2021-05 ..]`), 0 for the whole timeline.
    func forEachWideSeries(keyColumns: [DataColumn], timeline: Timeline, percent: PercentCells = .plain, readFrom: Int = 0,
                           into listed: inout [Diagnostic], _ body: (KeyedSeries) -> Void) {
        guard let keyIndices = resolve(keyColumns, into: &listed) else { return }
        // A problem a column, row or cell: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        defer { listed += diagnostics.all }
        let periods = periodColumns(skipping: Set(keyIndices), timeline: timeline, readFrom: readFrom, into: &diagnostics)

        var keys = KeyIndex(columns: keyIndices)
        var reader = numberReader
        reader.percent = percent
        // In an input that is no percentage, a cell written with `%` makes a bare number above 1
        // read two ways (`100` beside `100 %`: 1 or 100; red team, session 19, hunt19/t11, K0553).
        let percentExample = percent == .plain ? firstCellWithPercent(in: periods.map(\.column)) : nil
        for row in 0..<rowCount where !isBlankRow(row) {
            if hasKeyProblem(row, columns: keyIndices) {
                reportKeyProblems(row, columns: keyIndices, named: keyColumns, into: &diagnostics)
                continue
            }
            switch keys.lookup(row: row, in: self) {
            case .conflict(let other):
                diagnostics.append(keyConflict(row, otherRow: other, columns: keyIndices))
                continue
            case .existing(_, let first):
                diagnostics.append(.secondRow(KeyIndex.describe(key(row, columns: keyIndices), columns: keyColumns),
                                              at: keyLocation(row, columns: keyIndices), first: keyLocation(first, columns: keyIndices)))
                continue
            case .new:
                break
            }
            var s = KeyedSeries(key: key(row, columns: keyIndices), keyLocation: keyLocation(row, columns: keyIndices),
                                keyLocations: keyLocations(row, columns: keyIndices),
                                values: Array(repeating: .blank, count: timeline.count),
                                locations: Array(repeating: nil, count: timeline.count))
            for (column, index) in periods {
                var value = number(row, column, reader: reader, into: &diagnostics)
                if let (exampleRow, exampleColumn) = percentExample, case .number(let x) = value, x.magnitude > 1, !hasPercentSign(row, column) {
                    diagnostics.append(.bareNumberAmongPercentages(trimmedText(row, column), example: trimmedText(exampleRow, exampleColumn),
                                                                   at: location(row, column), exampleAt: location(exampleRow, exampleColumn),
                                                                   of: "the file"))
                    value = .blank
                }
                s.values[index] = value
                s.locations[index] = location(row, column)
            }
            body(s)
        }
    }

    /// Whether the cell's bytes hold a `%` (no String a cell: most files have none).
    func hasPercentSign(_ row: Int, _ column: Int) -> Bool {
        let field = span(row, column)
        return file.bytes[field.start..<field.end].contains(UInt8(ascii: "%"))
    }

    /// The first cell of `columns`, row by row, written with `%`.
    private func firstCellWithPercent(in columns: [Int]) -> (row: Int, column: Int)? {
        for row in 0..<rowCount where !isBlankRow(row) {
            for column in columns where hasPercentSign(row, column) { return (row, column) }
        }
        return nil
    }

    /// The header's period columns and their timeline indices, reporting bad ones.
    private func periodColumns(skipping keys: Set<Int>, timeline: Timeline, readFrom: Int,
                               into diagnostics: inout CappedDiagnostics) -> [(column: Int, index: Int)] {
        var found: [(column: Int, index: Int)] = []
        var firstColumn: [Int: DataCell] = [:]
        var outside: [DataCell] = []
        var reported = false
        func report(_ d: Diagnostic) {
            diagnostics.append(d)
            reported = true
        }
        func flushOutside() {
            if !outside.isEmpty { report(.columnsOutside(outside, timeline: timeline, in: self)) }
            outside = []
        }
        for (column, cell) in header.enumerated() where !keys.contains(column) {
            guard PeriodReader.looksLikePeriod(cell.text) else { flushOutside(); continue }
            switch Self.place(cell.trimmed, on: timeline) {
            case .index(let index):
                flushOutside()
                if let first = firstColumn[index] {
                    report(.periodColumnTwice(timeline.label(index), at: location(of: cell), first: location(of: first)))
                } else {
                    firstColumn[index] = cell
                    found.append((column, index))
                }
            case .outside:
                outside.append(cell)
            case .wrongGranularity(let period):
                flushOutside()
                // A yearly total beside monthly columns is a summary, not data.
                if period.granularity == .monthly {
                    report(.monthColumnOnYearlyTimeline(cell.trimmed, at: location(of: cell)))
                }
            case .unreadable(let problem):
                flushOutside()
                report(.error(problem.message, at: location(of: cell), hint: problem.hint, code: .notAPeriod))
            }
        }
        flushOutside()
        if found.isEmpty, !reported {
            diagnostics.append(.noPeriodColumns(at: location(headerRange), timeline: timeline))
        }
        let unread = unreadMonthColumns(periods: found, keys: keys, timeline: timeline, readFrom: readFrom)
        for (cell, missing) in unread.reversed() {
            diagnostics.append(.unreadMonthColumn(cell, month: timeline.label(missing), firstPeriod: timeline.label(unread[0].index + 1),
                                                  at: location(of: cell)))
        }
        return found
    }
}

extension Diagnostic {
    fileprivate static func secondRow(_ key: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error("a second row for \(key)", at: location, notes: [Diagnostic(.note, "first row here", at: first)], code: .keyOnTwoRows)
    }

    fileprivate static func periodColumnTwice(_ label: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error("a second column for \(label)", at: location, notes: [Diagnostic(.note, "first column here", at: first)], code: .columnTwice)
    }

    fileprivate static func columnsOutside(_ cells: [DataCell], timeline: Timeline, in table: DataTable) -> Diagnostic {
        let range = cells.first!.range.union(cells.last!.range)
        let what = cells.count == 1 ? "the column \(cells[0].trimmed) is" : "the columns \(cells.first!.trimmed) .. \(cells.last!.trimmed) are"
        return .error("\(what) outside the timeline \(timeline.rangeDescription)", at: table.location(range),
                      hint: "export only the timeline's periods, or widen the timeline", code: .periodOutsideTimeline)
    }

    fileprivate static func monthColumnOnYearlyTimeline(_ text: String, at location: SourceLocation) -> Diagnostic {
        .error("the column \(text) is a month, but the timeline is yearly", at: location, code: .periodOfAnotherGranularity)
    }

    fileprivate static func noPeriodColumns(at location: SourceLocation, timeline: Timeline) -> Diagnostic {
        .error("no column of the header is a period", at: location,
               hint: timeline.granularity == .monthly ? "name month columns as 202101 or 2021-01" : "name year columns as 2021",
               code: .noPeriodColumns)
    }
}
