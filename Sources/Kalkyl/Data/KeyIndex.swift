/// The keys an extraction has met, to catch a key given twice and two spellings of one key.
///
/// Keys are compared exactly (after the padding around a cell is removed). Two keys that
/// differ only in letter case or in spaces (`Nätverk`, `nätverk`, `Nät verk`) are an error
/// naming both spellings: they are almost always one member typed two ways, and merging
/// them, or keeping both, would each be a silent guess.
struct KeyIndex {
    enum Lookup {
        /// A key not met before; it now has this number.
        case new(Int)
        /// The key met before as number `Int`, with the cells where it was first read.
        case existing(Int, first: [DataCell])
        /// The key differs from an earlier one only in case or spacing: already reported.
        case conflict(Diagnostic)
    }

    private var exact: [[String]: (number: Int, cells: [DataCell])] = [:]
    private var loose: [[String]: (key: [String], cells: [DataCell])] = [:]

    mutating func lookup(_ key: [String], cells: [DataCell], in table: DataTable) -> Lookup {
        if let found = exact[key] { return .existing(found.number, first: found.cells) }
        let folded = key.map(Self.fold)
        if let other = loose[folded] {
            let i = key.indices.first { key[$0] != other.key[$0] } ?? 0
            return .conflict(.keySpelledTwoWays(key[i], table.location(of: cells[i]), other: other.key[i], at: table.location(of: other.cells[i])))
        }
        let number = exact.count
        exact[key] = (number, cells)
        loose[folded] = (key, cells)
        return .new(number)
    }

    /// Lower case, without any spaces.
    static func fold(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// How a message names a key: `ansvar '110'`, or `konto '4010', ansvar '110'` for several columns.
    static func describe(_ key: [String], columns: [DataColumn]) -> String {
        if key.isEmpty { return "the file (it has no key columns)" }
        return zip(columns, key).map { "\($0.name) '\($1)'" }.joined(separator: ", ")
    }
}

extension DataTable {
    /// The key cells of a row, or nil after reporting an empty key or one with a line break.
    func key(of row: DataRow, columns: [Int], named names: [DataColumn], into diagnostics: inout [Diagnostic]) -> (key: [String], cells: [DataCell])? {
        var key: [String] = [], cells: [DataCell] = []
        var ok = true
        for (index, column) in zip(columns, names) {
            let cell = row.cells[index]
            if cell.isBlank {
                diagnostics.append(.emptyKey(column: column.name, at: location(of: cell)))
                ok = false
            } else if cell.text.contains(where: \.isNewline) {
                diagnostics.append(.keyWithLineBreak(column: column.name, at: location(of: cell)))
                ok = false
            }
            key.append(cell.trimmed)
            cells.append(cell)
        }
        return ok ? (key, cells) : nil
    }

    /// Where a row's key is shown: its first key cell, or the row when there are no key columns.
    func keyLocation(_ cells: [DataCell], row: DataRow) -> SourceLocation {
        location(cells.first?.range ?? row.range)
    }
}

extension Diagnostic {
    fileprivate static func keySpelledTwoWays(_ key: String, _ location: SourceLocation, other: String, at otherLocation: SourceLocation) -> Diagnostic {
        .error("'\(key)' and '\(other)' differ only in case or spacing", at: location,
               hint: "write the key the same way on every row; Kalkyl does not guess which spelling is meant",
               notes: [Diagnostic(.note, "'\(other)' is written here", at: otherLocation)])
    }

    fileprivate static func emptyKey(column: String, at location: SourceLocation) -> Diagnostic {
        .error("the key in column '\(column)' is empty", at: location)
    }

    fileprivate static func keyWithLineBreak(column: String, at location: SourceLocation) -> Diagnostic {
        .error("the key in column '\(column)' has a line break in it", at: location,
               hint: "is a closing quote missing on this line?")
    }
}
