/// The keys an extraction has met, to catch a key given twice and two spellings of one key.
///
/// Keys are compared exactly (after the padding around a cell is removed). Two keys that
/// differ only in letter case or in spaces (`Nätverk`, `nätverk`, `Nät verk`) are an error
/// naming both spellings: they are almost always one member typed two ways, and merging
/// them, or keeping both, would each be a silent guess.
///
/// A key in one column is a `String`, in several an array of them; either is made once per
/// row, and the folded spelling is the key itself when it is ASCII without capitals or spaces.
struct KeyIndex {
    enum Lookup {
        /// A key not met before; it now has this number.
        case new(Int)
        /// The key met before as number `Int`, first on row `firstRow`.
        case existing(Int, firstRow: Int)
        /// The key differs from the one on row `otherRow` only in case or spacing.
        case conflict(otherRow: Int)
    }

    let columns: [Int]
    /// One column: each folded key's number. Two keys with one folded spelling are a
    /// conflict, so a folded key stands for one exact key, found by comparing the texts.
    private var byFolded: [String: Int32] = [:]
    private var exactParts: [[String]: Int32] = [:]
    private var looseParts: [[String]: Int32] = [:]
    /// For each key number, the first row that has it.
    private(set) var firstRows: [Int32] = []

    init(columns: [Int], capacity: Int = 0) {
        self.columns = columns
        if columns.count == 1 { byFolded.reserveCapacity(capacity) }
    }

    /// Looks up the key of `row` (whose key cells were checked by `hasKeyProblem`), adding it when new.
    mutating func lookup(row: Int, in table: DataTable) -> Lookup {
        if columns.count == 1 {
            let key = table.trimmedText(row, columns[0])
            let folded = Self.fold(key)
            if let number = byFolded[folded] {
                let first = Int(firstRows[Int(number)])
                return table.trimmedText(first, columns[0]) == key ? .existing(Int(number), firstRow: first) : .conflict(otherRow: first)
            }
            let number = firstRows.count
            byFolded[folded] = Int32(number)
            firstRows.append(Int32(row))
            return .new(number)
        }
        let key = columns.map { table.trimmedText(row, $0) }
        if let number = exactParts[key] { return .existing(Int(number), firstRow: Int(firstRows[Int(number)])) }
        let folded = key.map(Self.fold)
        if let other = looseParts[folded] { return .conflict(otherRow: Int(other)) }
        let number = firstRows.count
        exactParts[key] = Int32(number)
        looseParts[folded] = Int32(row)
        firstRows.append(Int32(row))
        return .new(number)
    }

    /// Lower case, without any spaces.
    static func fold(_ s: String) -> String {
        var ascii = true, changes = false
        for b in s.utf8 {
            if b >= 0x80 { ascii = false; break }
            if (0x41...0x5A).contains(b) || b == 0x20 || (0x09...0x0D).contains(b) { changes = true }
        }
        if ascii, !changes { return s }
        return String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// How a message names a key: `ansvar '110'`, or `konto '4010', ansvar '110'` for several columns.
    static func describe(_ key: [String], columns: [DataColumn]) -> String {
        if key.isEmpty { return "the file (it has no key columns)" }
        return zip(columns, key).map { "\($0.name) '\($1)'" }.joined(separator: ", ")
    }
}

/// The key of every row of a table in some key columns, found once and shared by every
/// statement that reads the file by those columns (a dimension's members and each `column`
/// input of it), so that a file of 100,000 rows is indexed once, not once per statement.
/// Each statement still reports its own problems from it, row by row.
struct RowKeys: Sendable {
    enum Outcome {
        /// A row of empty fields: no data.
        case blankRow
        /// A key cell is empty or has a line break (`DataTable.reportKeyProblems` says which).
        case badKey
        /// The key differs from the one on row `otherRow` only in case or spacing.
        case conflict(otherRow: Int)
        /// Key number `Int`; the row is its first when `firstRows[number]` is this row.
        case key(Int)
    }

    let columns: [Int]
    /// Per row: a key number, or one of the negative codes below.
    private var codes: [Int32] = []
    private var conflicts: [Int32: Int32] = [:]
    /// For each key number, the first row that has it.
    private(set) var firstRows: [Int32] = []

    private static let blankRow: Int32 = -1, badKey: Int32 = -2, conflict: Int32 = -3

