/// What one `long` statement takes from a file read as its records pass (`LongStream`): the
/// file's reader settles its separator, header and decimal mark once and gives each record to
/// every statement that reads the file, and each keeps its own series, keys and places.
extension LongStream {
    /// One key's series as it is read: its values and where its amounts are, over the periods
    /// from the first to the last its rows give (`first` on), not the whole timeline: a ledger
    /// of 7,000 accounts each booked in one month of a 1,200-month timeline keeps 7,000 cells,
    /// not 8.4 million.
    struct Series {
        var key: [String]
        /// Each key cell of the first row; the row itself when there are no key columns.
        var keyRanges: [SourceRange]
        var rowRange: SourceRange
        /// The period of `values[0]` and `firstAmounts[0]`.
        var first = 0
        var values: [Value] = []
        var firstAmounts: [SourceRange?] = []
        /// By period (not by place in `values`).
        var summed: [Int: FileOffsets] = [:]
        /// Under `sum`: the hash of each period's first row (`RepeatedRows.hash`), beside
        /// `firstAmounts`, and of every row summed into a period, beside `summed`.
        var firstHashes: [UInt64] = []
        var summedHashes: [Int: [UInt64]] = [:]

        /// The series over the whole timeline of `periods` periods, as the whole read gives it.
        func keyed(in file: SourceFile, periods: Int) -> KeyedSeries {
            let after = max(0, periods - first - values.count)
            return KeyedSeries(key: key, keyLocation: SourceLocation(file: file, range: keyRanges.first ?? rowRange),
                               keyLocations: keyRanges.map { SourceLocation(file: file, range: $0) },
                               values: Array(repeating: .blank, count: first) + values + Array(repeating: .blank, count: after),
                               locations: Array(repeating: nil, count: first) + firstAmounts.map { $0.map { SourceLocation(file: file, range: $0) } }
                                   + Array(repeating: nil, count: after),
                               summedOffsets: summed)
        }

        /// Widens the periods kept to take `period` (of `periods`), by at least as many as are kept
        /// (so that a series met period by period backwards is not copied at each), and the first
        /// rows' hashes with them when `hashing`; the bytes the arrays take more.
        mutating func cover(_ period: Int, of periods: Int, hashing: Bool = false) -> Int {
            let before = bytes
            if values.isEmpty {
                first = period
                values = [.blank]
                firstAmounts = [nil]
            } else if period < first {
                let from = max(0, min(period, first - values.count))
                values.insert(contentsOf: repeatElement(.blank, count: first - from), at: 0)
                firstAmounts.insert(contentsOf: repeatElement(nil, count: first - from), at: 0)
                if hashing { firstHashes.insert(contentsOf: repeatElement(0, count: first - from), at: 0) }
                first = from
            } else if period >= first + values.count {
                let more = min(periods, max(period + 1, first + 2 * values.count)) - first - values.count
                values.append(contentsOf: repeatElement(.blank, count: more))
                firstAmounts.append(contentsOf: repeatElement(nil, count: more))
            }
            if hashing, firstHashes.count < values.count { firstHashes.append(contentsOf: repeatElement(0, count: values.count - firstHashes.count)) }
            return bytes - before
        }

        /// What the arrays that grow with the periods take.
        private var bytes: Int {
            values.capacity * MemoryLayout<Value>.stride + firstAmounts.capacity * MemoryLayout<SourceRange?>.stride
                + firstHashes.capacity * MemoryLayout<UInt64>.stride
        }

        /// The rows summed into a period that repeat an earlier one, by their hashes.
        func repeats(into found: inout RepeatedRows) {
            for (period, hashes) in summedHashes {
                guard let places = summed[period] else { continue }
                found.add(places: places, hashes: hashes)
            }
        }
    }

