import Foundation

/// Where in a data file an input cell's value was read: the file as the model names it, the
/// line and column of the cell, and the column's header.
public struct DataCellSource: Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var header: String
    /// Every cell the value is the sum of, the first one included, when it is summed from
    /// several rows (`long … sum`); empty when it is read from one cell.
    public var summed: [(line: Int, column: Int)] = []
    /// For a figure read from a SIE file's vouchers: each `#TRANS` line behind it, with its
    /// voucher (`#VER` series, number, date and text), in file order.
    public var vouchers: [SIEVoucherLine] = []
}

/// A `#TRANS` line of a SIE file that a figure sums, and the voucher it belongs to.
public struct SIEVoucherLine: Sendable {
    public var line: Int
    public var column: Int
    public var amount: Double
    public var series: String
    public var number: String
    /// `2024-01-15`.
    public var date: String
    public var text: String
}

/// Finds the data file cell an input cell was read from, for `explain`.
///
/// A model keeps its data's values, not where each came from (that would cost memory on every
/// load for the few cells anyone asks about), so the locator reads the file again and finds
/// the row by the cell's members, and the period's column or row, as the model's statement
/// says: `column C` of the dimension's file, `data "f" key K column C`, or wide and long form.
struct DataCellLocator {
    typealias DimensionFile = (path: String, range: SourceRange, key: DataName)
    let model: CheckedModel
    /// The model's statements as written, parsed once when first asked about.
    private var syntax: (definitions: [Definition], dimensionFiles: [String: DimensionFile])? = nil
    private var tables: [String: DataTable?] = [:]
    private var sieFiles: [String: SIEFile?] = [:]

    init(model: CheckedModel) { self.model = model }

    /// The data cell behind `cell`, set by the statement at `location` (the input's definition,
    /// or an assignment that fixes `fixed` members), or nil when that statement reads no file
    /// or the file no longer has the cell.
    mutating func locate(_ cell: CellReference, statementAt location: SourceLocation, fixed: [Int?]) -> DataCellSource? {
        guard location.file.path == model.file.path,
              let statement = parsed().definitions.first(where: { SourceLocation(file: model.file, range: $0.range).line == location.line }),
              let source = statement.source else { return nil }
        let d = model.definitions[cell.slot]
        let names = model.memberNames(of: cell.slot, member: cell.member)
        // The file's keys name the members the statement leaves free, in the input's order.
        let keys = d.dimensions.indices.filter { k in k >= fixed.count || fixed[k] == nil }.map { names[$0] }
        switch source {
        case .column(let column):
            guard d.dimensions.count == 1, let file = parsed().dimensionFiles[model.dimensions[d.dimensions[0]].name] else { return nil }
            return keyed(path: file.path, keys: [file.key.name], column: column.name, members: Array(keys.prefix(1)))
        case .keyed(let path, _, let keyColumns, let column):
            return keyed(path: path, keys: keyColumns.map(\.name), column: column.name, members: keys)
        case .wide(let path, _, let keyColumns):
            guard let table = table(path), let period = cell.period else { return nil }
            let found = table.wide(keyColumns: keyColumns.map { DataColumn($0.name) }, timeline: model.timeline).items
            return series(found, keys: keys, period: period, path: path, header: nil)
        case .long(let path, _, let keyColumns, let periodColumn, let amount, let sum):
            guard let table = table(path), let period = cell.period else { return nil }
            let found = table.long(periodColumn: DataColumn(periodColumn.name), keyColumns: keyColumns.map { DataColumn($0.name) },
                                   amountColumn: DataColumn(amount.name), timeline: model.timeline,
                                   duplicates: sum ? .sum : .error).items
            return series(found, keys: keys, period: period, path: path, header: amount.name)
        case .sie(let path, _, let record, _, let keyList):
            return sie(path: path, record: record, keys: keyList.map(\.key), members: keys, period: cell.period)
        }
    }

