extension InputSource {
    /// Where the value comes from, in one line as `watch` shows it under a changed cell:
    /// `from data/budget.csv:2:12 (belopp)`, `from the sum of 3 rows of data/gl.csv (Belopp):
    /// lines 2, 5 and 9`, `from the sum of 2 #TRANS lines of ledger.se: …`, or for a value set
    /// in the model `from m.kalkyl:2:1: input salary = 41_000`.
    public var watchLine: String {
        guard let cell = data else {
            switch setBy {
            case .whatIf: return "from --set " + text
            default:
                guard let location else { return "from " + text }
                let (line, column) = location.file.lineAndColumn(of: location.range.start)
                return "from \(location.file.path):\(line):\(column): \(text)"
            }
        }
        let negated = cell.negated ? DataCellSource.negatedNote : ""
        if !cell.vouchers.isEmpty {
            let shown = cell.vouchers.prefix(Self.shownRows).map { v in
                "\(v.line):\(v.column) voucher \(v.series) \(v.number) \(v.date)" + (v.text.isEmpty ? "" : " \"\(v.text)\"")
            }
            let noun = cell.vouchers.count == 1 ? "the #TRANS line" : "the sum of \(cell.vouchers.count) #TRANS lines"
            return "from \(noun) of \(cell.path)\(negated): " + Self.list(shown, total: cell.vouchers.count)
        }
        if cell.summed.count > 1 {
            if cell.fileChanged {
                return "from the sum of \(cell.summed.count) rows of \(cell.path) (\(cell.header))\(negated): " + DataCellSource.changedNote
                    + ", so their lines are not known"
            }
            let lines = cell.summed.prefix(Self.shownRows).map { String($0.line) }
            return "from the sum of \(cell.summed.count) rows of \(cell.path) (\(cell.header))\(negated): lines " + Self.list(lines, total: cell.summed.count)
        }
        return "from " + DataCellSource.place(file: cell.path, line: cell.line, column: cell.column, fileChanged: cell.fileChanged)
            + " (\(cell.header))" + negated + (cell.fileChanged ? ": " + DataCellSource.changedNote : "")
    }

    /// How many rows or vouchers one line names before `and N more`.
    static let shownRows = 8

    /// `a, b and c`, or `a, b, … and 12 more` when some are left out.
    static func list(_ items: [String], total: Int) -> String {
        if total > items.count { return items.joined(separator: ", ") + " and \(total - items.count) more" }
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
