/// An ERP or HR export's totals row (`Summa;;113 500;2,25` under the staff): read as a row, it
/// becomes a member or a key's values and every total counts its amounts twice.
///
/// A row is one when its key is a word for a total (`TotalsRow.isTotalsWord`) and either its
/// numbers are the sums of the rows above it in every numeric column it fills, or every other
/// key of its column holds a digit (ids and codes, among which the word stands out): then it is
/// refused (`refused`). A totals word that is neither (a dimension of words, one of them `Total`,
/// whose numbers are no sums) may be a real member: it is read, with a warning. A key that only
/// begins with such a word (`Summa anställda`, `Totalt antal: 3`, `Summa ansvar 110`) is one
/// when its numbers are the sums of at least two rows above it, and otherwise a member without
/// a word (`Summa kostnader` may be a report line). Numbers that happen to be the sums of the
/// rows above, under a key that is no such word, are not taken for a total: with one or two rows
/// above that is a coincidence a real member can have.
struct TotalsRow: Sendable {
    /// The row, counted as the table counts them.
    let row: Int
    /// The key column whose cell is the totals word.
    let column: Int
    /// The key as written, without padding.
    let key: String
    /// The columns (by header name) whose cells are the sums of the rows above, when every
    /// numeric column the row fills is; empty otherwise.
    let sums: [(name: String, value: String)]
    /// Whether every other key of the column holds a digit.
    let standsOut: Bool
    /// Whether the key only begins with a totals word (`isLedByTotalsWord`): then only its sums
    /// make it a total, and nothing is said when they do not.
    var led = false

    /// Whether the row is certainly a total, and so refused.
    var refused: Bool { !sums.isEmpty || standsOut }

    /// The words exports write on their totals row, lower-cased: Swedish and English.
    static let words: Set<String> = ["summa", "summa totalt", "totalsumma", "totalt", "total", "totals", "grand total", "sum",
                                     "s:a", "s:a totalt", "sum total", "totalsum"]

    /// Whether a key is a word for a total: one of `words`, in any case, alone or followed by a
    /// colon or by a year or period (`Summa:`, `Totalt 2024`, `Summa 2024-01`).
    static func isTotalsWord(_ key: String) -> Bool {
        guard let first = key.utf8.first, Self.firstBytes.contains(first | 0x20) else { return false }
        var text = key.lowercased()
        while let last = text.last, last == ":" || last == "." || last.isWhitespace { text.removeLast() }
        if Self.words.contains(text) { return true }
        // A year or period after the word.
        guard let space = text.lastIndex(of: " ") else { return false }
        let tail = text[text.index(after: space)...]
        guard !tail.isEmpty, tail.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), tail.contains(where: \.isNumber) else { return false }
        var head = String(text[..<space])
        while let last = head.last, last == ":" || last.isWhitespace { head.removeLast() }
        return Self.words.contains(head)
    }

    /// Whether a key begins with one of `words` and goes on after a space, a colon or a bracket
    /// (`Summa anställda`, `Totalt antal: 3`, `Summa (3 st)`, `Summa ansvar 110`): the label
    /// an export's totals row often carries. Not `Totalförsvaret` or `Sumner`, nor a totals word
    /// itself (`isTotalsWord`).
    static func isLedByTotalsWord(_ key: String) -> Bool {
        guard let first = key.utf8.first, Self.firstBytes.contains(first | 0x20), !isTotalsWord(key) else { return false }
        let text = key.lowercased()
        return Self.words.contains { word in
            guard text.hasPrefix(word) else { return false }
            let rest = text.dropFirst(word.count)
            guard let next = rest.first, next == " " || next == ":" || next == "(" || next == "\u{00A0}" else { return false }
            return rest.contains { !$0.isWhitespace && $0 != ":" }
        }
    }

    /// The first letters of `words`, lower-cased: a key starting otherwise is no totals word,
    /// found without making its text.
    static let firstBytes: Set<UInt8> = Set(words.compactMap { $0.utf8.first })
}

