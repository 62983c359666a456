/// The clauses after a data source: `missing 0`, `credit positive`, `spread …` and `in percent`, in any order.
extension Parser {
    mutating func parseDataOptions() throws -> DataOptionsSyntax {
        var options = DataOptionsSyntax()
        while true {
            if isKeyword("missing") {
                let start = advance().range
                guard case .number(let n) = kind, n == 0 else {
                    throw fail("expected 0 after 'missing', as in missing 0: a member with no row is zero",
                               hint: "leave the clause out to keep such cells blank, with a warning naming them")
                }
                options.missingIsZero = start.union(advance().range)
            } else if isKeyword("credit") {
                let start = advance().range
                guard isKeyword("positive") else {
                    throw fail("expected 'positive' after 'credit', as in credit positive: amounts booked as credits (negative) are read positive",
                               hint: "leave the clause out to read the amounts as the file books them")
                }
                options.creditPositive = start.union(advance().range)
            } else if isKeyword("spread") {
                options.spread = try parseSpread()
            } else if isKeyword("in") {
                let start = advance().range
                guard isKeyword("percent") else {
                    throw fail("expected 'percent' after 'in', as in in percent: the file's numbers without '%' are per cent",
                               hint: "leave the clause out when the file writes '50 %' or fractions such as 0.5")
                }
                options.inPercent = start.union(advance().range)
            } else {
                return options
            }
        }
    }

    /// `spread evenly | by days | by working days | by NAME | by "key.csv" key K`.
    private mutating func parseSpread() throws -> SpreadSyntax {
        let start = advance().range
        let hint = "spread evenly, spread by days, spread by working days, spread by a profile's name, or spread by \"key.csv\" key konto"
        if isKeyword("evenly") { return SpreadSyntax(method: .evenly, range: start.union(advance().range)) }
        guard isKeyword("by") else { throw fail("expected 'evenly' or 'by' after 'spread'", hint: hint) }
        _ = advance()
        if isKeyword("days") { return SpreadSyntax(method: .calendarDays, range: start.union(advance().range)) }
        if isKeyword("working"), isKeyword("days", 1) {
            _ = advance()
            return SpreadSyntax(method: .workingDays, range: start.union(advance().range))
        }
        switch kind {
        case .string(let path):
            let pathRange = advance().range
            guard isKeyword("key") else { throw fail("expected 'key' and the key file's column of accounts, as in key Konto", hint: hint) }
            _ = advance()
            let key = try parseDataName("the key column")
            return SpreadSyntax(method: .keyFile(path: path, pathRange: pathRange, key: key), range: start.union(key.range))
        case .identifier(let name):
            let range = advance().range
            return SpreadSyntax(method: .profile(DataName(name: name, range: range)), range: start.union(range))
        default:
            throw fail("expected how to spread the yearly amount, found \(kind.display)", hint: hint)
        }
    }
}
