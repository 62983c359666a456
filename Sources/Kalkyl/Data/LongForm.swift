/// Long form: a row per key and period (`konto;ansvar;period;belopp`), as ledgers export.
extension DataTable {
    /// One series per distinct key, in the order keys first appear, with each row's amount
    /// in its period.
    ///
    /// A period that cannot be read, a period outside the timeline (reported once per period,
    /// listing the lines of the others), a month on a yearly timeline or a year on a monthly
    /// one, an amount that is not a number, and (unless `duplicates` is `.sum`) a second amount
    /// for one key and period are errors. An empty amount is blank. `percent` says how a `%`
    /// input's amounts read (`PercentCells`).
    ///
    /// Each series holds every period of the timeline, so what the series keep is weighed as
    /// they are made (`WholeLongKept`): once it passes `keepLimit` the read stops, with no
    /// series and the refusal in `tooMuch` (20,000 keys over 1,200 months keep 1,157 MB, in a file of 293 KB).
    func long(periodColumn: DataColumn, keyColumns: [DataColumn], amountColumn: DataColumn, timeline: Timeline,
              duplicates: DuplicateAmounts = .error, percent: PercentCells = .plain, keepLimit: Int = .max) -> DataExtraction<KeyedSeries> {
        var resolving: [Diagnostic] = []
        guard let columns = resolve([periodColumn, amountColumn] + keyColumns, into: &resolving) else {
            return DataExtraction(items: [], diagnostics: resolving)
        }
        // A problem a row: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        let periodIndex = columns[0], amountIndex = columns[1], keyIndices = Array(columns.dropFirst(2))

        var keys = KeyIndex(columns: keyIndices)
        var series: [KeyedSeries] = []
        var repeated = RepeatedProblems()
        var reader = numberReader
        reader.percent = percent
        var kept = WholeLongKept(periods: timeline.count)
        // Under `sum`: the hashes of the rows summed into each cell, by series and period.
        var hashes: [Int: [UInt64]] = [:]
        for row in 0..<rowCount where !isBlankRow(row) {
            let keyProblem = hasKeyProblem(row, columns: keyIndices)
            if keyProblem { reportKeyProblems(row, columns: keyIndices, named: keyColumns, into: &diagnostics) }
            let periodAt = location(row, periodIndex)
            var index: Int?
            switch Self.place(trimmedText(row, periodIndex), on: timeline) {
            case .index(let i):
                index = i
            case .outside(let period):
                repeated.add("outside \(period.label)", at: periodAt) { .periodOutside(period, timeline: timeline, at: periodAt) }
            case .wrongGranularity(let period):
                repeated.add("granularity \(period.label)", at: periodAt) { .periodOfOtherKind(period, timeline: timeline, at: periodAt) }
            case .unreadable(let problem):
                if isBlank(row, periodIndex) {
                    diagnostics.append(.emptyPeriod(column: periodColumn.name, at: periodAt))
                } else {
                    diagnostics.append(.error(problem.message, at: periodAt, hint: problem.hint, code: .notAPeriod))
                }
            }
            let amount = number(row, amountIndex, reader: reader, into: &diagnostics)
            guard !keyProblem, let index else { continue }

            let number: Int
            switch keys.lookup(row: row, in: self) {
            case .conflict(let other):
                diagnostics.append(keyConflict(row, otherRow: other, columns: keyIndices))
                continue
            case .existing(let n, _):
                number = n
            case .new(let n):
                number = n
                let key = key(row, columns: keyIndices)
                kept.addSeries(keyBytes: key.reduce(0) { $0 + $1.utf8.count })
                if kept.bytes > keepLimit {
                    let refusal = LongStream.TooMuch(kept: kept.bytes, bytesRead: span(row, amountIndex).end, size: file.bytes.count,
                                                     series: series.count + 1)
                    return DataExtraction(items: [], diagnostics: Self.inOrder(diagnostics, repeated), tooMuch: refusal)
                }
                series.append(KeyedSeries(key: key, keyLocation: keyLocation(row, columns: keyIndices),
                                          keyLocations: keyLocations(row, columns: keyIndices),
                                          values: Array(repeating: .blank, count: timeline.count),
                                          locations: Array(repeating: nil, count: timeline.count)))
            }
            if let first = series[number].locations[index] {
                switch duplicates {
                case .error:
                    diagnostics.append(.secondAmount(KeyIndex.describe(series[number].key, columns: keyColumns), period: timeline.label(index),
                                                     at: location(row, amountIndex), first: first))
                    continue
                case .sum:
                    series[number].values[index] = Self.add(series[number].values[index], amount)
                    let offset = span(row, amountIndex).start
                    kept.addSummed(first: series[number].summedOffsets[index] == nil)
                    let cell = number * timeline.count + index
                    if series[number].summedOffsets[index] == nil {
                        series[number].summedOffsets[index] = FileOffsets([first.range.start, offset])
                        hashes[cell] = [rowHash(self.row(at: first.range.start)), rowHash(row)]
                    } else {
                        series[number].summedOffsets[index]!.append(offset)
                        hashes[cell]!.append(rowHash(row))
                    }
                    continue
                }
            }
            series[number].values[index] = amount
            series[number].locations[index] = location(row, amountIndex)
        }
        if !hashes.isEmpty {
            var rows = RepeatedRows()
            for (cell, cellHashes) in hashes {
                guard let places = series[cell / timeline.count].summedOffsets[cell % timeline.count] else { continue }
                rows.add(places: places, hashes: cellHashes) { rowText(self.row(at: $0)) == rowText(self.row(at: $1)) }
            }
            diagnostics += rows.diagnostics(in: file)
        }
        return DataExtraction(items: series, diagnostics: Self.inOrder(diagnostics, repeated))
    }

