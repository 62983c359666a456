import Kalkyl

/// Writes the sheets that hold the model itself: a scenario's Inputs and its Calc.
struct ModelSheets {
    let plan: ExportPlan
    let styles: Styles
    let formats: Formats
    let progress: ProgressCounter

    /// The plan's model and grid, held here: read for every cell, a computed copy of either
    /// would retain and release all of its parts each time.
    let model: CheckedModel
    let grid: Grid

    init(plan: ExportPlan, styles: Styles, formats: Formats, progress: ProgressCounter) {
        self.plan = plan
        self.styles = styles
        self.formats = formats
        self.progress = progress
        model = plan.model
        grid = plan.grid
    }

    /// Number formats per slot, decided once from the base values.
    struct Formats {
        var numberFormat: [String?]
        var totals: [TotalKind]
        /// For a definition over versions: each forecast member's actual member. Up to the last
        /// closed period the forecast is the actual (`actuals through`), so those cells link to it.
        var forecastOf: [[Int: Int]]

        init(plan: ExportPlan) {
            let model = plan.model
            let base = plan.scenarios[0].evaluation
            numberFormat = []
            totals = []
            forecastOf = model.definitions.indices.map { slot in
                Dictionary(model.forecastPairs(of: slot).map { ($0.forecast, $0.actual) }, uniquingKeysWith: { a, _ in a })
            }
            for slot in model.definitions.indices {
                let values = base.values(of: slot).values
                numberFormat.append(Styles.numberFormat(for: model.definitions[slot], values: values, timeline: model.timeline))
                totals.append(model.totalKind(of: slot, values: values))
            }
        }
    }

    // MARK: - The frame every model sheet shares

    /// Title, note, the header row with the periods as dates, widths and frozen panes.
    /// The unit column is headed `unitHeader` (the words' Unit by default); the last column
    /// `sourceHeader` (none when nil).
    func writeFrame(_ sheet: XLSXWorksheet, title: String, note: String, unitHeader: String? = nil,
                    sourceHeader: String?, slots: [Int], withTotals: Bool) throws {
        let words = plan.words
        try sheet.setRowHeight(Grid.titleRow, height: 21)
        try sheet.writeString(title, row: Grid.titleRow, column: 0, format: styles.title())
        try sheet.writeString(note, row: Grid.noteRow, column: 0, format: styles.note())
        let header = try styles.header()
        let r = Grid.headerRow
        try sheet.writeString(words.label, row: r, column: grid.label, format: header)
        try sheet.writeString(words.name, row: r, column: grid.name, format: header)
        if let member = grid.member { try sheet.writeString(words.member, row: r, column: member, format: header) }
        try sheet.writeString(unitHeader ?? words.unit, row: r, column: grid.unit, format: header)
        try sheet.writeString(words.value, row: r, column: grid.value, format: try styles.header(alignment: .right))
        // Periods as the values formulas read for `month` (the first day's date) or `year`.
        let dateFormat = model.timeline.granularity == .monthly ? "yyyy-mm" : "0"
        let periodHeader = try styles.header(alignment: .right, numberFormat: dateFormat)
        // Closed months (actuals) are shaded darker than the forecast's.
        let closedHeader = try styles.book.format(XLSXStyle(numberFormat: dateFormat, bold: true, fillColor: Styles.closedFill,
                                                            alignment: .right, bottomBorder: .thin))
        for p in 0..<grid.periodCount {
            let closed = model.actualsThrough.map { p <= $0 } ?? false
            try sheet.writeNumber(model.timeline.serial(ofAbsolute: model.timeline.first + p), row: r, column: grid.periodColumn(p),
                                  format: closed ? closedHeader : periodHeader)
        }
        if withTotals {
            let totalHeader = try styles.header(alignment: .right)
            for (k, group) in grid.totals.enumerated() {
                try sheet.writeString(group.title + (group.isPartial ? " (\(words.partOfPeriod))" : ""), row: r, column: grid.totalColumn(k), format: totalHeader)
            }
        }
        let sourceColumn = grid.sourceColumn(withTotals: withTotals)
        if let sourceHeader { try sheet.writeString(sourceHeader, row: r, column: sourceColumn, format: header) }

        let labels = slots.map { model.definitions[$0].label ?? model.definitions[$0].name }
        try sheet.setColumnWidth(grid.label...grid.label, width: Double(min(60, max(24, (labels.map(\.count).max() ?? 0) + 2))))
        let names = slots.map { model.definitions[$0].name.count }
        try sheet.setColumnWidth(grid.name...grid.name, width: Double(min(40, max(10, (names.max() ?? 0) + 2))))
        if let member = grid.member {
            let longest = model.dimensions.flatMap { d in d.members.indices.prefix(10_000).map { d.title(of: $0).count } }.max() ?? 8
            try sheet.setColumnWidth(member...member, width: Double(min(30, max(10, longest + 2))))
        }
        try sheet.setColumnWidth(grid.unit...grid.unit, width: 9)
        try sheet.setColumnWidth(grid.value...grid.value, width: 14)
        if grid.periodCount > 0 {
            try sheet.setColumnWidth(grid.firstPeriod...(grid.firstPeriod + grid.periodCount - 1), width: 12)
        }
        if withTotals, !grid.totals.isEmpty {
            try sheet.setColumnWidth(grid.totalColumn(0)...grid.totalColumn(grid.totals.count - 1), width: 13)
        }
        try sheet.setColumnWidth(sourceColumn...sourceColumn, width: 100)
        try sheet.freezePanes(row: Grid.firstDataRow, column: grid.value)
        // They print after the report sheets: landscape, the header row on every page, the
        // model and the sheet's title in the page header, the tab and page in the footer.
        var page = XLSXPageSetup()
        page.landscape = true
        page.paper = .a4
        page.repeatRows = Grid.headerRow...Grid.headerRow
        page.header = ReportSheetWriter.pageHeader(model.name, title, "")
        page.footer = (ReportSheetWriter.clip(sheet.name, ReportSheetWriter.headerPart), "", "")
        page.pageNumbers = true
        try sheet.setPageSetup(page)
    }

