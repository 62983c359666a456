/// An export's totals row kept out of the members and the keys' values (`TotalsRow`): the
/// dimension read from the file refuses it as a member, and a statement that reads the file by
/// a key refuses its values, so that no total counts the file's amounts twice.
extension DataBinding {
    /// The totals rows of a table by its key columns, found once for every statement that reads
    /// the table by them.
    mutating func totalsRows(of table: DataTable, path: String, keyColumns: [Int], skipping: [Int] = []) -> [TotalsRow] {
        let id = "\(path)\u{0}\(keyColumns.map(String.init).joined(separator: ","))\u{0}\(skipping.map(String.init).joined(separator: ","))"
        if let found = totalsByTable[id] { return found }
        let found = table.totalsRows(keyColumns: keyColumns, skipping: skipping)
        totalsByTable[id] = found
        return found
    }

    /// The members read from a dimension's file without its totals rows: each refused one is an
    /// error at its key (and its rows are left out of the inputs without another); a totals word
    /// nothing else marks as a total stays a member, with a warning.
    mutating func refusingTotals(_ names: inout [String], rows: inout [Int32], table: DataTable, path: String, keyColumn: Int,
                                 dimension: String, into found: inout [Diagnostic]) {
        let totals = totalsRows(of: table, path: path, keyColumns: [keyColumn])
        guard !totals.isEmpty else { return }
        var listed = CappedDiagnostics()
        var refused = Set<Int32>()
        for total in totals {
            // Only a member's own row: a second row of its key is reported as such already.
            guard rows.contains(Int32(total.row)) else { continue }
            if total.refused {
                listed.append(.totalsRow(total, of: "a member of '\(dimension)'", in: table))
                refused.insert(Int32(total.row))
                refusedMembers[dimension, default: []].insert(total.key)
            } else if !total.led {
                listed.append(.totalsWordAsMember(total, of: "a member of '\(dimension)'", in: table))
            }
        }
        found = (found + listed.all).sorted { ($0.location?.range.start ?? 0) < ($1.location?.range.start ?? 0) }
        guard !refused.isEmpty else { return }
        let kept = rows.indices.filter { !refused.contains(rows[$0]) }
        names = kept.map { names[$0] }
        rows = kept.map { rows[$0] }
    }

    /// The refused totals rows of a table read by `keyColumns` (by name), by the key's place
    /// among them and its text: a statement's series or value for such a key is an error, not
    /// a member's. Empty when a key column is missing (reported where it is resolved). The
    /// columns `skipping` (a long file's period) are no amounts to sum.
    mutating func refusedTotals(of table: DataTable, path: String, keyColumns: [DataColumn], skipping: [DataColumn] = []) -> [TotalsRow] {
        let indices = keyColumns.compactMap { table.columnIndex(named: $0.name) }
        guard indices.count == keyColumns.count else { return [] }
        return totalsRows(of: table, path: path, keyColumns: indices, skipping: skipping.compactMap { table.columnIndex(named: $0.name) })
            .filter(\.refused)
    }

    /// The refused totals row whose key is `key` (the texts of `keyColumns`, in order), if any.
    static func totalsRow(_ key: [String], among totals: [TotalsRow], keyColumns: [Int]) -> TotalsRow? {
        guard !totals.isEmpty else { return nil }
        return totals.first { t in keyColumns.firstIndex(of: t.column).map { $0 < key.count && key[$0] == t.key } ?? false }
    }
}
