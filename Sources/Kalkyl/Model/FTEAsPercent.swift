/// A degree of employment read into an FTE input from a staff file, written as HR systems
/// write it, `100` for full time: `input fte[anst]: FTE = column grad` read 100 FTE for one
/// person (230 FTE for three people, red team, session 19). `100 %` reads 1.0 and `1,0` reads
/// 1.0; a bare number is read as written. When every bare number of such a column lies above
/// 1.5 and at most 100, and one is 100, the column is per cent written without `%`, and no one
/// works 100 full-time equivalents: an error at the first such cell (K0227), with the spellings
/// that read one way. A file of units' FTE (12,5 and 40) has no 100 among them, or a number
/// above 100, and is read as written.
struct FTEAsPercent {
    /// Units that count full-time equivalents.
    static let units: Set<String> = ["fte", "åa", "årsarbetare"]

    private(set) var bare: [(row: Int, value: Double)] = []
    private var othersSeen = false

    /// Whether `d` counts full-time equivalents: `in percent` reads its `100` as 1.
    static func isFTE(_ d: Definition) -> Bool {
        d.unit.map { units.contains($0.lowercased()) } == true
    }

    /// Whether `d`'s column is looked at: an FTE input whose numbers are read as written.
    static func applies(to d: Definition, percent: PercentCells) -> Bool {
        percent == .plain && isFTE(d)
    }

    /// Notes a cell as read: a bare number (no `%` in its text), or anything else.
    mutating func note(row: Int, value: Value, text: String) {
        guard case .number(let x) = value else { return }
        if text.contains("%") { othersSeen = true } else { bare.append((row, x)) }
    }

    /// The error, when every bare number is per cent: above 1.5, at most 100, one 100.
    func diagnostic(_ d: Definition, column: String, table: DataTable, valueIndex: Int) -> Diagnostic? {
        guard !othersSeen, let first = bare.first(where: { $0.value == 100 }),
              bare.allSatisfy({ $0.value > 1.5 && $0.value <= 100 }) else { return nil }
        let text = table.trimmedText(first.row, valueIndex)
        let rows = bare.count == 1 ? "" : ", and every number in it (\(bare.count) rows) is above 1,5"
        return .error("'\(text)' in the column '\(column)' reads \(text) \(d.unit ?? "FTE") for one '\(d.name)'\(rows): "
                          + "a degree of employment written in per cent without '%'",
                      at: table.location(first.row, valueIndex),
                      hint: "write '\(text) %' or the fraction '1,0' in the file, or read the column as per cent: column \(column) in percent",
                      code: .fteWrittenAsPercent)
    }
}
