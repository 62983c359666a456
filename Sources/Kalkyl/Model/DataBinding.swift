import Foundation

/// Reads the data files a model names: members of dimensions (`dimension employee from
/// "data/staff.csv" key id`) and inputs (`input salary[employee] = column månadslön`,
/// `= data "budget.csv" wide key ansvar`, …). Paths are relative to the model file, and
/// every problem in a file is reported at its line and column, in the file or in the model.
struct DataBinding {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// Tables already read, by path as written.
    var tables: [String: DataTable?] = [:]
    /// For a dimension read from a file: its table, key column and the keys of its rows (nil
    /// when the file has no such column).
    var dimensionSources: [String: (table: DataTable, path: String, key: DataColumn, keys: RowKeys?)] = [:]

    /// The keys of each table's rows by a key column, found once for all the statements that
    /// read the table by it: by path as written and column index.
    var keysByTable: [String: [Int: RowKeys]] = [:]
    /// For each `RowKeys` (by path and key column) and dimension: the member each key number
    /// is, -1 for a key that is no member.
    var membersByKey: [String: [Int32]] = [:]
    /// Keys a dimension's file lists that were refused as members (their error is reported
    /// there), by dimension name: an input's row for one is left out without a second error.
    var refusedMembers: [String: Set<String>] = [:]
    /// SIE files already read, by path as written.
    var sieFiles: [String: SIEFile?] = [:]
    /// Dimensions whose file could not be read or is no text (reported once, at the file).
    var unusableDimensionFiles = Set<String>()
    /// The `long` statements of each file (by path as written) that only they read: such a file
    /// may be read as a stream, once for all of them (`streamedLong`).
    var streamable: [String: [DataFiles.LongStatement]] = [:]
    /// What the stream of such a file read for each of its statements not yet bound, by where
    /// the statement writes the path; empty once the file is to be read whole.
    var streamedReads: [String: [Int: LongStream.Read]] = [:]
    /// Where the first thing to report starts in such a file (a byte offset), when its stream
    /// met one and left the file to be read whole: a whole read too large to keep names it.
    var readWholeAt: [String: Int] = [:]
    /// Each table's totals rows by its key columns (`totalsRows(of:path:keyColumns:)`).
    var totalsByTable: [String: [TotalsRow]] = [:]

    /// The inputs declared `%`, by name: an assignment of one reads its data as `%` too.
    var percentInputs = Set<String>()

    /// Where the data files are read from.
    let sources: any SourceProvider

    /// What an earlier check read, to read again only what changed.
    let cache: CheckCache?

    init(file: SourceFile, sources: any SourceProvider = DiskSources(), cache: CheckCache? = nil) {
        self.file = file
        self.sources = sources
        self.cache = cache
    }

    var directory: String {
        let url = URL(fileURLWithPath: file.path)
        return url.deletingLastPathComponent().path
    }

    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    mutating func table(_ path: String, at range: SourceRange) -> DataTable? {
        if let cached = tables[path] { return cached }
        do {
            let text = try DataFile.text(path: path, relativeTo: directory, reference: location(range), sources: sources)
            let opened = text.file.path
            let cached = cache?.table(opened, text: text)
            let table = cached ?? DataTable.parse(text)
            if let refused = table.wouldTake {
                diagnostics.append(.takesTooMuchToRead(path, table: table, needed: refused.needed, limit: refused.limit, at: location(range)))
                tables[path] = .some(nil)
                return nil
            }
            if cached == nil { cache?.keep(table, path: opened, text: text) }
            diagnostics += table.diagnostics
            // An empty file, or one that is no text (a workbook, a zip), has no columns to look
            // for: its own error is the one to read, not one per column the model names.
            if table.header.isEmpty || table.file.bytes.contains(0) {
                tables[path] = .some(nil)
                return nil
            }
            tables[path] = table
            return table
        } catch {
            diagnostics.append(error)
            tables[path] = .some(nil)
            return nil
        }
    }

    /// The keys of the table's rows in `column`, found the first time they are asked for.
    mutating func rowKeys(of table: DataTable, path: String, column: Int) -> RowKeys {
        if let found = keysByTable[path]?[column] { return found }
        let cached = cache?.rowKeys(table.file.path, column: column)
        let keys = cached ?? RowKeys(table: table, columns: [column])
        if cached == nil { cache?.keep(keys, path: table.file.path, column: column) }
        keysByTable[path, default: [:]][column] = keys
        return keys
    }

