/// The rows of a `long … sum` file that are the same as an earlier row in every column. A
/// ledger holds each voucher line once, so such a row is as a rule an export pasted twice, and
/// `sum` would add its amount twice without a word (issue 10, hunt16/t23). Identical rows share
/// their key and period, so their cell: each summed row's text is hashed (eight bytes a row,
/// beside its place, never the row itself), and the hashes of each cell's rows are compared
/// once the file is read. A warning, not an error: a ledger summarised to key, period and
/// amount can hold two equal lines, and Kalkyl cannot tell which column would tell them apart.
struct RepeatedRows: Sendable {
    /// The repeats kept to be listed, each the place of its amount and of the earlier row's:
    /// the first in file order, one more than `CappedDiagnostics` lists.
    private var kept: [(at: Int, earlier: Int)] = []
    /// How many rows repeat an earlier one, and where the last of them is.
    private(set) var count = 0
    private var last = 0
    static let listed = CappedDiagnostics.mostOfAKind + 1

    /// The hash of a row's text (from its first field's start to its last field's end).
    static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 { UInt64(bitPattern: Int64(KeyHash.bytes(text, folding: false))) }

    /// Takes the rows summed into one cell, as the places of their amounts and the hashes of their
    /// texts, in the same order: a row whose hash an earlier row of the cell has repeats the
    /// earliest such row, when `same` (which compares the texts, where they are at hand) agrees.
    mutating func add(places: some Collection<Int>, hashes: [UInt64], same: (_ at: Int, _ earlier: Int) -> Bool = { _, _ in true }) {
        guard hashes.count > 1, hashes.count == places.count else { return }
        let rows = zip(hashes, places).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var first = rows[0]
        for row in rows.dropFirst() {
            guard row.0 == first.0 else {
                first = row
                continue
            }
            if same(row.1, first.1) { add(at: row.1, earlier: first.1) }
        }
    }

    private mutating func add(at: Int, earlier: Int) {
        count += 1
        last = max(last, at)
        kept.append((at, earlier))
        // The first in file order, whatever order the cells come in; never more than twice as many.
        if kept.count > 2 * Self.listed {
            kept.sort { $0.at < $1.at }
            kept.removeLast(kept.count - Self.listed)
        }
    }

    /// A warning for each repeat, at its amount with a note at the earlier row's: the first
    /// thousand listed, the rest counted in one more.
    func diagnostics(in file: SourceFile) -> [Diagnostic] {
        guard count > 0 else { return [] }
        var capped = CappedDiagnostics()
        let listed = kept.sorted { $0.at < $1.at }.prefix(Self.listed)
        for (at, earlier) in listed {
            let line = file.lineAndColumn(of: earlier).line
            let many = count == 1 ? "the one row of the file that repeats another" : "\(ModelSize.grouped(Double(count))) rows of the file repeat an earlier one"
            capped.append(Diagnostic(.warning, "this row is the same as line \(line) in every column, so its amount is added twice (\(many))",
                                     at: SourceLocation(file: file, range: SourceRange(at, at)),
                                     hint: "delete the repeated rows (an export pasted twice?): a ledger holds each voucher line once",
                                     notes: [Diagnostic(.note, "the same row here", at: SourceLocation(file: file, range: SourceRange(earlier, earlier)))],
                                     code: .repeatedRow))
        }
        capped.count(.repeatedRow, more: count - listed.count, last: SourceLocation(file: file, range: SourceRange(last, last)))
        return capped.all
    }
}