    /// Label, name, member and unit of one row.
    func writeRowLabels(_ sheet: XLSXWorksheet, slot: Int, member m: Int, row: Int, labelFormat: XLSXFormat? = nil,
                        unit: String? = nil) throws {
        try RowLabels(model.definitions[slot], model: model, unit: unit).write(sheet, model: model, grid: grid, slot: slot, member: m, row: row,
                                                                 labelFormat: labelFormat)
    }

    /// The texts beside every row of one definition, taken from it once rather than per row:
    /// a definition is a large value, and a Calc sheet has a row per member.
    struct RowLabels {
        let label: String
        let name: String
        let unit: String?
        let hasMembers: Bool
        /// The members and their names of the definition's one dimension, when it has exactly
        /// one: a row's title is read straight from them (as `Dimension.title(of:)` makes it).
        let members: [String]?
        let descriptions: [String]

        init(_ d: CheckedDefinition, model: CheckedModel, unit: String? = nil) {
            label = d.label ?? d.name
            name = d.name
            self.unit = unit ?? d.unit
            hasMembers = !d.dimensions.isEmpty
            let dimension = d.dimensions.count == 1 ? model.dimensions[d.dimensions[0]] : nil
            members = dimension?.members
            descriptions = dimension?.descriptions ?? []
        }

        func title(_ model: CheckedModel, slot: Int, member m: Int) -> String {
            guard let members else { return model.memberTitles(of: slot, member: m).joined(separator: ", ") }
            guard m < descriptions.count, !descriptions[m].isEmpty else { return members[m] }
            return members[m] + " " + descriptions[m]
        }