    /// The rows' problems and the ones counted by period, in the order of the file.
    private static func inOrder(_ diagnostics: CappedDiagnostics, _ repeated: RepeatedProblems) -> [Diagnostic] {
        var diagnostics = diagnostics
        diagnostics += repeated.diagnostics
        return diagnostics.all.sorted { $0.location?.range.start ?? 0 < $1.location?.range.start ?? 0 }
    }

    /// The row whose text holds `offset` (rows are in file order).
    func row(at offset: Int) -> Int {
        var low = 0, high = rowCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if rowRange(mid).start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// A row's text within the header's width, from its first field's start to its last field's end.
    func rowText(_ row: Int) -> ArraySlice<UInt8> { file.bytes[span(row, 0).start..<span(row, header.count - 1).end] }

    /// The hash of a row's text (`RepeatedRows.hash`), as the stream hashes a record's.
    func rowHash(_ row: Int) -> UInt64 {
        let range = span(row, 0).start..<span(row, header.count - 1).end
        return file.bytes.withUnsafeBufferPointer { RepeatedRows.hash(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Two amounts for one place: blank stays blank only when both are.
    static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.number(let x), .number(let y)): .number(x + y)
        case (.blank, _): b
        default: a
        }
    }
}

extension Diagnostic {
    fileprivate static func periodOutside(_ period: DataPeriod, timeline: Timeline, at location: SourceLocation) -> Diagnostic {
        .error("\(period.label) is outside the timeline \(timeline.rangeDescription)", at: location, code: .periodOutsideTimeline)
    }

    fileprivate static func periodOfOtherKind(_ period: DataPeriod, timeline: Timeline, at location: SourceLocation) -> Diagnostic {
        let kind = period.granularity == .monthly ? "a month" : "a year"
        return .error("\(period.label) is \(kind), but the timeline is \(timeline.granularity.rawValue)", at: location,
                      code: .periodOfAnotherGranularity)
    }

    fileprivate static func emptyPeriod(column: String, at location: SourceLocation) -> Diagnostic {
        .error("the period in column '\(column)' is empty", at: location, code: .emptyKey)
    }

    fileprivate static func secondAmount(_ key: String, period: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error("a second amount for \(key) in \(period)", at: location,
               hint: "remove the repeated row, or add the key column that tells the rows apart",
               notes: [Diagnostic(.note, "first amount here", at: first)], code: .secondAmount)
    }
}
