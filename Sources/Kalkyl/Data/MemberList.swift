/// Dimension members from a data file: `dimension employee from "data/staff.csv" key id`.
extension DataTable {
    /// The keys in `keyColumn`, in file order. An empty key, a key given twice and two
    /// spellings of one key are errors; the first of each stays a member.
    func members(keyColumn: DataColumn) -> DataExtraction<DataMember> {
        var diagnostics: [Diagnostic] = []
        guard let columns = resolve([keyColumn], into: &diagnostics) else { return DataExtraction(items: [], diagnostics: diagnostics) }
        return members(keys: RowKeys(table: self, columns: columns), keyColumn: keyColumn, diagnostics: diagnostics)
    }

    /// The members by keys already found (`RowKeys` of the key column), which the file's
    /// `column` inputs share.
    func members(keys: RowKeys, keyColumn: DataColumn, diagnostics: [Diagnostic] = []) -> DataExtraction<DataMember> {
        var diagnostics = diagnostics
        var members: [DataMember] = []
        members.reserveCapacity(keys.keyCount)
        forEachMember(keys: keys, keyColumn: keyColumn, into: &diagnostics) { row in
            members.append(DataMember(name: trimmedText(row, keys.columns[0]), location: location(row, keys.columns[0])))
        }
        return DataExtraction(items: members, diagnostics: diagnostics)
    }

    /// Hands the row of each member, in file order, to `body`, and reports the rows that
    /// are none: an empty key, a key given twice or spelled two ways.
    func forEachMember(keys: RowKeys, keyColumn: DataColumn, into listed: inout [Diagnostic], _ body: (_ row: Int) -> Void) {
        // A problem a row: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        defer { listed += diagnostics.all }
        let column = keys.columns[0]
        for row in 0..<rowCount {
            switch keys.outcome(row) {
            case .blankRow:
                continue
            case .badKey:
                reportKeyProblems(row, columns: keys.columns, named: [keyColumn], into: &diagnostics)
            case .conflict(let other):
                diagnostics.append(keyConflict(row, otherRow: other, columns: keys.columns))
            case .key(let number):
                let first = Int(keys.firstRows[number])
                if first == row {
                    body(row)
                } else {
                    diagnostics.append(.memberTwice(trimmedText(row, column), column: keyColumn.name, at: location(row, column),
                                                    first: location(first, column)))
                }
            }
        }
    }
}

extension Diagnostic {
    fileprivate static func memberTwice(_ key: String, column: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error("'\(key)' appears twice in column '\(column)'", at: location, notes: [Diagnostic(.note, "first here", at: first)], code: .keyOnTwoRows)
    }
}