        /// The same cells as ``write(_:model:grid:slot:member:row:labelFormat:)``, into a batch;
        /// the label with the format of index `labelFormat`.
        func append(to batch: inout CellBatch, model: CheckedModel, grid: Grid, slot: Int, member m: Int, row: Int, labelFormat: UInt8) {
            batch.appendText(label, row: row, column: grid.label, format: labelFormat)
            batch.appendText(name, row: row, column: grid.name)
            if let member = grid.member, hasMembers {
                batch.appendText(title(model, slot: slot, member: m), row: row, column: member)
            }
            if let unit { batch.appendText(unit, row: row, column: grid.unit) }
        }

        func write(_ sheet: XLSXWorksheet, model: CheckedModel, grid: Grid, slot: Int, member m: Int, row: Int,
                   labelFormat: XLSXFormat? = nil) throws {
            try sheet.writeString(label, row: row, column: grid.label, format: labelFormat)
            try sheet.writeString(name, row: row, column: grid.name)
            if let member = grid.member, hasMembers {
                try sheet.writeString(title(model, slot: slot, member: m), row: row, column: member)
            }
            if let unit { try sheet.writeString(unit, row: row, column: grid.unit) }
        }
    }

    // MARK: - Inputs

    /// A scenario's inputs. In base, every input is a constant (blue on yellow; a `--set`
    /// what-if orange). In a scenario, the cells it overrides are constants on orange, and every
    /// other cell is a link to the base Inputs sheet (green), so that a change there flows
    /// into the scenario as it does in Kalkyl.
    func writeInputs(_ sheet: XLSXWorksheet, scenario k: Int, whatIfs: [InputAssignment]) throws {
        let s = plan.scenarios[k]
        let base = plan.scenarios[0]
        let words = plan.words
        let title = k == 0 ? words.inputsTitle : "\(words.inputsTitle) — \(s.name)" + (s.label.map { ": " + $0 } ?? "")
        let note = k == 0 ? words.inputsNote : words.scenarioInputsNote(base.inputsSheet)
        let fromData = plan.inputSlots.contains { model.definitions[$0].data != nil }
        try writeFrame(sheet, title: title, note: note, sourceHeader: fromData ? words.source : nil, slots: plan.inputSlots, withTotals: false)
        for slot in plan.inputSlots {
            let d = model.definitions[slot]
            guard let placement = s.placements[slot], let basePlacement = base.placements[slot] else { continue }
            let values = s.evaluation.values(of: slot)
            let baseValues = k == 0 ? values : base.evaluation.values(of: slot)
            let overridden = k == 0 ? plan.cells(setBy: whatIfs, slot: slot)
                : plan.cells(setBy: s.scenario?.assignments ?? [], slot: slot)
            let numberFormat = formats.numberFormat[slot]
            let input = try styles.cell(numberFormat, .input)
            let override = try styles.cell(numberFormat, .override)
            let link = try styles.cell(numberFormat, .link)
            let members = model.memberCount(of: slot)
            let periods = d.isSeries ? grid.periodCount : 1
            let forecast = try forecastTemplate(slot, placements: s.placements, sheet: sheet.name)
            let computed = try styles.cell(numberFormat, .formula)
            var bytes: [UInt8] = []
            let labels = RowLabels(d, model: model)
            for m in 0..<members {
                let row = placement.firstRow + m
                try labels.write(sheet, model: model, grid: grid, slot: slot, member: m, row: row)
                for p in 0..<periods {
                    let i = p * members + m
                    let column = d.isSeries ? grid.periodColumn(p) : grid.value
                    let value = values[i]
                    // A link to a blank cell would be 0, not blank: a blank stays a blank.
                    if let forecast, let closed = model.actualsThrough, p > closed, formats.forecastOf[slot][m] != nil {
                        bytes.removeAll(keepingCapacity: true)
                        forecast.render(period: p, member: m, grid: grid, into: &bytes)
                        try sheet.writeFormula(utf8: &bytes, result: XLSXFormulaResult(value), row: row, column: column, format: computed)
                    } else if let actual = actualSource(slot, member: m, period: p), value != .blank {
                        let target = XLSXAddress.cell(row: placement.firstRow + actual, column: column)
                        try sheet.writeFormula("=" + target, result: XLSXFormulaResult(value), row: row, column: column, format: link)
                    } else if k == 0 || overridden.contains(i) || value != baseValues[i] || value == .blank {
                        try sheet.writeValue(value, row: row, column: column, format: overridden.contains(i) ? override : input)
                    } else {
                        let target = basePlacement.definedName
                            ?? XLSXAddress.sheetPrefix(base.inputsSheet) + XLSXAddress.cell(row: basePlacement.firstRow + m, column: column)
                        try sheet.writeFormula("=" + target, result: XLSXFormulaResult(value), row: row, column: column, format: link)
                    }
                }
            }
            if let f = d.forecastFormula {
                let axis = model.timeline.axisName
                let target = d.name + "[" + forecastTarget(slot).joined(separator: ", ") + "]"
                try sheet.writeString("forecast after the close: " + target + " = " + ExpressionPrinter.print(f.expression, axis: axis),
                                      row: placement.firstRow, column: grid.sourceColumn(withTotals: false), format: styles.source())
            } else if d.data != nil {
                try sheet.writeString("read from a data file", row: placement.firstRow, column: grid.sourceColumn(withTotals: false), format: styles.source())
            }
        }
    }

