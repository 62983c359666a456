/// `spread …` on a data statement: a yearly amount per member (`Ansvar;Konto;Årsbudget 2024`)
/// spread over the months of a monthly timeline of one year by a periodisation key.
extension DataBinding {
    /// The cells with each member's yearly amount (as read, the same in every month) spread
    /// over the months, or nil when the statement cannot be spread (reported).
    /// `profile` is the profile input's cells when the key is one of the model's.
    mutating func spread(_ d: Definition, _ spread: SpreadSyntax, source: DataSourceSyntax, cells: [Value], shape: NameShape,
                         names: NameTable, profile: (values: [Value]?, known: Bool)) -> [Value]? {
        let timeline = names.timeline
        let keyColumns: [String]
        switch source {
        case .keyed(_, _, let keys, _): keyColumns = keys.map(\.name)
        case .column:
            keyColumns = shape.dimensions.first.flatMap { dimensionSources[names.dimensions[$0].name]?.key.name }.map { [$0] } ?? []
        case .wide, .long, .sie:
            diagnostics.append(.error("only a yearly amount per member can be spread; wide, long and SIE data already give each month",
                                      at: location(spread.range), hint: "read the yearly column: data \"budget.csv\" key Ansvar, Konto column Belopp spread evenly",
                                      code: .cannotSpread))
            return nil
        }
        guard shape.isSeries, timeline.granularity == .monthly, timeline.count == 12 else {
            let problem = shape.isSeries ? "the timeline has to be the twelve months of one year" : "'\(d.name)' has no months"
            diagnostics.append(.error("a yearly amount is spread over the months of a year, but \(problem)", at: location(spread.range),
                                      hint: shape.isSeries ? "timeline monthly 2024-01 .. 2024-12" : "write \(d.name)[…, month]", code: .cannotSpread))
            return nil
        }
        let months = (0..<12).map { p in (year: (timeline.first + p) / 12, month: (timeline.first + p) % 12 + 1) }
        let memberCount = cells.count / 12
        var uniform: [Double]?
        var keyed: (rows: [KeyRow], position: Int, after: Int, dimension: Dimension, key: DataName, path: String)?
        switch spread.method {
        case .evenly, .calendarDays, .workingDays:
            uniform = Periodisation.weights(spread.method, months: months)
        case .profile(let name):
            guard let w = profileWeights(name, profile) else { return nil }
            uniform = w
        case .keyFile(let path, let pathRange, let key):
            guard let position = keyColumns.firstIndex(of: key.name) else {
                diagnostics.append(.error("the key file is matched by '\(key.name)', but '\(d.name)' is read by \(keyColumns.map { "'\($0)'" }.joined(separator: ", "))",
                                          at: location(key.range), hint: "name the column of accounts that both files have", code: .keyFileColumn))
                return nil
            }
            guard let rows = keyFileRows(path, pathRange: pathRange, key: key, timeline: timeline) else { return nil }
            let dims = shape.dimensions
            let after = dims[(position + 1)...].reduce(1) { $0 * names.size($1) }
            keyed = (rows, position, after, names.dimensions[dims[position]], key, path)
        }
        var out = cells
        var byCode: [String: [Double]?] = [:]
        let kronorPerUnit = Periodisation.kronorPerUnit(declared: d.unit)
        for m in 0..<memberCount {
            guard case .number(let amount) = cells[m] else { continue }
            var weights = uniform
            if let k = keyed {
                let code = k.dimension.members[(m / k.after) % k.dimension.members.count]
                if byCode[code] == nil { byCode[code] = keyWeights(code, k.rows, key: k.key, path: k.path) }
                weights = byCode[code]!
            }
            guard let w = weights else { continue }
            for (p, x) in Periodisation.spread(amount, weights: w, kronorPerUnit: kronorPerUnit).enumerated() { out[p * memberCount + m] = .number(x) }
        }
        return out
    }