    /// The row whose key cells are the members (`Ansvar;Konto;Belopp`: both of them, not the
    /// first row of the cost centre).
    private mutating func keyed(path: String, keys: [String], column: String, members: [String]) -> DataCellSource? {
        guard !keys.isEmpty, keys.count == members.count, let table = table(path) else { return nil }
        let keyIndices = keys.compactMap(table.columnIndex(named:))
        guard keyIndices.count == keys.count, let valueIndex = table.columnIndex(named: column) else { return nil }
        for row in 0..<table.rowCount where !table.isBlankRow(row) {
            guard zip(keyIndices, members).allSatisfy({ table.trimmedText(row, $0) == $1 }) else { continue }
            let place = table.location(row, valueIndex)
            return DataCellSource(path: path, line: place.line, column: place.column, header: column)
        }
        return nil
    }

    private func series(_ found: [KeyedSeries], keys: [String], period: Int, path: String, header: String?) -> DataCellSource? {
        guard let row = found.first(where: { $0.key == keys }), period < row.locations.count,
              let place = row.locations[period] else { return nil }
        var source = DataCellSource(path: path, line: place.line, column: place.column, header: header ?? model.timeline.label(period))
        if let more = row.summedLocations[period] {
            source.summed = ([place] + more).map { ($0.line, $0.column) }
        }
        return source
    }

    /// The SIE lines behind a cell: every `#TRANS` of its members and month (each with its
    /// voucher), or the one balance line.
    private mutating func sie(path: String, record: SIERecord, keys: [SIEKey], members: [String], period: Int?) -> DataCellSource? {
        guard let file = sieFile(path) else { return nil }
        let timeline = model.timeline
        let found = file.amounts(record, keys: keys).filter { amount in
            guard amount.keys == members else { return false }
            guard record.hasPeriods else { return amount.year == 0 }
            guard let month = amount.month, let period else { return false }
            return timeline.index(ofAbsolute: timeline.granularity == .monthly ? month : month / 12) == period
        }
        guard let first = found.first else { return nil }
        let place = { (a: SIEAmount) in SourceLocation(file: file.file, range: a.amountRange) }
        var source = DataCellSource(path: path, line: place(first).line, column: place(first).column, header: record.label)
        if record == .vouchers {
            source.vouchers = found.compactMap { a in
                guard let v = a.voucher else { return nil }
                let voucher = file.vouchers[v], d = voucher.date
                return SIEVoucherLine(line: place(a).line, column: place(a).column, amount: a.amount, series: voucher.series, number: voucher.number,
                                      date: "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))", text: voucher.text)
            }
        }
        return source
    }

    private mutating func sieFile(_ path: String) -> SIEFile? {
        if let cached = sieFiles[path] { return cached }
        let directory = URL(fileURLWithPath: model.file.path).deletingLastPathComponent().path
        let file = (try? DataFile.bytes(path: path, relativeTo: directory, sources: model.sources)).map { SIEFile(bytes: $0.bytes, path: path) }
        sieFiles[path] = .some(file)
        return file
    }

    private mutating func table(_ path: String) -> DataTable? {
        if let cached = tables[path] { return cached }
        let directory = URL(fileURLWithPath: model.file.path).deletingLastPathComponent().path
        let table = try? DataFile.read(path: path, relativeTo: directory, sources: model.sources)
        tables[path] = .some(table)
        return table
    }

    /// The model's input statements (its scenarios' overrides too) and the files its
    /// dimensions are read from, from one parse of the model.
    private mutating func parsed() -> (definitions: [Definition], dimensionFiles: [String: DimensionFile]) {
        if let syntax { return syntax }
        var definitions: [Definition] = []
        var files: [String: DimensionFile] = [:]
        for statement in Parser.parse(model.file).0.statements {
            switch statement {
            case .definition(let d): definitions.append(d)
            case .scenario(let s): definitions += s.overrides
            case .dimension(let d): if let file = d.file { files[d.name] = file }
            default: break
            }
        }
        syntax = (definitions, files)
        return (definitions, files)
    }
}