    /// Each member's parent, read from the parent column of the dimension's file, with the
    /// place of each parent's cell; nil when they would not fit (reported).
    mutating func parents(of d: DimensionSyntax) -> [String: (String, SourceLocation)]? {
        guard let column = d.parentColumn else { return [:] }
        return texts(of: d, column: column, what: "parents")
    }

    /// Each member's name (`name Benämning`: "VC Centrum" for `411010`), read from its
    /// dimension's file; a member whose cell is empty has none.
    mutating func descriptions(of d: DimensionSyntax) -> [String: String] {
        guard let column = d.nameColumn else { return [:] }
        return texts(of: d, column: column, what: "names")?.mapValues(\.0) ?? [:]
    }

    /// A text column of a dimension's file, by member, with the place of each cell; nil when
    /// they would not fit in what is left (reported).
    private mutating func texts(of d: DimensionSyntax, column: DataName, what: String) -> [String: (String, SourceLocation)]? {
        guard let source = dimensionSources[d.name] else { return [:] }
        let parentColumn = DataColumn(column.name, at: location(column.range))
        guard let keys = source.keys else {
            _ = source.table.resolve([source.key, parentColumn], into: &diagnostics)
            return [:]
        }
        guard let parentIndex = source.table.resolve([parentColumn], into: &diagnostics)?.first else { return [:] }
        guard rowsFit(source.table, path: source.path, bytesPerRow: Self.bytesPerTextRow, keeping: "the \(what) of '\(d.name)'",
                      at: column.range) else { return nil }
        var out: [String: (String, SourceLocation)] = [:]
        let keyIndex = keys.columns[0]
        source.table.columnValues(keys: keys, keyColumn: source.key, valueColumn: parentColumn, valueIndex: parentIndex, kind: .text,
                                  timeline: nil, into: &diagnostics) { row, _, value in
            if case .text(let parent) = value { out[source.table.trimmedText(row, keyIndex)] = (parent, source.table.location(row, parentIndex)) }
        }
        return out
    }

    /// A mapping file of accounts and account ranges to report lines (`Konto;Rad`,
    /// `3000..3999;Intäkter`); nil when it cannot be read. A range written backwards and an
    /// empty cell are errors.
    mutating func accountMapping(path: String, at range: SourceRange, key: DataName, line: DataName) -> AccountMapping? {
        guard let table = table(path, at: range) else { return nil }
        let columns = [DataColumn(key.name, at: location(key.range)), DataColumn(line.name, at: location(line.range))]
        guard let found = table.resolve(columns, into: &diagnostics) else { return nil }
        var entries: [AccountMapping.Entry] = []
        // A problem a row: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        defer { self.diagnostics += diagnostics.all }
        for row in 0..<table.rowCount where !table.isBlankRow(row) {
            let code = table.trimmedText(row, found[0]), lineName = table.trimmedText(row, found[1])
            let at = table.location(row, found[0])
            if code.isEmpty || lineName.isEmpty {
                diagnostics.append(.error(code.isEmpty ? "the account is empty" : "the line for '\(code)' is empty",
                                          at: code.isEmpty ? at : table.location(row, found[1]), code: .emptyKey))
                continue
            }
            let accounts = AccountRange(code)
            if let accounts, !accounts.isOrdered {
                diagnostics.append(.error("the range '\(code)' runs backwards", at: at, hint: "write \(accounts.high)..\(accounts.low)", code: .rangeRunsBackwards))
                continue
            }
            entries.append(.init(key: code, range: accounts, line: lineName, location: at))
        }
        return AccountMapping(entries: entries)
    }

