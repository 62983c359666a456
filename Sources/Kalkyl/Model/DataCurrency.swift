/// An input of money read from a file whose rows say their currency (`CurrencyColumn`): a
/// ledger with SEK and EUR rows read into `: kr` summed euros as kronor, a wrong figure with
/// exit 0 (hunt18's residuals). Kalkyl converts no currency: every row must be in the input's
/// (SEK for kronor at any scale, EUR for `: EUR`), or the rows in another are an error naming
/// them. A file whose currency column says SEK throughout reads as before; an amount column
/// whose own header names its currency (`Belopp SEK`, beside a `Valuta` that tells the booked
/// currency) is in it whatever the row's currency (and held to the input's by
/// `headerCurrencyProblem`); a currency the statement reads by (a
/// key) is kept apart by the model.
extension DataBinding {
    /// Whether `d`'s rows of `table` are all in its currency; if not, the errors are reported.
    mutating func noOtherCurrency(_ d: Definition, table: DataTable, path: String, readBy: [DataColumn], amountHeader: String?) -> Bool {
        let problems = otherCurrencyProblems(d, table: table, path: path, readBy: readBy, amountHeader: amountHeader)
        diagnostics += problems
        return problems.isEmpty
    }

    /// The errors for `d`'s rows of `table` in a currency other than its own, one a currency;
    /// empty when the file has no currency column, or `d` is no money.
    func otherCurrencyProblems(_ d: Definition, table: DataTable, path: String, readBy: [DataColumn], amountHeader: String?) -> [Diagnostic] {
        guard let wanted = CurrencyColumn.currency(ofUnit: d.unit), let unit = d.unit else { return [] }
        if let amountHeader, Self.currency(inHeader: amountHeader) != nil { return [] }
        let skipping = Set(readBy.compactMap { table.columnIndex(named: $0.name) })
        guard let (column, currencies) = table.currencies(skipping: skipping) else { return [] }
        let name = table.header[column].trimmed
        return currencies.filter { $0.code != wanted }.map { other in
            let lines = other.first.map { String(table.location($0, column).line) }
            let more = other.count - lines.count
            let listed = lines.count == 1 ? "line \(lines[0])" : "lines " + lines.dropLast().joined(separator: ", ")
                + (more > 0 ? ", \(lines.last!) and \(more) more" : " and \(lines.last!)")
            let rows = other.count == 1 ? "a row" : "\(other.count) rows"
            let declared = unit == wanted ? unit : "\(unit) (\(wanted))"
            return .error("'\(d.name)' is \(declared), but \(rows) of \(path) \(other.count == 1 ? "is" : "are") in \(other.code) "
                          + "(column '\(name)', \(listed)): \(other.count == 1 ? "its amount" : "their amounts") would be summed as \(unit)",
                          at: table.location(other.first[0], column),
                          hint: "filter the file to its \(wanted) rows, or read the \(other.code) rows from a file of their own into an input "
                              + "declared : \(other.code) and convert them by a rate in a formula",
                          code: .otherCurrency)
        }
    }
}
