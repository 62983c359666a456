/// Where each cell of an input read from a data file came from: the file, and each cell's
/// place in it, or every row summed into it. Kept in the checked model when the file is
/// read, so that `explain`, and any front end, can name a value's cell without reading the
/// file or the model again.
public struct DataOrigins: Sendable {
    /// The file as the model names it (`data/staff.csv`).
    public internal(set) var path: String
    /// The file as read, to turn a place into its line and column.
    public internal(set) var file: SourceFile
    /// The column read (`Månadslön`, a long form's amount column); nil for a wide form,
    /// whose columns are the periods.
    public internal(set) var header: String?
    /// Whether each member's periods all come from one cell (a value per member, as a
    /// column gives): then `offsets` has one entry per member, else one per cell, period by
    /// period and member by member, as the cells are.
    public internal(set) var perMember: Bool
    /// Each entry's byte offset in the file; -1 where no row gives a value.
    public internal(set) var offsets: FileOffsets
    /// For a cell summed from several rows (`long … sum`): each row's offset, the first
    /// included, by the cell's index in `offsets`.
    public internal(set) var summed: [Int: FileOffsets] = [:]
    /// For a figure read from a SIE file's vouchers: each `#TRANS` line summed into it, the
    /// first included, with its voucher, by the cell's index in `offsets`.
    public internal(set) var transactions: [Int: SIETransactionPlaces] = [:]
    /// The SIE file's vouchers, to name the voucher of each line in `transactions`.
    public internal(set) var vouchers: SIEVoucherIndex?
    /// Whether the statement reads with `credit positive`: each value is its cells negated,
    /// which the places (and the `#TRANS` amounts, as booked) do not show.
    public internal(set) var negated = false

    init(path: String, file: SourceFile, header: String?, perMember: Bool, count: Int) {
        self.path = path
        self.file = file
        self.header = header
        self.perMember = perMember
        self.offsets = FileOffsets(none: count)
    }

    /// The place of the cell `index` in `offsets`, or nil when no row gave it. In a file that
    /// has changed since it was read, the first line of the stretch that held it, column 1.
    public func place(_ index: Int) -> (line: Int, column: Int)? {
        guard offsets.indices.contains(index), offsets[index] >= 0 else { return nil }
        return file.lineAndColumn(of: offsets[index])
    }

    /// The origins of periods `periods` only (an assignment to some periods keeps those).
    func periods(_ periods: ClosedRange<Int>, memberCount: Int) -> DataOrigins {
        guard !perMember else { return self }
        var out = self
        let from = periods.lowerBound * memberCount, to = min(offsets.count, (periods.upperBound + 1) * memberCount)
        out.offsets = FileOffsets(from < to ? Array(offsets[from..<to]) : [])
        out.summed = [:]
        for (k, rows) in summed where k >= from && k < to { out.summed[k - from] = rows }
        out.transactions = [:]
        for (k, rows) in transactions where k >= from && k < to { out.transactions[k - from] = rows }
        return out
    }
}

/// The `#TRANS` lines of a SIE file summed into an input's cell, in file order: where each
/// amount is written and the amount. Its voucher (`#VER` series, number, date, text) is read
/// back from the file when asked for (`DataOrigins.cell`), not kept for each of millions of lines.
public struct SIETransactionPlaces: Sendable {
    public internal(set) var offsets: FileOffsets
    public internal(set) var amounts: [Double]
}

/// A `#TRANS` line of a SIE file that a figure sums, and the voucher it belongs to, as explain shows it.
public struct SIEVoucherLine: Codable, Sendable {
    public var line: Int
    public var column: Int
    public var amount: Double
    public var series: String
    public var number: String
    /// `2024-01-15`.
    public var date: String
    public var text: String
}

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
    /// Whether the file has changed (or gone) since it was read, as it can between saves in
    /// `watch` and the language server: the places are then not known. `line` is the first of
    /// the at most 32 lines that held the cell and `column` 1; `summed`'s and `vouchers`'
    /// places likewise.
    public var fileChanged = false
    /// Read with `credit positive`: the value is the cell (or the sum) as booked, negated.
    public var negated = false

    /// `data/staff.csv:2:12`; in a file changed since it was read, the lines that held the
    /// cell: `data/staff.csv:33 or up to 31 lines after`.
    public static func place(file: String, line: Int, column: Int, fileChanged: Bool) -> String {
        fileChanged ? "\(file):\(line) or up to \(SourceFile.lineSample - 1) lines after" : "\(file):\(line):\(column)"
    }

    /// What a place in a file changed since it was read is followed by.
    public static let changedNote = "the file has changed since it was read"

    /// What follows the place, or the heading of the rows or `#TRANS` lines summed, of a value
    /// read with `credit positive`: the amounts shown are as booked, the value their negation.
    public static let negatedNote = ", negated (credit positive)"
}

extension DataOrigins {
    /// The data cell of cell `member` (counted over the dimensions the statement reads from
    /// the file) in `period` (counted from the first period the statement sets), or nil when
    /// no row gave it. `periodLabel` heads a wide form's cell.
    func cell(member: Int, period: Int, memberCount: Int, periodLabel: String) -> DataCellSource? {
        let index = perMember ? member : period * memberCount + member
        guard let (line, column) = place(index) else { return nil }
        var source = DataCellSource(path: path, line: line, column: column, header: header ?? periodLabel)
        source.fileChanged = file.knownLineAndColumn(of: offsets[index]) == nil
        source.negated = negated
        if let rows = summed[index] {
            source.summed = rows.map { file.lineAndColumn(of: $0) }.map { ($0.line, $0.column) }
            if !source.fileChanged, let last = rows.last { source.fileChanged = file.knownLineAndColumn(of: last) == nil }
        }
        if let lines = transactions[index], let vouchers {
            // A line's place or its voucher's #VER line not found as read: the file has changed
            // since, and no heading read from it now is the voucher's.
            var headings: [Int: (series: String, number: String, date: String, text: String)] = [:]
            var changed = source.fileChanged
            source.vouchers = zip(lines.offsets, lines.amounts).map { offset, amount in
                let known = file.knownLineAndColumn(of: offset)
                if known == nil { changed = true }
                let place = known ?? file.lineAndColumn(of: offset)
                var heading = (series: "", number: "", date: "", text: "")
                if !changed, let v = vouchers.voucher(containing: offset) {
                    if headings[v] == nil {
                        let read = file.knownLineAndColumn(of: vouchers.starts[v]).flatMap { SIEVoucherIndex.heading(file.line($0.line)) }
                        if read == nil { changed = true }
                        headings[v] = read ?? heading
                    }
                    heading = headings[v]!
                }
                let d = heading.date
                return SIEVoucherLine(line: place.line, column: place.column, amount: amount, series: heading.series, number: heading.number,
                                      date: d.isEmpty ? "" : "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))", text: heading.text)
            }
            source.fileChanged = changed
        }
        return source
    }
}