    /// A row of a periodisation key file: an account or a range of them, and its shares.
    struct KeyRow {
        var key: String
        var range: AccountRange?
        var weights: [Double]
        var location: SourceLocation
    }

    /// The rows of a key file (wide form: a key column of accounts or ranges, a column per
    /// month), each with twelve shares, none negative and not all zero.
    private mutating func keyFileRows(_ path: String, pathRange: SourceRange, key: DataName, timeline: Timeline) -> [KeyRow]? {
        guard let table = table(path, at: pathRange) else { return nil }
        let extraction = table.wide(keyColumns: [DataColumn(key.name, at: location(key.range))], timeline: timeline)
        diagnostics += extraction.diagnostics
        guard !extraction.hasErrors else { return nil }
        var rows: [KeyRow] = []
        // A problem a row: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        defer { self.diagnostics += diagnostics.all }
        for series in extraction.items {
            let w = series.values.map { $0.number ?? .nan }
            if w.contains(where: { $0.isNaN || $0 < 0 }) || !w.contains(where: { $0 > 0 }) {
                diagnostics.append(.error("the key for '\(series.key[0])' needs a share, none negative, in every month and one above zero",
                                          at: series.keyLocation, code: .badShares))
                continue
            }
            let range = AccountRange(series.key[0])
            if let range, !range.isOrdered {
                diagnostics.append(.error("the range '\(series.key[0])' runs backwards", at: series.keyLocation, hint: "write \(range.high)..\(range.low)",
                                          code: .rangeRunsBackwards))
                continue
            }
            rows.append(KeyRow(key: series.key[0], range: range, weights: w, location: series.keyLocation))
        }
        return rows
    }

    /// The shares for one account: its own row, else the one range it falls in. An account in
    /// no row, or in two ranges, is an error: its yearly amount would otherwise be lost or
    /// spread by a guess.
    private mutating func keyWeights(_ code: String, _ rows: [KeyRow], key: DataName, path: String) -> [Double]? {
        if let own = rows.first(where: { $0.range == nil && $0.key == code }) { return own.weights }
        let ranges = rows.filter { $0.range?.contains(code) ?? false }
        if ranges.count == 1 { return ranges[0].weights }
        if ranges.isEmpty {
            diagnostics.append(.error("'\(code)' is in no row of the key file \(path), so its yearly amount cannot be spread",
                                      at: location(key.range), hint: "add a row for \(code), or a range such as \(code.prefix(1))000..\(code.prefix(1))999",
                                      code: .accountInNoKeyRow))
        } else {
            diagnostics.append(.error("'\(code)' is in two ranges of the key file: \(ranges[0].key) and \(ranges[1].key)", at: ranges[1].location,
                                      hint: "a row for \(code) itself decides, or keep the ranges from overlapping",
                                      notes: [Diagnostic(.note, "\(ranges[0].key) is here", at: ranges[0].location)], code: .accountInTwoKeyRanges))
        }
        return nil
    }

    /// A profile input's twelve values as weights: known when the model is checked, none
    /// negative, not all zero.
    private mutating func profileWeights(_ name: DataName, _ profile: (values: [Value]?, known: Bool)) -> [Double]? {
        guard profile.known else {
            diagnostics.append(.error("'\(name.name)' is no input of the model over [month]", at: location(name.range),
                                      hint: "a profile is an input with a share per month, such as input \(name.name)[month] = …",
                                      code: .profileNotAnInput))
            return nil
        }
        guard let values = profile.values, values.count == 12 else {
            diagnostics.append(.error("the profile '\(name.name)' has to be an input over [month] whose values are written in the model or read from a file",
                                      at: location(name.range), code: .profileNotAnInput))
            return nil
        }
        let w = values.map { $0.number ?? .nan }
        if w.contains(where: { $0.isNaN || $0 < 0 }) || !w.contains(where: { $0 > 0 }) {
            diagnostics.append(.error("the profile '\(name.name)' needs a number, none negative, for every month and a share above zero in one",
                                      at: location(name.range), code: .badShares))
            return nil
        }
        return w
    }
}