    /// The members of a dimension read from a data file, each with its row.
    mutating func members(of d: DimensionSyntax) -> ListedMembers {
        guard let source = d.file else { return .empty }
        guard let table = table(source.path, at: source.range) else {
            unusableDimensionFiles.insert(d.name)
            return .empty
        }
        let key = DataColumn(source.key.name, at: location(source.key.range))
        guard let keyIndex = table.resolve([key], into: &diagnostics)?.first else {
            dimensionSources[d.name] = (table, source.path, key, nil)
            return .empty
        }
        // Before the keys are found: a member a row, as a name, its row and its place in the index.
        guard rowsFit(table, path: source.path, bytesPerRow: ListedMembers.bytesPerMember, keeping: "the members of '\(d.name)'", at: source.range,
                      hint: "a member takes up to \(ListedMembers.bytesPerMember) bytes: its name, its row and its place in the dimension's index")
        else {
            unusableDimensionFiles.insert(d.name)
            return .empty
        }
        let keys = rowKeys(of: table, path: source.path, column: keyIndex)
        dimensionSources[d.name] = (table, source.path, key, keys)
        if let members = cache?.members(table.file.path, key: key.name, table: table) { return members }
        var found: [Diagnostic] = []
        var names: [String] = [], rows: [Int32] = []
        names.reserveCapacity(keys.keyCount)
        rows.reserveCapacity(keys.keyCount)
        table.forEachMember(keys: keys, keyColumn: key, into: &found) { row in
            names.append(table.trimmedText(row, keyIndex))
            rows.append(Int32(row))
        }
        refusingTotals(&names, rows: &rows, table: table, path: source.path, keyColumn: keyIndex, dimension: d.name, into: &found)
        let members = ListedMembers(names: names, table: table, column: keyIndex, rows: rows)
        diagnostics += found
        if found.isEmpty && members.count > 0 { cache?.keep(members: members, path: table.file.path, key: key.name) }
        if members.count == 0 && found.isEmpty {
            diagnostics.append(.error("\(source.path) has no rows, so '\(d.name)' would have no members", at: location(source.range),
                                      code: .noMembersInFile))
        }
        return members
    }

    /// An input's cells as read from its data source, period by period and member by member,
    /// and where each came from; with `missing 0`, a cell no row gives is zero; with `credit
    /// positive`, every amount is negated (a credit, booked negative, is positive). `readFrom`
    /// is the first period the statement sets (`input x[forecast, u, 2021-05 ..] = data …`).
    mutating func values(_ d: Definition, source: DataSourceSyntax, shape: NameShape, names: NameTable, readFrom: Int = 0) -> ReadCells? {
        if let problem = moneyScaleProblem(d, source: source) ?? headerCurrencyProblem(d, source: source) {
            diagnostics.append(problem)
            return nil
        }
        guard var read = cachedCells(d, source: source, shape: shape, names: names, readFrom: readFrom) else { return nil }
        if d.dataOptions.missingIsZero != nil {
            for i in read.cells.indices where read.cells[i] == .blank { read.cells[i] = .number(0) }
        }
        if d.dataOptions.creditPositive != nil {
            // 0 - x, as the workbook's `-x` gives: a zero stays 0, never -0.
            for i in read.cells.indices { if case .number(let x) = read.cells[i] { read.cells[i] = .number(0 - x) } }
            read.origins?.negated = true
        }
        return read
    }

    /// `readCells`, or what it gave the last time for the same statement over the same files
    /// and members, when that read found no problem (a problem is reported where it is now).
    private mutating func cachedCells(_ d: Definition, source: DataSourceSyntax, shape: NameShape, names: NameTable, readFrom: Int) -> ReadCells? {
        if case .sie = source { return readCells(d, source: source, shape: shape, names: names, readFrom: readFrom) }
        guard let cache, refusedMembers.isEmpty else { return readCells(d, source: source, shape: shape, names: names, readFrom: readFrom) }
        let members = shape.dimensions.map { names.dimensions[$0].members }
        let key = CheckCache.CellsKey(name: d.name, source: source.contentKey, missingIsZero: d.dataOptions.missingIsZero != nil,
                                      isSeries: shape.isSeries, timeline: names.timeline, percent: PercentCells(d, percentInputs: percentInputs),
                                      readFrom: readFrom)
        let before = diagnostics.count
        // The files the statement reads, as they are now: a changed file drops what was read from it.
        var files: [(path: String, file: SourceFile)] = []
        if case .column = source, let from = shape.dimensions.first.flatMap({ dimensionSources[names.dimensions[$0].name] }) {
            files.append((from.table.file.path, from.table.file))
        }
        if let (path, range) = source.file, let table = table(path, at: range) { files.append((table.file.path, table.file)) }
        if let read = cache.cells(key, members: members, files: files) { return read }
        let read = readCells(d, source: source, shape: shape, names: names, readFrom: readFrom)
        if let read, diagnostics.count == before { cache.keep(cells: read, key: key, members: members, files: files) }
        return read
    }

