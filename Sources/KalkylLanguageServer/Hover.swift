import Kalkyl

/// What a hover shows: Markdown, and the word it is about.
public struct HoverInfo: Sendable {
    public var markdown: String
    public var range: SourceRange
}

extension ModelDocument {
    /// The hover for a byte offset: a definition's label, unit, kind, formula and values; a
    /// dimension's members; a member's dimension; a function's signature; a scenario's overrides.
    public func hover(at offset: Int) async -> HoverInfo? {
        guard let o = occurrences.at(offset) else { return nil }
        let text: String?
        switch o.kind {
        case .function: text = FunctionHelp.markdown(o.name)
        case .scenario: text = scenarioHover(o.name)
        case .member: text = memberHover(o.name)
        case .column: text = o.file.map { "column **\(o.name)** of `\($0)`" }
        case .name:
            if let dimension = model?.dimensions.first(where: { $0.name == o.name }) {
                text = dimensionHover(dimension)
            } else {
                text = await definitionHover(o, at: offset)
            }
        }
        return text.map { HoverInfo(markdown: $0, range: o.range) }
    }

    func definitionHover(_ o: Occurrence, at offset: Int) async -> String? {
        guard let d = definitionStatement(of: o.name) else { return nil }
        var out = ""
        let head = lines.text(SourceRange(d.nameRange.start, d.targetRange?.end ?? d.nameRange.end)) + (d.unit.map { ": \($0)" } ?? "")
        out += d.label.map { "**\($0)** — `\(head)`\n\n" } ?? "**`\(head)`**\n\n"
        var kind = d.isInput ? (d.source == nil ? "input" : "input from a data file") : "formula"
        if case .check? = statement(of: d) { kind = "check" }
        if let lineKind = d.kind?.kind { kind += " · \(lineKind.rawValue)" }
        out += "*\(kind)*\n\n"
        out += "```kalkyl\n" + lines.text(d.range) + "\n```\n"
        guard let base = await blocks(of: [o.name]), let slot = base.model.slot(named: o.name), let values = base.columns[0] else {
            out += "\n*no values: the model has errors*"
            return out
        }
        if !isCurrent { out += "\n*values from the last version without errors*\n" }
        var columns: [(String, Column)] = [("base", values)]
        if let scenario = scenario(around: offset), let other = await blocks(of: [o.name], scenario: scenario.name)?.columns[0] {
            columns.append((scenario.name, other))
        }
        let model = base.model
        let focus = focusPeriod(of: o, in: model)
        if let focus {
            let shown = columns.map { "\($0.0) **\(cellText(slot, period: focus, of: $0.1, in: model))**" }.joined(separator: " · ")
            out += "\n\(model.timeline.label(focus)): \(shown)\n"
        }
        let totalKind = model.yearTotals(of: slot) { values[$0] }.kind
        if let note = Self.totalsNote(totalKind, isSeries: model.definitions[slot].isSeries, members: model.memberCount(of: slot)) {
            out += "\n" + note + "\n"
        }
        out += "\n```text\n" + valueTable(slot: slot, columns: columns, in: model) + "```"
        if model.definitions[slot].isInput, let origin = await dataOrigin(slot: slot, period: focus, in: model) {
            out += "\n\n" + origin
        }
        return out
    }

