/// The keys an extraction has met, to catch a key given twice and two spellings of one key.
///
/// Keys are compared exactly (after the padding around a cell is removed). Two keys that
/// differ only in letter case or in spaces (`Nätverk`, `nätverk`, `Nät verk`) are an error
/// naming both spellings: they are almost always one member typed two ways, and merging
/// them, or keeping both, would each be a silent guess.
///
/// A key in one column is hashed and compared from the file's bytes when it is ASCII (as a
/// `String` otherwise); in several columns it is an array of `String`s, made once per row.
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
    /// One column: by open addressing on the folded key's hash (`KeyHash.folded`), probed
    /// linearly and at most half full, each slot holds the key's number + 1 in its low bits
    /// (0 for an empty slot), as many as a slot count needs (`SlotLayout`), and bits of the hash
    /// in the rest, so that a probe past another key reads no text. Two keys with one folded
    /// spelling are a conflict, so a folded key stands for one exact key, found by comparing
    /// the texts. An ASCII key is hashed and compared from the file's bytes.
    ///
    /// Four bytes a slot: the table of a 100,000-row file is 1 MB and stays in the second-level
    /// cache, where eight bytes a slot took 2 MB and most lookups waited on memory
    /// (docs/performance.md, "Cold start").
    private var slots: [UInt32] = []
    private var layout = SlotLayout(slotCount: 8)
    private var exactParts: [[String]: Int32] = [:]
    private var looseParts: [[String]: Int32] = [:]
    /// For each key number, the first row that has it.
    private(set) var firstRows: [Int32] = []

    init(columns: [Int], capacity: Int = 0) {
        self.columns = columns
        if columns.count == 1 {
            slots = [UInt32](repeating: 0, count: Self.slotCount(for: capacity))
            layout = SlotLayout(slotCount: slots.count)
        }
    }

    /// Looks up the key of `row` (whose key cells were checked by `hasKeyProblem`), adding it when new.
    mutating func lookup(row: Int, in table: DataTable) -> Lookup {
        if columns.count == 1 { return lookup(row: row, column: columns[0], in: table) }
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

    private mutating func lookup(row: Int, column: Int, in table: DataTable) -> Lookup {
        let key = table.keyText(row, column)
        let hash = key.foldedHash(in: table)
        let mask = slots.count - 1, layout = self.layout, tag = layout.tag(hash)
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if layout.tag(of: entry) == tag {
                let number = layout.number(in: entry)
                let first = Int(firstRows[number])
                let other = table.keyText(first, column)
                if key.foldsEqual(other, in: table) {
                    return key.equals(other, in: table) ? .existing(number, firstRow: first) : .conflict(otherRow: first)
                }
            }
            slot = (slot + 1) & mask
        }
        let number = firstRows.count
        slots[slot] = layout.entry(number: number, tag: tag)
        firstRows.append(Int32(row))
        if 2 * firstRows.count > slots.count { grow(column: column, in: table) }
        return .new(number)
    }

    /// Twice the slots, every key placed again (only when more keys came than were reserved).
    private mutating func grow(column: Int, in table: DataTable) {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        layout = SlotLayout(slotCount: slots.count)
        let mask = slots.count - 1
        for (number, first) in firstRows.enumerated() {
            let hash = table.keyText(Int(first), column).foldedHash(in: table)
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = layout.entry(number: number, tag: layout.tag(hash))
        }
    }

    /// Slots for `keys` keys: a power of two, at most half of them used.
    static func slotCount(for keys: Int) -> Int {
        var count = 8
        while count < 2 * keys { count *= 2 }
        return count
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

    /// Below this many rows a table's keys are found on one thread: starting others costs more.
    static let rowsForThreads = 16_384

    /// At most this many partitions: each piece counts its rows per partition, and each
    /// partition passes over every row, so a `KALKYL_THREADS` of thousands would cost
    /// threads² memory and threads × rows time for nothing (at most 256 are ever used).
    static let mostPartitions = 16

    /// The keys of every row, on `threads` threads when there are `threadsFrom` rows or more
    /// in one key column (`PartitionedKeys`), which find what one thread finds.
    init(table: DataTable, columns: [Int], threads: Int = Parallel.defaultThreads, threadsFrom: Int = rowsForThreads) {
        self.columns = columns
        if columns.count == 1, threads > 1, table.rowCount >= threadsFrom, table.rowCount <= Parallel.mostKeysForRegions {
            let found = PartitionedKeys.find(in: table, column: columns[0], threads: min(threads, Self.mostPartitions),
                                             blank: Self.blankRow, badKey: Self.badKey,
                                             conflict: Self.conflict)
            (codes, conflicts, firstRows) = (found.codes, found.conflicts, found.firstRows)
            return
        }
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

/// A key cell's text: where its bytes are in the file when they are ASCII and are the text as
/// written (no doubled quotes), so it is hashed and compared without a `String`; otherwise the text.
struct KeyText {
    let ascii: Range<Int>?
    let row: Int, column: Int

    func string(in table: DataTable) -> String { table.trimmedText(row, column) }

    /// `KeyHash.folded` of the text.
    func foldedHash(in table: DataTable) -> Int {
        guard let ascii else { return KeyHash.folded(string(in: table)) }
        return table.file.bytes.withUnsafeBufferPointer { KeyHash.bytes(UnsafeBufferPointer(rebasing: $0[ascii]), folding: true) }
    }

    /// Whether the two texts are equal once folded (`KeyIndex.fold`).
    func foldsEqual(_ other: KeyText, in table: DataTable) -> Bool {
        guard let a = ascii, let b = other.ascii else { return KeyIndex.fold(string(in: table)) == KeyIndex.fold(other.string(in: table)) }
        let bytes = table.file.bytes
        var i = a.lowerBound, j = b.lowerBound
        while true {
            while i < a.upperBound, KeyHash.isASCIISpace(bytes[i]) { i += 1 }
            while j < b.upperBound, KeyHash.isASCIISpace(bytes[j]) { j += 1 }
            guard i < a.upperBound, j < b.upperBound else { return i == a.upperBound && j == b.upperBound }
            if Self.lower(bytes[i]) != Self.lower(bytes[j]) { return false }
            i += 1
            j += 1
        }
    }

    /// Whether the two texts are equal as `String`s are.
    func equals(_ other: KeyText, in table: DataTable) -> Bool {
        guard let a = ascii, let b = other.ascii else { return string(in: table) == other.string(in: table) }
        let bytes = table.file.bytes
        return a.count == b.count && zip(a, b).allSatisfy { bytes[$0] == bytes[$1] }
    }

    private static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
}

extension DataTable {
    /// A key cell's text, as `KeyIndex` hashes and compares it.
    func keyText(_ row: Int, _ column: Int) -> KeyText {
        let bytes = file.bytes
        let content = FieldText.content(of: span(row, column), in: bytes)
        guard !content.doubledQuotes else { return KeyText(ascii: nil, row: row, column: column) }
        let range = FieldText.trimmed(content.range, in: bytes)
        for k in range where bytes[k] >= 0x80 { return KeyText(ascii: nil, row: row, column: column) }
        return KeyText(ascii: range, row: row, column: column)
    }

    /// Whether a key cell of the row is empty or has a line break in it.
    func hasKeyProblem(_ row: Int, columns: [Int]) -> Bool {
        columns.contains { isBlank(row, $0) || hasLineBreak(row, $0) }
    }

    /// Reports each key cell of the row that is empty or has a line break in it.
    func reportKeyProblems(_ row: Int, columns: [Int], named names: [DataColumn], into diagnostics: inout some DiagnosticSink) {
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