    /// The cells as the rows give them, blank where none does, and where each came from.
    private mutating func readCells(_ d: Definition, source: DataSourceSyntax, shape: NameShape, names: NameTable, readFrom: Int) -> ReadCells? {
        var origins: DataOrigins?
        var empty = EmptyCells()
        guard let cells = readCells(d, source: source, shape: shape, names: names, readFrom: readFrom, origins: &origins, empty: &empty) else { return nil }
        return ReadCells(cells: cells, origins: origins, empty: empty)
    }

    private mutating func readCells(_ d: Definition, source: DataSourceSyntax, shape: NameShape, names: NameTable, readFrom: Int,
                                    origins: inout DataOrigins?, empty: inout EmptyCells) -> [Value]? {
        let dims = shape.dimensions
        let memberCount = names.memberCount(dims)
        let periods = shape.isSeries ? names.timeline.count : 1
        // Before the cells are made: what earlier reads took may leave too little for them.
        if let problem = ModelSize.dataCellsProblem(d, cells: memberCount * periods, file: file) {
            diagnostics.append(problem)
            return nil
        }
        if let clause = d.dataOptions.inPercent, let problem = Self.inPercentProblem(d, source: source, percentInputs: percentInputs) {
            diagnostics.append(.error(problem, at: location(clause), hint: "leave 'in percent' out", code: .inPercentOfNoPercentage))
            return nil
        }
        // A SIE statement makes its own cells once its file is read (an array here as well held
        // 173 MB for nothing while 300,000 cost centres' were made, and stopped kalkyl).
        if case .sie(let path, let pathRange, let record, let recordRange, let keys) = source {
            return sieCells(d, path: path, pathRange: pathRange, record: record, recordRange: recordRange, keys: keys, shape: shape, names: names,
                            origins: &origins)
        }
        var cells = [Value](repeating: .blank, count: memberCount * periods)
        var filled = [Bool](repeating: false, count: memberCount)
        let dimensionNames = dims.map { names.dimensions[$0].name }

        let refused = dims.map { refusedMembers[names.dimensions[$0].name] ?? [] }
        let member = { (keys: [String], at: [SourceLocation]) -> (Int?, Diagnostic?) in
            if zip(keys, refused).contains(where: { $1.contains($0) }) { return (nil, nil) }
            return DataBinding.member(keys, dims: dims, names: names, at: at)
        }
        func columns(_ keys: [DataName]) -> [DataColumn]? {
            guard keys.count == dims.count else {
                let wanted = dims.isEmpty ? "no key" : "one key per dimension (\(dimensionNames.joined(separator: ", ")))"
                diagnostics.append(.error("'\(d.name)' needs \(wanted), but \(keys.count) \(keys.count == 1 ? "is" : "are") given",
                                          at: location(keys.first?.range ?? d.nameRange), code: .keyCount))
                return nil
            }
            return keys.map { DataColumn($0.name, at: location($0.range)) }
        }

        switch source {
        case .sie:
            return nil   // read above
        case .column(let column):
            // The dimension's file could not be read, or is no text: that error says it all.
            if dims.count == 1, unusableDimensionFiles.contains(dimensionNames[0]) { return nil }
            guard dims.count == 1, let from = dimensionSources[dimensionNames[0]] else {
                diagnostics.append(.error("'column' reads the file of the input's dimension; '\(d.name)' needs one dimension read from a data file",
                                          at: location(column.range), hint: "or name the file: data \"file.csv\" key … column \(column.name)",
                                          code: .columnWithoutDimensionFile))
                return nil
            }
            guard let keys = from.keys else {
                _ = from.table.resolve([from.key, DataColumn(column.name, at: location(column.range))], into: &diagnostics)
                reportMissing(d, filled: filled, dims: dims, names: names)
                return cells
            }
            guard noOtherCurrency(d, table: from.table, path: from.path, readBy: [from.key], amountHeader: column.name) else { return nil }
            return keyedValues(from.table, path: from.path, keys: keys, key: from.key, column: column, d: d, shape: shape, names: names,
                               cells: &cells, filled: &filled, member: member, origins: &origins)
        case .keyed(let path, let pathRange, let keys, let column):
            guard let table = table(path, at: pathRange), let keyColumns = columns(keys) else { return nil }
            guard rowsFit(table, path: path, bytesPerRow: keyColumns.count == 1 ? Self.bytesPerKeyedRow : Self.bytesPerKeyOfColumnsRow,
                          keeping: "the keys of '\(d.name)'", at: pathRange) else { return nil }
            guard noOtherCurrency(d, table: table, path: path, readBy: keyColumns, amountHeader: column.name) else { return nil }
            guard keyColumns.count == 1 else {
                return severalKeyedValues(table, path: path, keyColumns: keyColumns, column: column, d: d, shape: shape, names: names,
                                          cells: &cells, filled: &filled, member: member, origins: &origins)
            }
            guard let keyIndex = table.resolve(keyColumns, into: &diagnostics)?.first else {
                _ = table.resolve([DataColumn(column.name, at: location(column.range))], into: &diagnostics)
                reportMissing(d, filled: filled, dims: dims, names: names)
                return cells
            }
            return keyedValues(table, path: path, keys: rowKeys(of: table, path: path, column: keyIndex), key: keyColumns[0], column: column,
                               d: d, shape: shape, names: names, cells: &cells, filled: &filled, member: member, origins: &origins)
        case .wide(let path, let pathRange, let keys), .long(let path, let pathRange, let keys, _, _, _):
            guard shape.isSeries else {
                diagnostics.append(.error("'\(d.name)' has no periods; wide and long data give a value per period",
                                          at: location(d.targetRange ?? d.nameRange), hint: "write \(d.name)[…, \(names.timeline.axisName)]",
                                          code: .periodsDoNotFitData))
                return nil
            }
            if case .long(_, _, _, _, let amount, _) = source, keys.count == dims.count,
               let streamed = streamedLong(path: path, pathRange: pathRange, dims: dims, names: names) {
                guard case .read(let read) = streamed else { return nil }
                var found = DataOrigins(path: path, file: read.file, header: amount.name, perMember: false, count: cells.count)
                for series in read.series {
                    guard let m = member(series.key, series.keyLocations).0 else { continue }   // a refused member's row
                    filled[m] = true
                    for p in 0..<min(periods, series.values.count) {
                        let cell = p * memberCount + m
                        cells[cell] = series.values[p]
                        guard let place = series.locations[p] else { continue }
                        found.offsets[cell] = place.range.start
                        if let rows = series.summedOffsets[p] { found.summed[cell] = rows }
                    }
                }
                origins = found
                diagnostics += read.repeated.diagnostics(in: read.file)
                reportMissing(d, filled: filled, dims: dims, names: names)
                return cells
            }
            guard let table = table(path, at: pathRange), let keyColumns = columns(keys) else { return nil }
            var found = DataOrigins(path: path, file: table.file, header: nil, perMember: false, count: cells.count)
            // A key that is no member, a row: a thousand are listed.
            var unknown = CappedDiagnostics()
            // An export's totals row is no key's values.
            var periodColumn: [DataColumn] = []
            var amountHeader: String?
            if case .long(_, _, _, let period, let amount, _) = source {
                periodColumn = [DataColumn(period.name, at: location(period.range))]
                amountHeader = amount.name
            }
            guard noOtherCurrency(d, table: table, path: path, readBy: keyColumns + periodColumn, amountHeader: amountHeader) else { return nil }
            let totals = refusedTotals(of: table, path: path, keyColumns: keyColumns, skipping: periodColumn)
            let keyIndices = keyColumns.compactMap { table.columnIndex(named: $0.name) }
            let isWide = if case .wide = source { true } else { false }
            // Each series' values go straight into its member's cells.
            func place(_ series: KeyedSeries) {
                let (index, problem) = member(series.key, series.keyLocations)
                // A member the dimension's file refused (as a totals row, say) was reported there.
                guard index != nil || problem != nil else { return }
                if let total = DataBinding.totalsRow(series.key, among: totals, keyColumns: keyIndices) {
                    unknown.append(.totalsRow(total, of: "the values of '\(d.name)'", in: table))
                    return
                }
                if let problem { unknown.append(problem) }
                guard let m = index else { return }
                filled[m] = true
                for p in 0..<min(periods, series.values.count) {
                    let cell = p * memberCount + m
                    cells[cell] = series.values[p]
                    guard p < series.locations.count, let place = series.locations[p] else { continue }
                    found.offsets[cell] = place.range.start
                    if let rows = series.summedOffsets[p] { found.summed[cell] = rows }
                }
                if isWide { empty.add(holesOf: series, member: m, in: table.file.bytes) }
            }
            if case .long(_, _, _, let period, let amount, let sum) = source {
                found.header = amount.name
                // Its series hold the whole timeline: they must fit in what is left besides the
                // table, the cells and their places, all held already.
                // What the stream kept and freed is in what is left now: the heap holds it free
                // (`MachineMemory.heapFree`) or gave it back.
                let room = WholeLongKept.limit(left: MachineMemory.left())
                let extraction = table.long(periodColumn: DataColumn(period.name, at: location(period.range)), keyColumns: keyColumns,
                                            amountColumn: DataColumn(amount.name, at: location(amount.range)), timeline: names.timeline,
                                            duplicates: sum ? .sum : .error, percent: PercentCells(d, percentInputs: percentInputs), keepLimit: room)
                diagnostics += extraction.diagnostics
                if let refusal = extraction.tooMuch {
                    diagnostics.append(.keepsTooMuchReadWhole(path, for: d.name, refusal, room: room, why: readWholeNote(path, in: table),
                                                              at: location(pathRange)))
                    return nil
                }
                extraction.items.forEach(place)
            } else {
                // A wide file's series are placed as their rows are read, never kept: one a row.
                guard rowsFit(table, path: path, bytesPerRow: keyColumns.count == 1 ? Self.bytesPerKeyedRow : Self.bytesPerKeyOfColumnsRow,
                              keeping: "the keys of '\(d.name)'", at: pathRange) else { return nil }
                var read: [Diagnostic] = []
                table.forEachWideSeries(keyColumns: keyColumns, timeline: names.timeline, percent: PercentCells(d, percentInputs: percentInputs),
                                        readFrom: readFrom, into: &read, place)
                diagnostics += read
            }
            // After the file's own problems, as when the series were placed once all were read.
            diagnostics += unknown.all
            origins = found
        }
        reportMissing(d, filled: filled, dims: dims, names: names)
        return cells
    }