    /// Where an input's value was read, from the checked model (never reading the file again):
    /// the cell under the cursor's period (or the first), of the first member; its file:line:col,
    /// the rows it sums, or the SIE vouchers behind it.
    func dataOrigin(slot: Int, period: Int?, in model: CheckedModel) async -> String? {
        let d = model.definitions[slot]
        var parts = model.memberNames(of: slot, member: 0).map { $0.contains(" ") ? "\"\($0)\"" : $0 }
        if d.isSeries { parts.append(model.timeline.label(period ?? 0)) }
        let cell = parts.isEmpty ? d.name : d.name + "[" + parts.joined(separator: ", ") + "]"
        guard let session, let report = try? await session.explain(cell, depth: 0),
              let data = report.explanation.source.data else { return nil }
        var out = "`\(cell)` read from `\(data.place)` (\(data.header))"
        if data.fileChanged == true { out += ": " + DataCellSource.changedNote }
        if let rows = data.rows, rows.count > 1, data.fileChanged != true {
            let shown = rows.prefix(8).map { String($0.line) }.joined(separator: ", ")
            out += ", the sum of \(rows.count) rows: lines \(shown)\(rows.count > 8 ? ", …" : "")"
        }
        if let vouchers = data.vouchers, !vouchers.isEmpty {
            out += ", the sum of \(vouchers.count) #TRANS line\(vouchers.count == 1 ? "" : "s"):"
            for v in vouchers.prefix(8) {
                out += "\n- line \(v.line): \(v.series) \(v.number) \(v.date) \(v.text) **\(ValueDisplay.number(v.amount, in: model))**"
            }
            if vouchers.count > 8 { out += "\n- … \(vouchers.count - 8) more" }
        }
        return out
    }

    func statement(of d: Definition) -> Statement? {
        syntax.statements.first { s in
            switch s {
            case .definition(let x), .check(let x): x.range == d.range
            default: false
            }
        }
    }

    /// `x[2021-04]` under the cursor: the period it names.
    func focusPeriod(of o: Occurrence, in model: CheckedModel) -> Int? {
        for tree in syntax.formulaTrees {
            for node in tree.nodes {
                guard case .subscripted(_, let parts, let nameRange, _) = node.kind, nameRange == o.range else { continue }
                for case .period(let p) in parts { return model.timeline.labels.firstIndex(of: p.label) }
            }
        }
        return nil
    }

    func cellText(_ slot: Int, period: Int, of column: Column, in model: CheckedModel) -> String {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        if m == 1 { return ValueDisplay.text(column[d.isSeries ? period : 0], of: slot, in: model) }
        if d.isRatio { return "\(m) members" }   // a % or a price added over members is no figure
        return "Σ " + ValueDisplay.text(.number(Self.sum((0..<m).map { column[(d.isSeries ? period * m : 0) + $0] })), of: slot, in: model)
    }