    /// One statement's reading of the records: its columns, its series and what they keep.
    /// Each answers false at the first thing that would be a diagnostic for its statement.
    struct Statement {
        let spec: LongStream
        /// The period, amount and key columns, once the header is read.
        var columns: (period: Int, amount: Int, keys: [Int])?
        var series: [Series] = []
        /// What the statement keeps so far.
        var kept = Kept()
        /// Keys met, exactly and folded (`KeyIndex.fold`): a key of one column by its text.
        var oneKey: [String: Int] = [:], oneKeyFolded: [String: Int] = [:]
        var keys: [[String]: Int] = [:], keysFolded: [[String]: Int] = [:]
        /// Periods met, by their text as written.
        var periods: [String: Int] = [:]
        /// The columns whose header says currency (`CurrencyColumn.says`), for an input of money
        /// whose amount column names no currency of its own: each row's must be `spec.currency`.
        var currencyColumns: [Int] = []

        init(_ spec: LongStream) { self.spec = spec }

        /// Finds the statement's columns in the header's names; false when one is missing.
        mutating func readHeader(_ names: [String]) -> Bool {
            func index(_ name: String) -> Int? { names.firstIndex(of: name.trimmedOfPadding) }
            guard let period = index(spec.periodColumn), let amount = index(spec.amountColumn) else { return false }
            var keys: [Int] = []
            for name in spec.keyColumns {
                guard let k = index(name) else { return false }
                keys.append(k)
            }
            columns = (period, amount, keys)
            if let currency = spec.currency, let packed = CurrencyColumn.packed(currency) {
                let read = Set(keys + [period, amount])
                currencyColumns = names.indices.filter { !read.contains($0) && CurrencyColumn.says(names[$0]) }
                wantedCurrency = packed
            }
            return true
        }

        /// `spec.currency` packed (`CurrencyColumn.packedLetters`), when rows are checked for it.
        var wantedCurrency: UInt32 = 0

        /// Whether each currency column of the record is blank or says `wantedCurrency` (in
        /// any case): anything else is read whole, where it is an error when the column is one
        /// of currency codes (`DataBinding.otherCurrencyProblems`).
        private func inWantedCurrency(_ here: [FieldSpan], in window: [UInt8]) -> Bool {
            for c in currencyColumns {
                let span = here[c]
                // `SEK` as written, most often: no quotes or padding to look past.
                var text = Int(span.start)..<Int(span.end)
                if text.count != 3 { text = FieldText.trimmed(FieldText.content(of: span, in: window).range, in: window) }
                if text.isEmpty { continue }
                guard CurrencyColumn.packedLetters(window, text) == wantedCurrency else { return false }
            }
            return true
        }

        /// Takes a record that is not blank (its fields as places in the text, `fields`, and in
        /// the scanner's window, `here`) into the statement's series; false when it would be
        /// reported. `hash` is the record's (`RepeatedRows.hash`), for a statement that sums.
        mutating func take(_ fields: [FieldSpan], _ here: [FieldSpan], in window: [UInt8], record: SourceRange,
                           numbers: NumberReader, hash: UInt64 = 0) -> Bool {
            let columns = self.columns!
            for k in columns.keys where FieldText.isBlank(here[k], in: window) || Self.hasLineBreak(here[k], in: window) { return false }
            if !currencyColumns.isEmpty, !inWantedCurrency(here, in: window) { return false }

            let periodText = FieldText.trimmedText(of: here[columns.period], in: window)
            let index: Int
            if let known = periods[periodText] {
                index = known
            } else {
                guard case .index(let i) = DataTable.place(periodText, on: spec.timeline) else { return false }
                periods[periodText] = i
                index = i
            }
            guard let amount = Self.number(here[columns.amount], in: window, numbers: numbers, percent: spec.percent) else { return false }
            guard let number = keyNumber(fields, here, in: window, record: record) else { return false }

            let amountAt = fields[columns.amount]
            let hashing = spec.duplicates == .sum
            var at = index - series[number].first
            if at < 0 || at >= series[number].values.count {
                kept.add(bytes: series[number].cover(index, of: spec.timeline.count, hashing: hashing))
                at = index - series[number].first
            }
            if let first = series[number].firstAmounts[at] {
                guard hashing else { return false }
                series[number].values[at] = DataTable.add(series[number].values[at], amount)
                if series[number].summed[index] == nil {
                    series[number].summed[index] = FileOffsets([first.start, amountAt.start])
                    series[number].summedHashes[index] = [series[number].firstHashes[at], hash]
                    kept.addSummed(first: true, at: amountAt.start, hashed: true, rows: 2)
                } else {
                    let placesGrew = series[number].summed[index]!.appendReportingGrowth(amountAt.start)
                    let (rows, grew) = Self.appending(hash, to: &series[number].summedHashes[index]!)
                    kept.addSummed(first: false, at: amountAt.start, hashed: true, rows: rows, grew: placesGrew + grew)
                }
                return true
            }
            series[number].values[at] = amount
            series[number].firstAmounts[at] = amountAt.range
            if hashing { series[number].firstHashes[at] = hash }
            return true
        }