    init(table: DataTable, columns: [Int]) {
        self.columns = columns
        var index = KeyIndex(columns: columns, capacity: table.rowCount)
        codes.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            if table.isBlankRow(row) { codes.append(Self.blankRow); continue }
            if table.hasKeyProblem(row, columns: columns) { codes.append(Self.badKey); continue }
            switch index.lookup(row: row, in: table) {
            case .new(let number), .existing(let number, _):
                codes.append(Int32(number))
            case .conflict(let other):
                codes.append(Self.conflict)
                conflicts[Int32(row)] = Int32(other)
            }
        }
        firstRows = index.firstRows
    }

    var keyCount: Int { firstRows.count }

    func isBlankRow(_ row: Int) -> Bool { codes[row] == Self.blankRow }

    func outcome(_ row: Int) -> Outcome {
        switch codes[row] {
        case Self.blankRow: .blankRow
        case Self.badKey: .badKey
        case Self.conflict: .conflict(otherRow: Int(conflicts[Int32(row)]!))
        case let number: .key(Int(number))
        }
    }
}

extension DataTable {
    /// Whether a key cell of the row is empty or has a line break in it.
    func hasKeyProblem(_ row: Int, columns: [Int]) -> Bool {
        columns.contains { isBlank(row, $0) || hasLineBreak(row, $0) }
    }

    /// Reports each key cell of the row that is empty or has a line break in it.
    func reportKeyProblems(_ row: Int, columns: [Int], named names: [DataColumn], into diagnostics: inout [Diagnostic]) {
        for (column, name) in zip(columns, names) {
            if isBlank(row, column) {
                diagnostics.append(.emptyKey(column: name.name, at: location(row, column)))
            } else if hasLineBreak(row, column) {
                diagnostics.append(.keyWithLineBreak(column: name.name, at: location(row, column)))
            }
        }
    }

    /// The key cells' texts, without padding.
    func key(_ row: Int, columns: [Int]) -> [String] { columns.map { trimmedText(row, $0) } }

    /// The problem of a key that differs from the one on `otherRow` only in case or spacing.
    func keyConflict(_ row: Int, otherRow: Int, columns: [Int]) -> Diagnostic {
        let key = self.key(row, columns: columns), other = self.key(otherRow, columns: columns)
        let i = key.indices.first { key[$0] != other[$0] } ?? 0
        return .keySpelledTwoWays(key[i], location(row, columns[i]), other: other[i], at: location(otherRow, columns[i]))
    }

    /// Where a row's key is shown: its first key cell, or the row when there are no key columns.
    func keyLocation(_ row: Int, columns: [Int]) -> SourceLocation {
        columns.first.map { location(row, $0) } ?? location(rowRange(row))
    }

    /// Each key cell of a row, in key-column order.
    func keyLocations(_ row: Int, columns: [Int]) -> [SourceLocation] {
        columns.map { location(row, $0) }
    }

    private func hasLineBreak(_ row: Int, _ column: Int) -> Bool {
        let span = span(row, column), bytes = file.bytes
        var mayHave = false
        for k in Int(span.start)..<Int(span.end) {
            let b = bytes[k]
            if (0x0A...0x0D).contains(b) { return true }
            if b == 0xC2 || b == 0xE2 { mayHave = true }   // U+0085, U+2028, U+2029
        }
        return mayHave && cell(row, column).text.contains(where: \.isNewline)
    }
}

extension Diagnostic {
    fileprivate static func keySpelledTwoWays(_ key: String, _ location: SourceLocation, other: String, at otherLocation: SourceLocation) -> Diagnostic {
        .error("'\(key)' and '\(other)' differ only in case or spacing", at: location,
               hint: "write the key the same way on every row; Kalkyl does not guess which spelling is meant",
               notes: [Diagnostic(.note, "'\(other)' is written here", at: otherLocation)], code: .keySpelledTwoWays)
    }

    fileprivate static func emptyKey(column: String, at location: SourceLocation) -> Diagnostic {
        .error("the key in column '\(column)' is empty", at: location, code: .emptyKey)
    }

    fileprivate static func keyWithLineBreak(column: String, at location: SourceLocation) -> Diagnostic {
        .error("the key in column '\(column)' has a line break in it", at: location,
               hint: "is a closing quote missing on this line?", code: .keyWithLineBreak)
    }
}