    // MARK: - Calc

    /// A scenario's calculations: every formula definition, a row per member, each cell the
    /// live Excel formula with Kalkyl's value cached; tertial and year totals where they mean
    /// something. With `ahead`, the rows come rendered from its thread; without, they are
    /// rendered here.
    func writeCalc(_ sheet: XLSXWorksheet, scenario k: Int, ahead: RenderedAhead? = nil) throws {
        let s = plan.scenarios[k]
        let words = plan.words
        let title = k == 0 ? words.calcTitle : "\(words.calcTitle) — \(s.name)" + (s.label.map { ": " + $0 } ?? "")
        try writeFrame(sheet, title: title, note: words.calcNote, sourceHeader: words.kalkylFormula, slots: plan.formulaSlots, withTotals: true)
        guard let ahead else {
            for slot in plan.formulaSlots { try writeFormulaRows(sheet, slot: slot, scenario: k) }
            return
        }
        for slot in plan.formulaSlots where s.placements[slot] != nil {
            // The same calls in the same order as writeFormulaRows: the rows' formats once the
            // formula is compiled, the rows, the model's formula beside them.
            var (batch, last) = try ahead.next()
            let formats = try rowFormats(slot, labelFormat: nil)
            while true {
                try sheet.write(batch, formats: formats)
                progress.add(batch.formulaCells)
                ahead.recycle(batch)
                if last { break }
                (batch, last) = try ahead.next()
            }
            try writeSource(sheet, slot: slot, row: s.placements[slot]!.firstRow)
        }
    }

    /// The rows of one formula definition (or check) on `sheet`, for scenario k.
    func writeFormulaRows(_ sheet: XLSXWorksheet, slot: Int, scenario k: Int, labelFormat: XLSXFormat? = nil,
                          unit: String? = nil) throws {
        guard let rows = try FormulaRows(plan: plan, formats: formats, slot: slot, scenario: k, sheet: sheet.name, unit: unit) else { return }
        let formats = try rowFormats(slot, labelFormat: labelFormat)
        var batch = CellBatch()
        var periodValues: [Value] = []
        for m in 0..<rows.members {
            batch.removeAll()
            rows.render(member: m, into: &batch, periodValues: &periodValues)
            try sheet.write(batch, formats: formats)
            progress.add(batch.formulaCells)
        }
        try writeSource(sheet, slot: slot, row: rows.firstRow)
    }

    /// The formats of a definition's rows, by ``FormulaRows/FormatIndex``.
    private func rowFormats(_ slot: Int, labelFormat: XLSXFormat?) throws -> [XLSXFormat?] {
        let format = try styles.cell(formats.numberFormat[slot], .formula)
        let totalFormat = try styles.cell(formats.numberFormat[slot], .total)
        return [nil, labelFormat, format, totalFormat]
    }

