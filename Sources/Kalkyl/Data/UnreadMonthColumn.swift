/// A wide file's first month written so that it is no period (`Jan 2026`, `2026-1`, `2026-01*`,
/// `202601 prel`): its column is not read, like a name or a yearly total beside the months, and
/// since the months before a file's first period column are taken for history the file does not
/// hold, that month was blank without a word (red team, session 18, hunt18/t05: Q1 55, not 66).
/// Only a month the statement reads counts: `input kost[forecast, ansvar, 2021-05 ..] = data …`
/// reads no April, so a column `Ack utfall apr 2021` before its first period column is nothing
/// it lost (a false alarm before, hunt18's residuals).
extension DataTable {
    /// The header cells before the file's first period column that look like the timeline's
    /// months before that one, each the month before the next (`Jan 2026;Feb 2026;2026-03`), and
    /// whose cells are numbers, with each one's month index, nearest the first period column
    /// first: columns holding months under headers that are no period. Only the column just
    /// before was looked at, so of two such columns the earlier was blank without a word
    /// (session 20, resid/03). `readFrom` is the statement's first period (0 for the whole
    /// timeline): a month before it is not the statement's.
    func unreadMonthColumns(periods: [(column: Int, index: Int)], keys: Set<Int>, timeline: Timeline,
                            readFrom: Int = 0) -> [(cell: DataCell, index: Int)] {
        guard timeline.granularity == .monthly, let first = periods.min(by: { $0.index < $1.index }) else { return [] }
        var found: [(cell: DataCell, index: Int)] = []
        var column = first.column - 1, missing = first.index - 1
        while column >= 0, missing >= 0, missing >= readFrom, let cell = unreadMonth(column, missing: missing, periods: periods, keys: keys, timeline: timeline) {
            found.append((cell, missing))
            column -= 1
            missing -= 1
        }
        return found
    }

    /// The header cell of `column` when it names the timeline's month `missing` without being
    /// a period, and its cells are mostly numbers; nil otherwise.
    private func unreadMonth(_ column: Int, missing: Int, periods: [(column: Int, index: Int)], keys: Set<Int>, timeline: Timeline) -> DataCell? {
        guard !keys.contains(column), !periods.contains(where: { $0.column == column }) else { return nil }
        let cell = header[column]
        let absolute = timeline.first + missing
        guard Self.names(cell.trimmed, year: absolute / 12, month: absolute % 12 + 1) else { return nil }
        let reader = numberReader
        var filled = 0, numbers = 0
        for row in 0..<rowCount where !isBlankRow(row) && !isBlank(row, column) {
            filled += 1
            if isNumber(row, column, reader: reader) { numbers += 1 }
        }
        return filled > 0 && numbers * 2 > filled ? cell : nil
    }

    /// Whether a header names the month: its year (`2026` or `26`) and its number or name
    /// (`1`, `01`, `Jan`, `januari`), or both in one (`202601`).
    static func names(_ header: String, year: Int, month: Int) -> Bool {
        let text = header.lowercased()
        let groups = text.split { !$0.isASCII || !$0.isNumber }.map(String.init)
        let yyyymm = String(format: "%04d%02d", year, month)
        if groups.contains(where: { $0.hasPrefix(yyyymm) }) { return true }
        let years = [String(year), String(format: "%02d", year % 100)]
        guard let yearAt = groups.firstIndex(where: { years.contains($0) }) else { return false }
        let others = groups.enumerated().filter { $0.offset != yearAt }.map(\.element)
        if others.contains(where: { Int($0) == month }) { return true }
        let words = Self.monthWords[month - 1]
        return words.contains { text.contains($0) }
    }

    /// Each month's name as exports abbreviate it, Swedish and English.
    static let monthWords: [[String]] = [["jan"], ["feb"], ["mar"], ["apr"], ["maj", "may"], ["jun"], ["jul"], ["aug"], ["sep"],
                                         ["okt", "oct"], ["nov"], ["dec"]]
}

extension Diagnostic {
    /// The warning for each of `DataTable.unreadMonthColumns`; `firstPeriod` is the file's
    /// first period column's month.
    static func unreadMonthColumn(_ cell: DataCell, month: String, firstPeriod: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, "the column '\(cell.trimmed)' holds numbers, but its header is no period, so it is not read: \(month), before the file's first period column \(firstPeriod), is blank",
                   at: location, hint: "write its header as \(month) (or \(month.replacing("-", with: ""))); if it is no month, delete the column",
                   code: .unreadMonthColumn)
    }
}
