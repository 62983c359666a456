/// Dimension members from a data file: `dimension employee from "data/staff.csv" key id`.
extension DataTable {
    /// The keys in `keyColumn`, in file order. An empty key, a key given twice and two
    /// spellings of one key are errors; the first of each stays a member.
    public func members(keyColumn: DataColumn) -> DataExtraction<DataMember> {
        var diagnostics: [Diagnostic] = []
        guard let columns = resolve([keyColumn], into: &diagnostics) else { return DataExtraction(items: [], diagnostics: diagnostics) }
        var keys = KeyIndex()
        var members: [DataMember] = []
        for row in rows where !row.isBlank {
            guard let (key, cells) = key(of: row, columns: columns, named: [keyColumn], into: &diagnostics) else { continue }
            switch keys.lookup(key, cells: cells, in: self) {
            case .conflict(let d):
                diagnostics.append(d)
            case .existing(let number, _):
                diagnostics.append(.memberTwice(key[0], column: keyColumn.name, at: location(of: cells[0]), first: members[number].location))
            case .new:
                members.append(DataMember(name: key[0], location: location(of: cells[0])))
            }
        }
        return DataExtraction(items: members, diagnostics: diagnostics)
    }
}

extension Diagnostic {
    fileprivate static func memberTwice(_ key: String, column: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error("'\(key)' appears twice in column '\(column)'", at: location, notes: [Diagnostic(.note, "first here", at: first)])
    }
}
