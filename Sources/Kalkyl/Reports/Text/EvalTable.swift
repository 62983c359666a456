/// `eval`'s `table` format, for people: scalars as a list, series as a grid with periods as
/// columns. A definition with dimensions gets a heading and one indented row per member.
/// Made from a report's values; the model gives labels, units, members and how values read.
struct EvalTable {
    /// Numbers as the model's language writes them: a decimal comma in a Swedish model.
    var language: ReportLanguage { ReportLanguage.of(model) }
    let model: CheckedModel
    /// The scenario's name, `base` for none.
    let scenario: String
    /// The definitions shown, in order.
    let slots: [Int]
    /// Each shown definition's cells in block order, by slot; a definition not here is read
    /// from `evaluation` when its rows are made, so that only one is held at a time.
    let blocks: [Int: [Value]]
    var evaluation: Evaluation? = nil
    /// The terminal's width, if output goes to one: labels are shortened only as far as
    /// the figures beside them need, and never below 40 characters.
    var terminalColumns: Int? = nil
    /// Labels are cut (with …) past this many characters when no terminal says otherwise.
    static let plainLabelWidth = 64
    static let narrowestLabelWidth = 40

    /// One printed line: a title, a unit, and its cells (one, or one per period), then a
    /// series' year totals (a flow's sum, a stock's closing value).
    struct Row {
        var title: String
        var unit: String
        var cells: [String]
        var totals: [String] = []
    }

    /// The years of a monthly timeline, whose totals follow the months.
    var years: [TotalGroup] { model.years }