        /// Appends `hash` to a cell's hashes, found once, and says how many it holds and, when
        /// its array grew, its new size (`Kept.grown`).
        private static func appending(_ hash: UInt64, to hashes: inout [UInt64]) -> (rows: Int, grew: Int) {
            let full = hashes.count == hashes.capacity
            hashes.append(hash)
            return (hashes.count, full ? 32 + hashes.capacity * 8 : 0)
        }

        /// The amount as `DataTable.number` reads it, for a `%` input as `percent` says; nil when
        /// it is no number (or a bare percentage to refuse).
        private static func number(_ span: FieldSpan, in window: [UInt8], numbers: NumberReader, percent: PercentCells) -> Value? {
            var numbers = numbers
            numbers.percent = percent
            let content = FieldText.content(of: span, in: window)
            if !content.doubledQuotes {
                let trimmed = FieldText.trimmed(content.range, in: window)
                if trimmed.isEmpty { return .blank }
                if let x = numbers.readPlain(window, trimmed) { return .number(x) }
            }
            do {
                return try numbers.read(FieldText.string(content.range, doubledQuotes: content.doubledQuotes, in: window)).map(Value.number) ?? .blank
            } catch {
                return nil
            }
        }

        /// The number of the record's key (a new series for a key not met before), as
        /// `KeyIndex` numbers keys; nil for a key spelled another way before.
        private mutating func keyNumber(_ fields: [FieldSpan], _ here: [FieldSpan], in window: [UInt8], record: SourceRange) -> Int? {
            let columns = self.columns!.keys
            let key: [String]
            if columns.count == 1 {
                let text = FieldText.trimmedText(of: here[columns[0]], in: window)
                if let known = oneKey[text] { return known }
                let folded = KeyIndex.fold(text)
                guard oneKeyFolded[folded] == nil else { return nil }
                oneKey[text] = series.count
                oneKeyFolded[folded] = series.count
                key = [text]
            } else {
                let texts = columns.map { FieldText.trimmedText(of: here[$0], in: window) }
                if let known = keys[texts] { return known }
                let folded = texts.map(KeyIndex.fold)
                guard keysFolded[folded] == nil else { return nil }
                keys[texts] = series.count
                keysFolded[folded] = series.count
                key = texts
            }
            kept.addSeries(keyBytes: key.reduce(0) { $0 + $1.utf8.count })
            series.append(Series(key: key, keyRanges: columns.map { fields[$0].range }, rowRange: record))
            return series.count - 1
        }

        /// Whether a key cell has a line break in it (`DataTable.hasKeyProblem`).
        private static func hasLineBreak(_ span: FieldSpan, in window: [UInt8]) -> Bool {
            var mayHave = false
            for k in span.start..<span.end {
                let b = window[k]
                if (0x0A...0x0D).contains(b) { return true }
                if b == 0xC2 || b == 0xE2 { mayHave = true }   // U+0085, U+2028, U+2029
            }
            return mayHave && FieldText.text(of: span, in: window).contains(where: \.isNewline)
        }
    }
}
