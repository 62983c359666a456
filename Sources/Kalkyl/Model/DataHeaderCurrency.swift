/// An input of money read from a column whose header names another currency: `Belopp EUR`,
/// `Amount (USD)` read into `: kr` summed euros and dollars as kronor with exit 0 (session 20,
/// resid/02), as `Belopp tkr` read into `: kr` was a thousand times off (K0402). Kalkyl
/// converts no currency: it is an error (K0547, the rows' own currency's code), and so is
/// `Belopp SEK` or `Belopp tkr` read into `: EUR`.
extension DataBinding {
    /// The error for `d` when its amount column's header names one currency, not `d`'s, or nil.
    func headerCurrencyProblem(_ d: Definition, source: DataSourceSyntax) -> Diagnostic? {
        guard let unit = d.unit, let wanted = CurrencyColumn.currency(ofUnit: unit) else { return nil }
        let column: DataName
        switch source {
        case .keyed(_, _, _, let c), .long(_, _, _, _, let c, _), .column(let c): column = c
        case .wide, .sie: return nil
        }
        guard let named = Self.currency(inHeader: column.name), named != wanted else { return nil }
        let declared = unit == wanted ? unit : "\(unit) (\(wanted))"
        return .error("'\(d.name)' is \(declared), but its column '\(column.name)' is in \(named): every amount would be summed as \(unit)",
                      at: location(column.range),
                      hint: "read a column in \(wanted) if the file has one, or declare '\(d.name)' : \(named == "SEK" ? "kr" : named) "
                          + "and convert it by a rate in a formula",
                      code: .otherCurrency)
    }

    /// The one currency a header names: a code of ISO 4217 written in capitals as a word of its
    /// own (`Belopp EUR`, `Amount (USD)`), or kronor at a scale (`Belopp tkr`, `Utfall SEK`);
    /// nil when it names none, or two (`Kurs EUR/SEK` is a rate).
    static func currency(inHeader header: String) -> String? {
        var named = Set(header.split { !$0.isLetter }.map(String.init).filter { $0.count == 3 && $0 == $0.uppercased() && CurrencyColumn.codes.contains($0) })
        if moneyScale(inHeader: header) != nil { named.insert("SEK") }
        return named.count == 1 ? named.first : nil
    }
}