extension DataTable {
    /// The rows whose key, in one of `keyColumns`, is a totals word, with what makes each
    /// certain; empty for most files, which are found so from the first byte of each key.
    /// One pass over the rows up to the last such row, whatever their number. The columns
    /// `skipping` (a long file's period) are no amounts to sum.
    func totalsRows(keyColumns: [Int], skipping: [Int] = []) -> [TotalsRow] {
        var candidates: [(row: Int, column: Int, key: String)] = []
        for row in 0..<rowCount where !isBlankRow(row) {
            for column in keyColumns where startsLikeATotalsWord(row, column) {
                let key = trimmedText(row, column)
                guard TotalsRow.isTotalsWord(key) || TotalsRow.isLedByTotalsWord(key) else { continue }
                candidates.append((row, column, key))
                break
            }
        }
        guard !candidates.isEmpty else { return [] }
        // Keys without a digit, by key column: a word among codes when it is the only one.
        var wordKeys: [Int: Int] = [:], rows = 0
        for row in 0..<rowCount where !isBlankRow(row) {
            rows += 1
            for column in Set(candidates.map(\.column)) where !trimmedText(row, column).contains(where: \.isNumber) {
                wordKeys[column, default: 0] += 1
            }
        }
        // The sums of each column over the rows above, and whether its cells so far are all numbers or blank.
        let reader = numberReader
        var sums = [Double](repeating: 0, count: header.count), numeric = [Bool](repeating: true, count: header.count)
        var found: [TotalsRow] = [], next = 0, above = 0
        for row in 0...candidates[candidates.count - 1].row where !isBlankRow(row) {
            if candidates[next].row == row {
                let c = candidates[next]
                let word = c.key.contains(where: \.isNumber) ? 0 : 1
                // A key that only begins with the word needs two rows above, so that no single
                // member's amounts pass for their sum, and is no total by standing out alone.
                let led = !TotalsRow.isTotalsWord(c.key)
                found.append(TotalsRow(row: row, column: c.column, key: c.key,
                                       sums: above < (led ? 2 : 1) ? [] : sumsMatching(row, sums: sums, numeric: numeric, skipping: keyColumns + skipping, reader: reader),
                                       standsOut: !led && rows > 1 && wordKeys[c.column, default: 0] - word == 0, led: led))
                next += 1
            }
            above += 1
            for column in header.indices where numeric[column] && !isBlank(row, column) {
                if let x = (try? reader.read(trimmedText(row, column))) ?? nil { sums[column] += x } else { numeric[column] = false }
            }
        }
        return found
    }

    /// Whether the key cell starts with a letter a totals word starts with (any case).
    private func startsLikeATotalsWord(_ row: Int, _ column: Int) -> Bool {
        let bytes = file.bytes
        let content = FieldText.content(of: span(row, column), in: bytes)
        let range = FieldText.trimmed(content.range, in: bytes)
        guard let first = range.first else { return false }
        return TotalsRow.firstBytes.contains(bytes[first] | 0x20)
    }

    /// The numeric columns the row fills, each with its cell, when every one of them holds the
    /// sum of the rows above it (`sums`; blank counts as nothing), to the decimals the cell
    /// shows; empty when one does not or the row fills none. A column whose cells above are not
    /// all numbers or blank (`numeric`) is no numeric column.
    private func sumsMatching(_ row: Int, sums: [Double], numeric: [Bool], skipping: [Int], reader: NumberReader) -> [(name: String, value: String)] {
        var matched: [(name: String, value: String)] = []
        for column in header.indices where numeric[column] && !skipping.contains(column) {
            let text = trimmedText(row, column)
            guard let total = (try? reader.read(text)) ?? nil else { continue }
            let sum = sums[column]
            guard abs(sum - total) <= Self.shownPrecision(text, mark: format.decimalMark) + 1e-9 * max(1, abs(total)) else { return [] }
            matched.append((header[column].trimmed, text))
        }
        return matched
    }

    /// Half a unit of the last decimal the cell shows (a total exported to whole kronor is the
    /// sum of amounts in öre rounded): 0.5 for `113 500`, 0.005 for `2,25`, 0.005 for `75 %`.
    static func shownPrecision(_ text: String, mark: DataFormat.DecimalMark) -> Double {
        let character: Character = mark == .comma ? "," : "."
        var decimals = 0
        if let at = text.lastIndex(of: character) { decimals = text[text.index(after: at)...].prefix(while: \.isNumber).count }
        if text.contains("%") { decimals += 2 }
        var unit = 0.5
        for _ in 0..<decimals { unit /= 10 }
        return unit
    }
}

extension Diagnostic {
    /// A totals row refused: why it is one, and what to do.
    static func totalsRow(_ found: TotalsRow, of what: String, in table: DataTable) -> Diagnostic {
        let why: String
        if !found.sums.isEmpty {
            let shown = found.sums.prefix(3).map { "\($0.name) \($0.value)" }.joined(separator: ", ")
            why = "its numbers are the sums of the rows above it (\(shown))"
        } else {
            why = "the other keys of column '\(table.header[found.column].trimmed)' are codes"
        }
        return .error("'\(found.key)' is the file's totals row: \(why); read as \(what), it would count every amount twice",
                      at: table.location(found.row, found.column),
                      hint: "delete the row, or filter it out of the export: Kalkyl adds up the rows itself", code: .totalsRow)
    }

    /// A totals word read as a member, since nothing else says it is a total.
    static func totalsWordAsMember(_ found: TotalsRow, of what: String, in table: DataTable) -> Diagnostic {
        Diagnostic(.warning, "'\(found.key)' is read as \(what), though it is a word for a total: its numbers are not the sums of the rows above it",
                   at: table.location(found.row, found.column),
                   hint: "if it is the file's totals row, delete it; if it is a member, this warning can be left", code: .totalsRow)
    }
}