    /// Why `in percent` means nothing on `d`, if it does not: only a `%` input's numbers are
    /// per cent, or an FTE input's (a degree of employment, `100` for one full-time
    /// equivalent, K0227), and a SIE file's amounts are kronor.
    static func inPercentProblem(_ d: Definition, source: DataSourceSyntax, percentInputs: Set<String>) -> String? {
        if case .sie = source { return "'in percent' reads numbers written as per cent, and a SIE file's amounts are kronor" }
        if !PercentCells.isPercentInput(d, percentInputs: percentInputs), !FTEAsPercent.isFTE(d) {
            return "'in percent' reads the file's numbers as per cent, but '\(d.name)' is \(d.unit.map { "\($0)" } ?? "a plain number"), not %"
        }
        return nil
    }

    /// A value per member from a column of `table`, its rows' keys (`keys`) shared with the
    /// other statements that read the table by the same column.
    mutating func keyedValues(_ table: DataTable, path: String, keys: RowKeys, key: DataColumn, column: DataName, d: Definition,
                              shape: NameShape, names: NameTable, cells: inout [Value], filled: inout [Bool],
                              member: ([String], [SourceLocation]) -> (Int?, Diagnostic?), origins: inout DataOrigins?) -> [Value]? {
        let valueColumn = DataColumn(column.name, at: location(column.range))
        guard let valueIndex = table.resolve([valueColumn], into: &diagnostics)?.first else {
            reportMissing(d, filled: filled, dims: shape.dimensions, names: names)
            return cells
        }
        let memberCount = filled.count
        let periods = cells.count / max(1, memberCount)
        let keyIndex = keys.columns[0]
        let memberOfKey = members(of: keys, in: table, path: path, dimension: shape.dimensions[0], names: names)
        // A key that is no member, a row: a thousand are listed, after the column's own problems.
        var unknown = CappedDiagnostics()
        var found = DataOrigins(path: path, file: table.file, header: column.name, perMember: true, count: memberCount)
        // An input with a unit (`: kr`) is an amount: its column is numbers, and a cell that is
        // not one is an error however few the column has, never a text that sums to nothing.
        let kind: ColumnKind = d.unit == nil ? .automatic : .number
        // An export's totals row is no member's value.
        let totals = Dictionary(refusedTotals(of: table, path: path, keyColumns: [key]).map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
        let percent = PercentCells(d, percentInputs: percentInputs)
        // A degree of employment of `100` read into an FTE input (K0227).
        var fte = FTEAsPercent.applies(to: d, percent: percent) ? FTEAsPercent() : nil
        // Each value goes straight to its member's cells.
        table.columnValues(keys: keys, keyColumn: key, valueColumn: valueColumn, valueIndex: valueIndex, kind: kind, percent: percent,
                           totalsRows: Set(totals.keys), timeline: names.timeline, into: &diagnostics) { row, number, value in
            let m = Int(memberOfKey[number])
            guard m >= 0 else {
                // A member the dimension's file refused gives no problem: it was reported there.
                if let problem = member([table.trimmedText(row, keyIndex)], [table.location(row, keyIndex)]).1 {
                    unknown.append(totals[row].map { .totalsRow($0, of: "the value of '\(d.name)'", in: table) } ?? problem)
                }
                return
            }
            if let total = totals[row] {
                unknown.append(.totalsRow(total, of: "the value of '\(d.name)'", in: table))
                return
            }
            for p in 0..<periods { cells[p * memberCount + m] = value }
            filled[m] = true
            found.offsets[m] = table.span(row, valueIndex).start
            fte?.note(row: row, value: value, text: table.trimmedText(row, valueIndex))
        }
        origins = found
        if let problem = fte?.diagnostic(d, column: column.name, table: table, valueIndex: valueIndex) { diagnostics.append(problem) }
        diagnostics += unknown.all
        reportMissing(d, filled: filled, dims: shape.dimensions, names: names)
        return cells
    }

    /// A value per member from a column of a file whose rows are named by several key
    /// columns, one per dimension (`Ansvar;Konto;Belopp`).
    mutating func severalKeyedValues(_ table: DataTable, path: String, keyColumns: [DataColumn], column: DataName, d: Definition,
                                     shape: NameShape, names: NameTable, cells: inout [Value], filled: inout [Bool],
                                     member: ([String], [SourceLocation]) -> (Int?, Diagnostic?), origins: inout DataOrigins?) -> [Value]? {
        let valueColumn = DataColumn(column.name, at: location(column.range))
        guard let indices = table.resolve(keyColumns + [valueColumn], into: &diagnostics) else {
            reportMissing(d, filled: filled, dims: shape.dimensions, names: names)
            return cells
        }
        let keyIndices = Array(indices.dropLast()), valueIndex = indices.last!
        let keys = RowKeys(table: table, columns: keyIndices)
        let memberCount = filled.count, periods = cells.count / max(1, memberCount)
        let kind: ColumnKind = d.unit == nil ? .automatic : .number
        // A key that is no member, a row: a thousand are listed.
        var found: [Diagnostic] = [], unknown = CappedDiagnostics()
        var places = DataOrigins(path: path, file: table.file, header: column.name, perMember: true, count: memberCount)
        // An export's totals row is no member's value.
        let totals = Dictionary(refusedTotals(of: table, path: path, keyColumns: keyColumns).map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
        table.columnValues(keys: keys, keyColumns: keyColumns, valueColumn: valueColumn, valueIndex: valueIndex, kind: kind,
                           percent: PercentCells(d, percentInputs: percentInputs), totalsRows: Set(totals.keys), timeline: names.timeline,
                           into: &found) { row, _, value in
            let (found, problem) = member(table.key(row, columns: keyIndices), table.keyLocations(row, columns: keyIndices))
            // A member the dimension's file refused gives no problem: it was reported there.
            guard found != nil || problem != nil else { return }
            if let total = totals[row] {
                unknown.append(.totalsRow(total, of: "the value of '\(d.name)'", in: table))
                return
            }
            if let problem { unknown.append(problem) }
            guard let m = found else { return }
            for p in 0..<periods { cells[p * memberCount + m] = value }
            filled[m] = true
            places.offsets[m] = table.span(row, valueIndex).start
        }
        origins = places
        // In file order, as the file's other problems are.
        diagnostics += (found + unknown.all).sorted { ($0.location?.range.start ?? 0) < ($1.location?.range.start ?? 0) }
        reportMissing(d, filled: filled, dims: shape.dimensions, names: names)
        return cells
    }

    /// The member of `dimension` each key of `keys` is (-1 for none), worked out once for all
    /// the inputs that read the table by that column. A dimension read from the same column
    /// has the keys as members in the same order, so most keys are matched by comparing
    /// them with the next member, without hashing.
    mutating func members(of keys: RowKeys, in table: DataTable, path: String, dimension: Int, names: NameTable) -> [Int32] {
        let id = "\(path)\u{0}\(keys.columns[0])\u{0}\(dimension)"
        if let found = membersByKey[id] { return found }
        let members = names.dimensions[dimension].members, index = names.dimensions[dimension].memberIndex
        var memberOfKey: [Int32] = []
        memberOfKey.reserveCapacity(keys.keyCount)
        var next = 0
        for first in keys.firstRows {
            let key = table.trimmedText(Int(first), keys.columns[0])
            if next < members.count, members[next] == key {
                memberOfKey.append(Int32(next))
                next += 1
            } else {
                memberOfKey.append(index[key].map(Int32.init) ?? -1)
            }
        }
        membersByKey[id] = memberOfKey
        return memberOfKey
    }

    /// The member index of a row's keys, or a diagnostic at the key that is no member (each
    /// key's cell is in `locations`, in key order).
    static func member(_ keys: [String], dims: [Int], names: NameTable, at locations: [SourceLocation]) -> (Int?, Diagnostic?) {
        var index = 0
        for (k, d) in dims.enumerated() {
            guard let m = names.dimensions[d].memberIndex[keys[k]] else {
                let hint = Suggestions.closest(to: keys[k], in: names.dimensions[d].members).map { "did you mean '\($0)'?" }
                return (nil, .error("'\(keys[k])' is not a member of '\(names.dimensions[d].name)'", at: locations[min(k, locations.count - 1)], hint: hint,
                                    code: .notAMember))
            }
            index = index * names.size(d) + m
        }
        return (index, nil)
    }

    /// Members with no row in the file keep blank cells; say so, rather than let them pass unseen.
    mutating func reportMissing(_ d: Definition, filled: [Bool], dims: [Int], names: NameTable) {
        // `missing 0` says a member with no row is normal (a sparse ledger): no warning.
        guard d.dataOptions.missingIsZero == nil else { return }
        let missing = filled.indices.filter { !filled[$0] }
        guard !missing.isEmpty, !dims.isEmpty else { return }
        let shown = missing.prefix(5).map { m -> String in
            var rest = m
            var parts: [String] = []
            for d in dims.reversed() {
                parts.append(names.dimensions[d].members[rest % names.size(d)])
                rest /= names.size(d)
            }
            return parts.reversed().joined(separator: "/")
        }
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        diagnostics.append(Diagnostic(.warning, "\(missing.count) member\(missing.count == 1 ? " has" : "s have") no row for '\(d.name)', so \(missing.count == 1 ? "its cells are" : "their cells are") blank: \(shown.joined(separator: ", "))\(more)",
                                      at: location(d.nameRange), code: .noRowForMember))
    }
}

/// An input's cells as a data statement read them, and where each came from (nil when the
/// statement found no file to read).
struct ReadCells {
    var cells: [Value]
    var origins: DataOrigins?
    /// A `wide` file's cells left empty (`Checker.warnOfEmptyCells`).
    var empty = EmptyCells()
}