    /// Rows of values, a column per evaluation: a scalar's value (a dimension's members, with
    /// their sum); a series' periods and its year totals as `kalkyl eval` shows them
    /// (`CheckedModel.yearTotals`: a headcount's year is December's, not its months added up,
    /// which read 1 662 for 139); a series over a dimension, each member's year totals and
    /// theirs, or each member's last period when the series has no total (a `%`).
    func valueTable(slot: Int, columns: [(String, Column)], in model: CheckedModel) -> String {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        let periods = d.isSeries ? model.timeline.count : 1
        let blocks = columns.map(\.1)
        let totals = blocks.map { block in model.yearTotals(of: slot) { block[$0] } }
        let years = model.years
        var rows: [(String, [Value])] = []
        if !d.isSeries {
            if m == 1 {
                rows.append(("value", blocks.map { $0[0] }))
            } else {
                let limit = 20
                for member in 0..<min(m, limit) {
                    rows.append((memberName(slot, member, in: model), blocks.map { $0[member] }))
                }
                if m > limit { rows.append(("… \(m - limit) more", columns.map { _ in Value.blank })) }
                if !d.isRatio {   // a % or a price added over members is no figure
                    rows.append(("total", blocks.map { block in Value.number(Self.sum((0..<block.count).map { block[$0] })) }))
                }
            }
        } else if m == 1 {
            for p in 0..<periods { rows.append((model.timeline.label(p), blocks.map { $0[p] })) }
            for (y, year) in years.enumerated() where totals[0].kind != .none {
                rows.append((year.title, totals.map { $0.years.indices.contains(y) ? $0.years[y].value : .blank }))
            }
        } else {
            let limit = 20
            let last = periods - 1
            for member in 0..<min(m, limit) {
                let name = memberName(slot, member, in: model)
                if totals[0].kind == .none {
                    rows.append((name + " " + model.timeline.label(last), blocks.map { $0[last * m + member] }))
                    continue
                }
                for year in years {
                    rows.append((years.count == 1 ? name : name + " " + year.title, zip(blocks, totals).map { block, t in
                        t.kind.value(of: year.periods.map { block[$0 * m + member] })
                    }))
                }
            }
            if m > limit { rows.append(("… \(m - limit) more", columns.map { _ in Value.blank })) }
            for (y, year) in years.enumerated() where totals[0].kind != .none {
                rows.append((years.count == 1 ? "total" : "total " + year.title,
                             totals.map { $0.years.indices.contains(y) ? $0.years[y].value : .blank }))
            }
        }
        if rows.count > 40 { rows = Array(rows.prefix(18)) + [("…", columns.map { _ in Value.blank })] + Array(rows.suffix(18)) }
        let header = columns.count > 1 ? [("", columns.map(\.0))] : []
        let format = ValueDisplay.format(of: slot, in: model)   // the model's language worked out once
        let texts = header + rows.map { ($0.0, $0.1.map { v -> String in
            guard case .number(let x) = v else { return v == .blank ? "" : v.description }
            return format.text(x)
        }) }
        let labelWidth = texts.map(\.0.count).max() ?? 0
        let widths = columns.indices.map { i in texts.map { $0.1[i].count }.max() ?? 0 }
        var out = ""
        for (label, values) in texts {
            var line = label.padded(toCharacters: labelWidth)
            for (i, v) in values.enumerated() { line += "  " + String(repeating: " ", count: widths[i] - v.count) + v }
            out += line.trimmingTrailing() + "\n"
        }
        return out
    }

    func memberName(_ slot: Int, _ member: Int, in model: CheckedModel) -> String {
        model.memberNames(of: slot, member: member).joined(separator: ", ")
    }

    /// What a series' year totals are, said above its table, so that a headcount's 139 for the
    /// year is not read as a sum; nil for a series without totals, or a scalar.
    static func totalsNote(_ kind: TotalKind, isSeries: Bool, members: Int) -> String? {
        guard isSeries else { return nil }
        switch kind {
        case .sum: return "*year totals as `kalkyl eval` shows them: the months added up*"
        case .closing: return "*year totals as `kalkyl eval` shows them: the year's last month (a stock)*"
        case .average: return "*year totals as `kalkyl eval` shows them: the average of the months*"
        case .none: return members > 1 ? "*each member's last period: this series has no year total*" : nil
        }
    }

    /// The numbers among some values, added in order.
    static func sum(_ values: [Value]) -> Double {
        var total = 0.0
        for case .number(let x) in values { total += x }
        return total
    }

    func dimensionHover(_ dimension: Dimension) -> String {
        let shown = dimension.members.prefix(30).joined(separator: ", ")
        let more = dimension.members.count > 30 ? ", … (\(dimension.members.count) in all)" : ""
        return "**dimension `\(dimension.name)`** — \(dimension.members.count) member\(dimension.members.count == 1 ? "" : "s")\n\n\(shown)\(more)"
    }

    func memberHover(_ name: String) -> String? {
        guard let model else { return "member **\(name)**" }
        let owners = model.dimensions.filter { $0.memberIndex[name] != nil }.map { "`\($0.name)`" }
        guard !owners.isEmpty else { return nil }
        return "member **\(name)** of \(owners.joined(separator: ", "))"
    }

    func scenarioHover(_ name: String) -> String? {
        for case .scenario(let s) in syntax.statements where s.name == name {
            var out = "**scenario `\(s.name)`**" + (s.label.map { " — \($0)" } ?? "") + "\n\n"
            out += s.overrides.map { "- `" + lines.text($0.range) + "`" }.joined(separator: "\n")
            return out
        }
        return nil
    }
}

extension String {
    func trimmingTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