    func render() -> String {
        var bytes: [UInt8] = []
        let sink = ByteSink { bytes += $0 }
        render(into: sink)
        sink.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The table written line by line into `sink`, never as one string, and one definition's
    /// rows at a time: a section's widths are worked out from each definition's rows in turn,
    /// then its rows made again and written (at 100,000 employees a table of 3 M values held
    /// every cell as a string, three times over).
    func render(into sink: ByteSink) {
        var head = "\(model.name)"
        if let scenario = model.scenario(named: scenario) {
            head += " — scenario \(scenario.name)" + (scenario.label.map { " (\($0))" } ?? "")
        }
        sink.write(head + "\n")
        let scalars = slots.filter { !model.definitions[$0].isSeries }
        let series = slots.filter { model.definitions[$0].isSeries }
        // Assumptions first, then what follows from them.
        let inputs = scalars.filter { model.definitions[$0].isInput }
        let results = scalars.filter { !model.definitions[$0].isInput }
        if !inputs.isEmpty { sink.write("\n"); renderList(inputs, into: sink) }
        if !results.isEmpty { sink.write("\n"); renderList(results, into: sink) }
        if !series.isEmpty { sink.write("\n"); renderGrid(series, into: sink) }
    }

    func title(_ slot: Int) -> String {
        let d = model.definitions[slot]
        return d.label ?? d.name
    }

    /// How wide the labels may be beside figures `figuresWidth` characters wide.
    func labelLimit(figuresWidth: Int) -> Int {
        guard let columns = terminalColumns else { return Self.plainLabelWidth }
        return max(Self.narrowestLabelWidth, columns - figuresWidth)
    }

    /// How long a title of `count` characters is once `clipped(_:to:)` has cut it to `width`.
    func clippedLength(_ count: Int, _ width: Int) -> Int { min(count, width) }

    func clipped(_ row: Row, to width: Int) -> Row {
        var row = row
        let indent = row.title.prefix { $0 == " " }.count
        row.title = String(repeating: " ", count: indent) + clip(String(row.title.dropFirst(indent)), width - indent)
        return row
    }

    func clip(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }

    /// The rows of one definition (one row, or a heading and a row per member), made one at a
    /// time, so that only one row's texts are held: the cells are read where they are (a
    /// report's values, or the evaluation's block), never copied into an array of their own
    /// (3.6 million cells took 48 bytes each that way, unweighed).
    func forEachRow(_ slot: Int, _ body: (Row) -> Void) {
        let d = model.definitions[slot]
        let unit = (d.unit ?? "") == "%" ? "" : (d.unit ?? "")
        let values = block(slot)
        let cell = format(slot, decimalsOf: values)
        let members = model.memberCount(of: slot)
        let periods = d.isSeries ? model.timeline.count : 1
        let totals = d.isSeries ? RowTotals(slot, values: values, table: self) : nil
        let years = years.count
        func memberTotals(_ m: Int) -> [String] { totals?.texts(member: m) ?? Array(repeating: "", count: years) }
        func row(_ m: Int) -> [String] { (0..<periods).map { text(values[$0 * members + m], cell) } }
        if d.dimensions.isEmpty {
            body(Row(title: title(slot), unit: unit, cells: row(0), totals: d.isSeries ? memberTotals(0) : []))
            return
        }
        body(Row(title: title(slot), unit: unit, cells: Array(repeating: "", count: periods),
                 totals: d.isSeries ? Array(repeating: "", count: years) : []))
        for m in 0..<members {
            // A name read from a quoted CSV cell can hold a line break: escaped, as a text is.
            let name = JSONNode.escaped(model.memberTitles(of: slot, member: m).joined(separator: " · "), quotes: false)
            body(Row(title: "  " + name, unit: "", cells: row(m), totals: d.isSeries ? memberTotals(m) : []))
        }
    }

    /// A series' year totals, member by member, worked out when a row asks for them: the kind
    /// of total from all its cells, their decimals from the cells and every total. The rule is
    /// `TotalKind`'s, which the language server's hover and hints ask through
    /// `CheckedModel.yearTotals(of:cell:)`.
    struct RowTotals {
        let kind: TotalKind
        let values: TableCells
        let members: Int
        let years: [TotalGroup]
        var cell: CellFormat?
        let table: EvalTable

        init(_ slot: Int, values: TableCells, table: EvalTable) {
            kind = table.model.totalKind(of: slot, cells: values)
            self.values = values
            members = table.model.memberCount(of: slot)
            years = table.years
            self.table = table
            guard kind != .none else { return }
            cell = table.format(slot, decimalsOf: values) { add in
                for m in 0..<members { for y in years.indices { add(total(y, member: m)) } }
            }
        }

        /// Year `y`'s total of member `m`.
        func total(_ y: Int, member m: Int) -> Value {
            kind.value(of: years[y].periods.map { values[$0 * members + m] })
        }

        /// Member `m`'s totals as text; nil when the series has none.
        func texts(member m: Int) -> [String]? {
            guard let cell else { return nil }
            return (0..<years.count).map { table.text(total($0, member: m), cell) }
        }
    }

    /// Every cell as text, with one number of decimals for the whole definition.
    func cells(_ slot: Int) -> [String] {
        let values = block(slot)
        let cell = format(slot, decimalsOf: values)
        return values.map { text($0, cell) }
    }

    /// A definition's cells in block order: given, or read in place from the evaluation.
    func block(_ slot: Int) -> TableCells {
        if let given = blocks[slot] { return TableCells(given) }
        if let evaluation { return TableCells(block: evaluation.blocks[slot]) }
        return TableCells([])
    }

    /// How a definition's values read, worked out once, not per cell: the rule eval's table
    /// shares with explain, watch and diff (`ValueFormat`), and one number of decimals for all
    /// of them.
    struct CellFormat {
        let value: ValueFormat
        let decimals: Int
    }

    /// The format of `slot`'s values, its decimals from `values` and what `more` adds.
    func format(_ slot: Int, decimalsOf values: TableCells, more: ((Value) -> Void) -> Void = { _ in }) -> CellFormat {
        // The language is worked out from the model's labels: once, not per cell.
        let value = ValueFormat(model.definitions[slot], timeline: model.timeline, language: language)
        return CellFormat(value: value, decimals: value.decimals(of: values, more: more))
    }

    /// A value as text, as `cell` says.
    func text(_ value: Value, _ cell: CellFormat) -> String {
        switch value {
        case .number(let x): return cell.value.text(x, decimals: cell.decimals)
        case .text(let s): return clip(JSONNode.escaped(s, quotes: false), 16)   // a line break would break the table
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.spelling
        case .blank: return ""
        }
    }

    /// Scalars: title, value, unit. The widths from every definition's rows first, then
    /// the rows again, one definition at a time.
    func renderList(_ slots: [Int], into sink: ByteSink) {
        var valueWidth = 0, unitWidth = 0, longestTitle = 0
        for slot in slots {
            forEachRow(slot) { row in
                valueWidth = max(valueWidth, row.cells.first.map(width) ?? 0)
                unitWidth = max(unitWidth, row.unit.count)
                longestTitle = max(longestTitle, row.title.count)
            }
        }
        let limit = labelLimit(figuresWidth: 2 + valueWidth + 1 + unitWidth)
        let titleWidth = clippedLength(longestTitle, limit)
        for slot in slots {
            forEachRow(slot) { given in
                let row = clipped(given, to: limit)
                let value = row.cells.first ?? ""
                let line = pad(row.title, titleWidth) + "  " + padLeft(value, valueWidth) + (row.unit.isEmpty ? "" : " " + row.unit)
                sink.write(trimTrailing(line) + "\n")
            }
        }
    }

    /// Series: title, unit, then one right-aligned column per period.
    /// The widths from every definition's rows first, then the rows again, one definition at
    /// a time, each with its year totals after its months when any row has totals.
    func renderGrid(_ slots: [Int], into sink: ByteSink) {
        let months = model.timeline.count
        let yearTitles = self.years.map(\.title)
        var hasTotals = false
        var cellWidths = Array(repeating: 0, count: months + yearTitles.count)
        var unitWidth = 0, longestTitle = 0
        for slot in slots {
            forEachRow(slot) { row in
                if !row.totals.allSatisfy(\.isEmpty) { hasTotals = true }
                for (p, cell) in row.cells.enumerated() where p < months { cellWidths[p] = max(cellWidths[p], width(cell)) }
                for (y, total) in row.totals.enumerated() where y < yearTitles.count {
                    cellWidths[months + y] = max(cellWidths[months + y], width(total))
                }
                unitWidth = max(unitWidth, row.unit.count)
                longestTitle = max(longestTitle, row.title.count)
            }
        }
        let years = hasTotals ? yearTitles : []
        let periods = model.timeline.labels + years
        let markWidth = model.actualsThrough == nil ? 0 : 8
        let widths = periods.indices.map { p in max(periods[p].count, p < months ? markWidth : 0, cellWidths[p]) }
        let figuresWidth = (unitWidth > 0 ? 2 + unitWidth : 0) + widths.reduce(0) { $0 + 2 + $1 }
        let limit = labelLimit(figuresWidth: figuresWidth)
        let titleWidth = max(clippedLength(longestTitle, limit), 1)
        var header = pad("", titleWidth) + (unitWidth > 0 ? "  " + pad("", unitWidth) : "")
        for (p, label) in periods.enumerated() { header += "  " + padLeft(label, widths[p]) }
        sink.write(trimTrailing(header) + "\n")
        if let closed = model.actualsThrough {
            // Which months are closed (actuals) and which are forecast.
            var marks = pad("", titleWidth) + (unitWidth > 0 ? "  " + pad("", unitWidth) : "")
            for p in periods.indices { marks += "  " + padLeft(p >= months ? "" : p <= closed ? "actual" : "forecast", widths[p]) }
            sink.write(trimTrailing(marks) + "\n")
        }
        for slot in slots {
            forEachRow(slot) { row in
                write(clipped(row, to: limit), years: years.count, titleWidth: titleWidth, unitWidth: unitWidth, widths: widths, into: sink)
            }
        }
    }

    /// One row of the grid, its year totals after its months.
    func write(_ given: Row, years: Int, titleWidth: Int, unitWidth: Int, widths: [Int], into sink: ByteSink) {
        var row = given
        row.cells += (0..<years).map { $0 < row.totals.count ? row.totals[$0] : "" }
        // Straight into the sink: the title padded, each cell right-aligned, no spaces at
        // the end of the line (a row ends at its last cell that is not empty).
        let unitPart = unitWidth > 0 ? "  " + pad(row.unit, unitWidth) : ""
        let last = row.cells.lastIndex { !$0.isEmpty }
        if let last, row.cells[last].last == " " {   // a text ending in spaces: trimmed with the line
            var line = pad(row.title, titleWidth) + unitPart
            for (p, cell) in row.cells.enumerated() { line += "  " + padLeft(cell, widths[p]) }
            sink.write(trimTrailing(line) + "\n")
            return
        }
        if last == nil && unitPart.allSatisfy({ $0 == " " }) {
            sink.write(trimTrailing(row.title) + "\n")
            return
        }
        sink.write(pad(row.title, titleWidth))
        if let last {
            sink.write(unitPart)
            for p in 0...last {
                sink.write(spaces: 2 + max(0, widths[p] - width(row.cells[p])))
                sink.write(row.cells[p])
            }
        } else {
            sink.write(trimTrailing(unitPart))
        }
        sink.write(byte: UInt8(ascii: "\n"))
    }

    /// A cell's width in characters: its bytes when it is ASCII without a carriage return (a
    /// number always is), which is what `count` gives without walking its characters.
    func width(_ s: String) -> Int {
        var ascii = true
        for byte in s.utf8 where byte >= 0x80 || byte == 0x0D { ascii = false; break }
        return ascii ? s.utf8.count : s.count
    }

    func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
    func padLeft(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    func trimTrailing(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }
}

extension EvalReport {
    /// `eval --format table`: the values for people, then the scorecard when the report has
    /// one. `model` is the model the report was made from (labels, units, members, periods).
    public func table(model: CheckedModel, terminalColumns: Int? = nil) -> String {
        // With the scorecard, a measure's parts are shown there rather than as lines of their own.
        let generated = scorecard == nil ? [] : model.scorecard?.generatedSlots ?? []
        var slots: [Int] = []
        var blocks: [Int: [Value]] = [:]
        for entry in values.entries {
            guard let slot = model.slot(named: entry.key), !generated.contains(slot) else { continue }
            slots.append(slot)
            blocks[slot] = entry.value.blockCells()
        }
        let table = EvalTable(model: model, scenario: scenario, slots: slots, blocks: blocks, terminalColumns: terminalColumns).render()
        guard let scorecard else { return table }
        return table + "\n" + ScorecardTable(report: scorecard, model: model).render()
    }
}

extension EvalReport {
    /// `eval --format table` written into `sink`: what
    /// `EvalReport(evaluation:slots:scorecard:).table(model:terminalColumns:)` returns, with
    /// each definition's cells taken from the evaluation when its rows are made rather than
    /// from a report's tree, and the lines written as they are made.
    public static func writeTable(evaluation: Evaluation, slots: [Int], scorecard: Scorecard? = nil, terminalColumns: Int? = nil,
                                  to sink: ByteSink) {
        let model = evaluation.model
        let rest = EvalReport(evaluation: evaluation, slots: slots, scorecard: scorecard, values: false)
        let generated = rest.scorecard == nil ? [] : model.scorecard?.generatedSlots ?? []
        let shown = slots.filter { !generated.contains($0) }
        var table = EvalTable(model: model, scenario: rest.scenario, slots: shown, blocks: [:], terminalColumns: terminalColumns)
        table.evaluation = evaluation   // each definition's cells read when its rows are made
        table.render(into: sink)
        if let scorecard = rest.scorecard { sink.write("\n" + ScorecardTable(report: scorecard, model: model).render()) }
    }
}

extension ValueTree {
    /// The cells of a definition's block, in the order the evaluation keeps them: period by
    /// period, and within a period member by member, the last dimension fastest.
    func blockCells() -> [Value] {
        var leaves: [ValueTree] = []
        func collect(_ tree: ValueTree) {
            if case .members(let members) = tree { members.entries.forEach { collect($0.value) } } else { leaves.append(tree) }
        }
        collect(self)
        var scalars: [Value] = []
        var series: [[Value]] = []
        for leaf in leaves {
            switch leaf {
            case .value(let v): scalars.append(v)
            case .series(let values): series.append(values)
            case .members: break
            }
        }
        guard let periods = series.first?.count else { return scalars }
        return (0..<periods).flatMap { p in series.map { p < $0.count ? $0[p] : .blank } }
    }
}
