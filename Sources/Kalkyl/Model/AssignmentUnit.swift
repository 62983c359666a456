/// The unit an input's data assignment is read in.
///
/// `input kost[actual, ansvar, month] = data "gl.csv" long …` sets some cells of
/// `input kost[version, ansvar, month]: kr = 0` and repeats no unit. Its file is read as the
/// input's unit says, as a data statement on the definition is: a column whose header names
/// another scale (`Budget (tkr)`, K0402), rows in another currency (K0547), a cell written with
/// `%` among kronor (K0504), and a yearly amount spread to the krona. Every one of these was
/// read into an assignment without a word before, since each looked at the statement's own
/// unit (red team, session 20, hunt20/t07: 1 200 kr for a budget of 1,2 million, 26 500 kr
/// for 25 000 SEK and 1 500 EUR), and the README reads actuals and budget this way.
extension Definition {
    /// This statement with the unit its input declares (`shape`, the definition's), when it
    /// writes none of its own.
    func withUnit(ofInput shape: NameShape) -> Definition {
        guard unit == nil, let declared = shape.unit else { return self }
        var d = self
        d.unit = declared
        return d
    }

    /// This statement with the unit `units` gives its name, when it writes none of its own.
    func withUnit(from units: [String: String]) -> Definition {
        guard unit == nil, let declared = units[name] else { return self }
        var d = self
        d.unit = declared
        return d
    }
}

extension SyntaxFile {
    /// The unit each input declares, by name: the first of its statements that writes one
    /// (its definition; an assignment repeats none).
    var declaredInputUnits: [String: String] {
        var units: [String: String] = [:]
        for case .definition(let d) in statements where d.isInput {
            if let unit = d.unit, units[d.name] == nil { units[d.name] = unit }
        }
        return units
    }
}