    /// The definition as written in the model, beside its first row.
    private func writeSource(_ sheet: XLSXWorksheet, slot: Int, row: Int) throws {
        guard let source = sourceText(slot) else { return }
        // Checks have no totals, so their formula comes right after the periods.
        try sheet.writeString(source, row: row, column: grid.sourceColumn(withTotals: !model.definitions[slot].isCheck), format: styles.source())
    }

    /// A line's computed forecast as an Excel formula template, rendered in its forecast rows
    /// after the close; nil when its forecast is not computed.
    func forecastTemplate(_ slot: Int, placements: [Placement?], sheet: String) throws -> FormulaTemplate? {
        guard let computing = model.computingForecast(of: slot) else { return nil }
        return try FormulaCompiler(model: computing, grid: grid, placements: placements, sheet: sheet).compile(slot)
    }

    /// `forecast, ansvar, month`: the forecast's subscript as written.
    func forecastTarget(_ slot: Int) -> [String] {
        guard let versions = model.versions else { return [] }
        var parts = model.definitions[slot].dimensions.map { dim in
            dim == versions.dimension ? model.dimensions[dim].members[versions.forecast] : model.dimensions[dim].name
        }
        parts.append(model.timeline.axisName)
        return parts
    }

    /// For a forecast member in a closed period, the actual member whose value it takes.
    func actualSource(_ slot: Int, member m: Int, period p: Int) -> Int? {
        guard let closed = model.actualsThrough, model.definitions[slot].isSeries, p <= closed else { return nil }
        return formats.forecastOf[slot][m]
    }

    /// The formulas of a row's totals, as ``TotalKind/formula(first:last:)`` spells them, split
    /// where the row's number goes: a Calc sheet has a row of totals per member.
    struct TotalFormulas {
        let kind: TotalKind
        /// For each group, the text between the row numbers: `=SUM(F`, `:I`, `)`.
        private let pieces: [[[UInt8]]]

        init(kind: TotalKind, grid: Grid) {
            self.kind = kind
            // Column letters and the functions' names hold no "#": it marks the row numbers.
            pieces = grid.totals.map { group in
                let text = "=" + kind.formula(first: grid.periodColumnNames[group.periods.lowerBound] + "#",
                                              last: grid.periodColumnNames[group.periods.upperBound] + "#")
                return text.utf8.split(separator: UInt8(ascii: "#"), omittingEmptySubsequences: false).map(Array.init)
            }
        }

        /// Group k's formula for `row`, appended to `out`.
        func append(group k: Int, row: Int, to out: inout [UInt8]) {
            for (i, piece) in pieces[k].enumerated() {
                if i > 0 { FormulaTemplate.appendNumber(row + 1, &out) }
                out += piece
            }
        }
    }

    /// The definition as written in the model, printed back from its tree (as text, never a formula).
    func sourceText(_ slot: Int) -> String? {
        let d = model.definitions[slot]
        guard !d.expression.nodes.isEmpty else { return nil }
        let axis = model.timeline.axisName
        var target = d.name
        var parts = d.dimensions.map { model.dimensions[$0].name }
        if d.isSeries { parts.append(axis) }
        if !parts.isEmpty { target += "[" + parts.joined(separator: ", ") + "]" }
        if d.isCheck { return "check " + target + ": " + ExpressionPrinter.print(d.expression, axis: axis) }
        return target + " = " + ExpressionPrinter.print(d.expression, axis: axis)
    }
}

/// Counts the formula cells written and tells a listener now and then.
final class ProgressCounter {
    let total: Int
    private(set) var done = 0
    private var nextReport = 0
    private let report: ((WorkbookExport.Progress) -> Void)?

    init(total: Int, report: ((WorkbookExport.Progress) -> Void)?) {
        self.total = total
        self.report = report
    }

    @inline(__always)
    func add(_ n: Int) {
        done += n
        if done >= nextReport, let report {
            nextReport = done + 8192
            report(WorkbookExport.Progress(cellsWritten: done, cellsTotal: max(total, done), phase: .cells))
        }
    }
}
