import Kalkyl

/// Writes one report sheet of a board pack: its title, tables of formulas that read the model's
/// sheets (values cached), variances coloured by whether they are favourable, charts, frozen
/// panes and the print setup (A4 landscape, one page wide, the model and period in the header).
struct ReportSheetWriter {
    let plan: ExportPlan
    let styles: Styles
    let formats: ModelSheets.Formats
    let layout: ReportLayout
    let progress: ProgressCounter

    var model: CheckedModel { plan.model }
    var reportPeriod: Int? {
        guard model.timeline.count > 0 else { return nil }
        return layout.period ?? model.actualsThrough.map { min($0, model.timeline.count - 1) } ?? model.timeline.count - 1
    }

    static let favourableFont: UInt32 = 0x006100
    static let favourableFill: UInt32 = 0xC6EFCE
    static let unfavourableFont: UInt32 = 0x9C0006
    static let unfavourableFill: UInt32 = 0xFFC7CE
    static let seriesColors: [UInt32] = [0x1F4E79, 0xC55A11, 0x548235, 0x7F7F7F, 0x7030A0]

    /// Where a sheet's first table starts: title, note, a blank row (and a row more below a
    /// scenario switch).
    static let firstTableRow = 3

    /// The sheet that holds the scenario switch (the first that has one), by its name in the workbook.
    let switchSheet: String?

    func write(_ sheet: XLSXWorksheet, _ spec: ReportSheet) throws {
        var shown: [Int] = []
        for name in spec.switchScenarios.isEmpty ? [spec.scenario] : spec.switchScenarios {
            guard let k = plan.scenarios.firstIndex(where: { $0.name == name }) else {
                throw ExportError(message: "the report sheet \(spec.name) shows scenario \(name), which was not exported")
            }
            shown.append(k)
        }
        let k = shown[0]
        let switchIndex = shown.count > 1 ? try writeSwitch(sheet, scenarios: shown) : nil
        let figures = ReportFigures(plan: plan, formats: formats, scenarios: shown, switchIndex: switchIndex)
        try sheet.setRowHeight(0, height: 21)
        try sheet.writeString(spec.title ?? spec.name, row: 0, column: 0, format: styles.title())
        var notes: [String] = []
        if let note = spec.note { notes.append(note) }
        if k > 0, switchIndex == nil { notes.append("\(plan.words.scenario) \(plan.scenarios[k].name)" + (plan.scenarios[k].label.map { ": " + $0 } ?? "") + ".") }
        if !notes.isEmpty { try sheet.writeString(notes.joined(separator: " "), row: 1, column: 0, format: styles.note()) }

        // Widths first: a chart beside another needs to know where the columns end.
        var labelWidth = 24
        var widths: [Int: Double] = [:]
        var tables = 0, charts = 0
        for item in spec.items {
            switch item {
            case .table(let table):
                tables += 1
                labelWidth = max(labelWidth, table.lines.map(Self.labelLength).max() ?? 0)
                for (c, column) in SheetColumn.expand(table.columns, model: model, reportPeriod: reportPeriod).enumerated() {
                    widths[c + 1] = max(widths[c + 1] ?? 0, width(of: column))
                }
            case .chart: charts += 1
            }
        }
        labelWidth = min(60, labelWidth + 2)
        try sheet.setColumnWidth(0...0, width: Double(labelWidth))
        for (column, width) in widths { try sheet.setColumnWidth(column...column, width: width) }

        var row = Self.firstTableRow + (switchIndex == nil ? 0 : 1)
        var firstHeaderRow: Int?
        var chartBeside = false
        for item in spec.items {
            switch item {
            case .table(let table):
                if chartBeside { row += Self.chartRows + 1; chartBeside = false }
                let columns = SheetColumn.expand(table.columns, model: model, reportPeriod: reportPeriod)
                if firstHeaderRow == nil { firstHeaderRow = row }
                try writeHeader(sheet, columns, row: row)
                row += 1
                let first = row
                row = try writeLines(sheet, table.lines, columns: columns, figures: figures, row: row)
                try colourVariances(sheet, columns, rows: first..<row, table: table)
                row += 1
            case .chart(let chart):
                // Two charts side by side, the second starting at the first column clear of the first.
                var column = 0
                if chartBeside {
                    var left = 0.0
                    column = 0
                    while left < Self.chartWidth + 12 {
                        left += Self.pixels(column == 0 ? Double(labelWidth) : widths[column] ?? 8.43)
                        column += 1
                    }
                }
                try writeChart(sheet, chart, scenario: k, figures: figures, rows: Self.rows(of: spec), row: row, column: column)
                if chartBeside { row += Self.chartRows + 1 }
                chartBeside.toggle()
            }
        }
        if let header = firstHeaderRow { try sheet.freezePanes(row: header + 1, column: 1) }
        try sheet.setPageSetup(pageSetup(spec, scenario: switchIndex == nil ? k : 0, repeat: tables == 1 && charts == 0 ? firstHeaderRow : nil))
    }

    // MARK: - The scenario switch

    /// The switch's cells on its sheet: B3 the picked scenario (a dropdown), C3 its position.
    static let switchRow = 2

    /// Writes the dropdown (on the switch's sheet) or a link to it (on the others), and returns
    /// the cell that holds the picked scenario's position, for `CHOOSE`.
    private func writeSwitch(_ sheet: XLSXWorksheet, scenarios: [Int]) throws -> String {
        // The names the cover gives them: "bas" in a Swedish pack, and MATCH looks up the same words.
        let names = scenarios.map { plan.shownName(of: $0) }
        let host = switchSheet ?? sheet.name
        let row = Self.switchRow
        try sheet.writeString(plan.words.scenario, row: row, column: 0, format: styles.text(bold: true))
        if host == sheet.name {
            try sheet.writeString(names[0], row: row, column: 1, format: styles.cell(nil, .input))
            try sheet.restrictToList(row: row, column: 1, choices: names)
            let list = "{" + names.map { "\"\($0)\"" }.joined(separator: ",") + "}"
            // The position is for the formulas, not for reading: the format shows nothing.
            try sheet.writeFormula("=MATCH(B\(row + 1),\(list),0)", result: .number(1), row: row, column: 2,
                                   format: styles.book.format(XLSXStyle(numberFormat: ";;;")))
            try sheet.writeString(plan.words.switchNote(names[0]),
                                  row: row, column: 3, format: styles.note())
        } else {
            try sheet.writeFormula("=" + XLSXAddress.sheetPrefix(host) + XLSXAddress.cell(row: row, column: 1, absolute: true),
                                   result: .text(names[0]), row: row, column: 1, format: styles.cell(nil, .link))
        }
        return XLSXAddress.sheetPrefix(host) + XLSXAddress.cell(row: row, column: 2, absolute: true)
    }

    /// How many lines a header takes in a column `width` characters wide, wrapped between words.
    static func lines(_ text: String, width: Int) -> Int {
        var lines = 1, used = 0
        for word in text.split(separator: " ") {
            if used > 0, used + 1 + word.count > width { lines += 1; used = word.count } else { used += (used > 0 ? 1 : 0) + word.count }
        }
        return lines
    }

    /// Excel's width of a column in pixels at 100 % (Calibri 11: 7 pixels a character and 5 of padding).
    static func pixels(_ width: Double) -> Double { (width * 7 + 5).rounded(.down) }

    private static func labelLength(_ line: ReportLine) -> Int {
        switch line {
        case .heading(let text), .total(let text): text.count
        case .row(let r): r.label.count + 2 * r.indent
        case .blank: 0
        }
    }

    /// Wide enough for the header's longest word (headers wrap between words) and the figures.
    private func width(of column: SheetColumn) -> Double {
        switch column.header {
        case .period: return model.timeline.granularity == .monthly ? 7.5 : 8
        case .text(let title):
            // A short header (`Budget 2024`) stays on one line: bold type needs a little more
            // than its characters. A longer one wraps between its words.
            let word = title.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(\.count).max() ?? 0
            let oneLine = title.count <= 14 ? title.count + 3 : 0
            return Double(max(11, min(24, max(word + 2, oneLine))))
        }
    }

    // MARK: - Tables

    private func writeHeader(_ sheet: XLSXWorksheet, _ columns: [SheetColumn], row: Int) throws {
        let text = try styles.book.format(XLSXStyle(bold: true, fillColor: Styles.headerFill, alignment: .right, wrapText: true, bottomBorder: .thin))
        let monthly = model.timeline.granularity == .monthly
        let spansYears = monthly && model.timeline.count > 0 && (model.timeline.first / 12 != (model.timeline.first + model.timeline.count - 1) / 12)
        let date = try styles.book.format(XLSXStyle(numberFormat: monthly ? (spansYears ? "mmm yy" : "mmm") : "0", bold: true,
                                                    fillColor: Styles.headerFill, alignment: .right, bottomBorder: .thin))
        let closedDate = try styles.book.format(XLSXStyle(numberFormat: monthly ? (spansYears ? "mmm yy" : "mmm") : "0", bold: true,
                                                          fillColor: Styles.closedFill, alignment: .right, bottomBorder: .thin))
        try sheet.writeString("", row: row, column: 0, format: text)
        var tallest = 1
        for (c, column) in columns.enumerated() {
            switch column.header {
            case .text(let title):
                try sheet.writeString(title, row: row, column: c + 1, format: text)
                tallest = max(tallest, Self.lines(title, width: Int(width(of: column))))
            case .period(let p):
                // Closed months (actuals) are shaded darker than the forecast's, as on the Calc sheet.
                let closed = model.actualsThrough.map { p <= $0 } ?? false
                try sheet.writeNumber(model.timeline.serial(ofAbsolute: model.timeline.first + p), row: row, column: c + 1,
                                      format: closed ? closedDate : date)
            }
        }
        if tallest > 1 { try sheet.setRowHeight(row, height: Double(min(4, tallest)) * 15) }
    }

    /// Writes the lines of a table from `row` on; returns the row after the last.
    private func writeLines(_ sheet: XLSXWorksheet, _ lines: [ReportLine], columns: [SheetColumn], figures: ReportFigures,
                            row start: Int) throws -> Int {
        var row = start
        // The rows since the last heading or total: what a total adds up, per column.
        var group: [Int: [(row: Int, value: Value, format: String)]] = [:]
        var groupIsVariance = true
        for line in lines {
            switch line {
            case .blank:
                break
            case .heading(let text):
                try sheet.writeString(text, row: row, column: 0, format: styles.text(bold: true))
                group = [:]
                groupIsVariance = true
            case .total(let text):
                try sheet.writeString(text, row: row, column: 0, format: try rowStyle(bold: true, border: true, numberFormat: nil))
                for c in columns.indices {
                    let cells = group[c] ?? []
                    guard let last = cells.last, let first = cells.first else {
                        try sheet.writeBlank(row: row, column: c + 1, format: try rowStyle(bold: true, border: true, numberFormat: nil))
                        continue
                    }
                    let name = XLSXAddress.columnName(c + 1)
                    let value = TotalKind.sum.value(of: cells.map(\.value))
                    let format = try rowStyle(bold: true, border: true, numberFormat: last.format)
                    try sheet.writeFormula("=SUM(\(name)\(first.row + 1):\(name)\(last.row + 1))", result: XLSXFormulaResult(value),
                                           row: row, column: c + 1, format: format)
                    progress.add(1)
                }
                // A total of variances is one too.
                if groupIsVariance, !group.isEmpty, !columns.isEmpty { try colour(sheet, rows: row...row, columns: 1...columns.count) }
                group = [:]
                groupIsVariance = true
            case .row(let r):
                let format = figures.format(of: r)
                let scale = figures.scale(of: r.cell.slot, shownAs: format)
                let aggregate = figures.aggregate(r)
                let bold = r.isSubtotal
                try sheet.writeString(r.label, row: row, column: 0, format: try styles.format(XLSXStyle(bold: bold, indent: r.indent, topBorder: bold ? .thin : nil)))
                var written: [Int: ReportFigures.Figure] = [:]
                let isSeries = model.definitions[r.cell.slot].isSeries
                for (c, column) in columns.enumerated() where column.measure != .variance && (isSeries || column.isValue) {
                    guard let cell = column.measure == .value ? r.cell : r.comparison,
                          let figure = figures.figure(cell, periods: isSeries ? column.periods : nil, aggregate: aggregate,
                                                      scale: figures.scale(of: cell.slot, shownAs: format),
                                                      scenario: column.scenario, against: column.against)
                    else { continue }
                    written[c] = figure
                }
                for (c, column) in columns.enumerated() where column.measure == .variance && (isSeries || column.isValue) {
                    let periods = isSeries ? column.periods : nil
                    guard let comparison = r.comparison,
                          let actual = figures.figure(r.cell, periods: periods, aggregate: aggregate, scale: scale,
                                                      scenario: column.scenario, against: column.against),
                          let budget = figures.figure(comparison, periods: periods, aggregate: aggregate,
                                                      scale: figures.scale(of: comparison.slot, shownAs: format),
                                                      scenario: column.scenario, against: column.against) else { continue }
                    // Subtract the table's own cells when it shows both, else the figures themselves.
                    let valueColumn = columns.indices.first { columns[$0].measure == .value && columns[$0].covers(column) && written[$0] != nil }
                    let budgetColumn = columns.indices.first { columns[$0].measure == .budget && columns[$0].covers(column) && written[$0] != nil }
                    let (plus, minus) = r.direction == .cost ? (budget, actual) : (actual, budget)
                    var figure = ReportFigures.difference(plus, minus)
                    if let v = valueColumn, let b = budgetColumn {
                        let (p, m) = r.direction == .cost ? (b, v) : (v, b)
                        figure.formula = "\(XLSXAddress.cell(row: row, column: p + 1))-\(XLSXAddress.cell(row: row, column: m + 1))"
                    }
                    written[c] = figure
                }
                // A plain number shows the decimals its figures have: a formula cell left in
                // General takes the format of the cell it reads (11,34 would show as 11).
                let plain = format == .number ? ReportFormat.decimalFormat(for: written.values.compactMap { $0.value.number }) : nil
                for (c, column) in columns.enumerated() {
                    let signed = column.measure == .variance || r.isVariance || column.against != nil
                    let own = plain ?? format.numberFormat
                    let numberFormat = signed ? Styles.signed(own) : own
                    let style = try rowStyle(bold: bold, border: bold, numberFormat: numberFormat)
                    guard var figure = written[c] else {
                        if bold { try sheet.writeBlank(row: row, column: c + 1, format: style) }
                        continue
                    }
                    if let link = figure.blankLink, r.comparison == nil, !r.isVariance, !r.isStatus {
                        // Nothing to report stays empty, as the reports print it, not Excel's 0.
                        figure.formula = "IF(ISBLANK(\(link)),\"\",\(figure.formula))"
                        figure.value = .text("")
                    }
                    // A truth value stays TRUE or FALSE: under a number format LibreOffice shows 1 or 0.
                    let isTruth = { if case .bool = figure.value { true } else { false } }()
                    let cellStyle = isTruth ? try rowStyle(bold: bold, border: bold, numberFormat: nil) : style
                    try sheet.writeFormula("=" + figure.formula, result: XLSXFormulaResult(figure.value), row: row, column: c + 1, format: cellStyle)
                    progress.add(1)
                    group[c, default: []].append((row, figure.value, numberFormat))
                }
                groupIsVariance = groupIsVariance && r.isVariance
                if r.isVariance, !columns.isEmpty {
                    try colour(sheet, rows: row...row, columns: 1...columns.count)
                }
                if r.isStatus, !columns.isEmpty {
                    try colourStatus(sheet, row: row, columns: 1...columns.count)
                }
            }
            row += 1
        }
        return row
    }

    private func rowStyle(bold: Bool, border: Bool, numberFormat: String?) throws -> XLSXFormat? {
        try styles.format(XLSXStyle(numberFormat: numberFormat, bold: bold, topBorder: border ? .thin : nil))
    }

    /// Variance columns: green above zero (better than budget), red below.
    private func colourVariances(_ sheet: XLSXWorksheet, _ columns: [SheetColumn], rows: Range<Int>, table: ReportTable) throws {
        guard !rows.isEmpty else { return }
        var c = 0
        while c < columns.count {
            guard columns[c].measure == .variance else { c += 1; continue }
            var end = c
            while end + 1 < columns.count, columns[end + 1].measure == .variance { end += 1 }
            try colour(sheet, rows: rows.lowerBound...(rows.upperBound - 1), columns: (c + 1)...(end + 1))
            c = end + 1
        }
    }

    private func colour(_ sheet: XLSXWorksheet, rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        let good = try styles.book.format(XLSXStyle(fontColor: Self.favourableFont, fillColor: Self.favourableFill))
        let bad = try styles.book.format(XLSXStyle(fontColor: Self.unfavourableFont, fillColor: Self.unfavourableFill))
        try sheet.conditionalFormat(rows: rows, columns: columns, rule: .greaterThan(0), format: good)
        try sheet.conditionalFormat(rows: rows, columns: columns, rule: .lessThan(0), format: bad)
    }

    static let neutralFont: UInt32 = 0x9C5700
    static let neutralFill: UInt32 = 0xFFEB9C

    /// A scorecard's verdicts in the reports' colours: met green, partly met yellow, not met red.
    private func colourStatus(_ sheet: XLSXWorksheet, row: Int, columns: ClosedRange<Int>) throws {
        let cell = XLSXAddress.cell(row: row, column: columns.lowerBound)
        let looks: [(Scorecard.Status, UInt32, UInt32)] = [
            (.met, Self.favourableFont, Self.favourableFill),
            (.partlyMet, Self.neutralFont, Self.neutralFill),
            (.notMet, Self.unfavourableFont, Self.unfavourableFill),
        ]
        for (status, font, fill) in looks {
            let format = try styles.book.format(XLSXStyle(fontColor: font, fillColor: fill))
            try sheet.conditionalFormat(rows: row...row, columns: columns, rule: .formula("=\(cell)=\"\(status.rawValue)\""), format: format)
        }
    }

    // MARK: - Charts

    /// A chart's size: Excel's default 480 × 288 pixels, 10 % wider; its height in 20-pixel rows.
    static let chartScale = (width: 1.1, height: 1.0)
    static let chartWidth = 480 * chartScale.width
    static let chartRows = 15

    /// The rows of a sheet's tables, to show a chart's series as the sheet's row shows them.
    static func rows(of sheet: ReportSheet) -> [ReportRow] {
        sheet.items.flatMap { item -> [ReportRow] in
            guard case .table(let table) = item else { return [] }
            return table.lines.compactMap { if case .row(let r) = $0 { r } else { nil } }
        }
    }

    private func writeChart(_ sheet: XLSXWorksheet, _ spec: ReportChart, scenario k: Int, figures: ReportFigures, rows: [ReportRow],
                            row: Int, column: Int) throws {
        let chart = try styles.book.addChart(spec.kind)
        let grid = plan.grid
        var title = spec.title
        var axisFormat: String?
        // Each series in each scenario the chart names (else the sheet's), labelled by it.
        let shown = spec.scenarios.isEmpty ? [k] : spec.scenarios.compactMap { name in plan.scenarios.firstIndex { $0.name == name } }
        var drawn: [(label: String, cell: ReportCellReference, scenario: Int)] = []
        for series in spec.series {
            for s in shown {
                let name = plan.scenarios[s].label ?? plan.shownName(of: s)
                drawn.append((shown.count > 1 || s != k ? series.label + " — " + name : series.label, series.cell, s))
            }
        }
        for (n, series) in drawn.enumerated() {
            guard let placement = plan.scenarios[series.scenario].placements[series.cell.slot] else { continue }
            let r = placement.firstRow + series.cell.member
            let prefix = XLSXAddress.sheetPrefix(placement.sheet)
            let first = grid.periodColumn(0), last = grid.periodColumn(grid.periodCount - 1)
            let values = "=" + prefix + XLSXAddress.cell(row: r, column: first, absolute: true) + ":" + XLSXAddress.cell(row: r, column: last, absolute: true)
            let categories = "=" + prefix + XLSXAddress.cell(row: Grid.headerRow, column: first, absolute: true) + ":"
                + XLSXAddress.cell(row: Grid.headerRow, column: last, absolute: true)
            let color = Self.seriesColors[n % Self.seriesColors.count]
            try chart.addSeries(values: values, categories: categories, name: series.label,
                                style: XLSXChart.SeriesStyle(color: color, dashed: spec.kind == .line && n % 2 == 1))
            if n == 0 {
                // As the sheet's row of the same cell shows it (tkr), else as its unit gives.
                let format = figures.format(of: rows.first { $0.cell == series.cell } ?? ReportRow(label: "", cell: series.cell))
                // The chart reads the model's own cells: kronor shown as tkr or mnkr by the axis
                // format, each trailing comma a thousand.
                if case .divide(let factor) = figures.scale(of: series.cell.slot, shownAs: format),
                   let thousands = [1_000.0, 1_000_000, 1_000_000_000].firstIndex(of: factor) {
                    axisFormat = (format == .mnkr ? "#,##0.0" : "#,##0") + String(repeating: ",", count: thousands + 1)
                    title += " (\(format.rawValue))"
                } else {
                    axisFormat = format.numberFormat
                }
            }
        }
        try chart.setTitle(title)
        if let axisFormat { try chart.setValueAxisNumberFormat(axisFormat) }
        if model.timeline.granularity == .monthly { try chart.setCategoryAxisNumberFormat("mmm") }
        try chart.placeCategoryLabelsLow()
        try chart.placeLegendBelow()
        try sheet.insertChart(chart, row: row, column: column, widthScale: Self.chartScale.width, heightScale: Self.chartScale.height)
    }

    // MARK: - Print

    private func pageSetup(_ spec: ReportSheet, scenario k: Int, repeat header: Int?) -> XLSXPageSetup {
        var setup = XLSXPageSetup()
        setup.landscape = true
        setup.paper = .a4
        setup.fitToWidth = true
        if let header { setup.repeatRows = header...header }
        let period = reportPeriod.map { ReportLanguage.of(model).periodWords($0, on: model.timeline)["per"] ?? "" } ?? ""
        let scenario = k == 0 ? "" : " — " + (plan.scenarios[k].label ?? plan.scenarios[k].name)
        setup.header = Self.pageHeader(model.name, layout.title ?? spec.title ?? spec.name, period + scenario)
        setup.footer = (Self.clip(spec.name, Self.headerPart), "", "")
        setup.pageNumbers = true
        return setup
    }

    /// The most characters of one part of a page header or footer: a third of an A4
    /// landscape page's width in the default font, so the three parts never run into each other
    /// however long the model's name or the pack's title.
    static let headerPart = 40

    /// Left the model, centre the pack's title, right the period: each clipped to its third.
    static func pageHeader(_ left: String, _ center: String, _ right: String) -> (left: String, center: String, right: String) {
        (clip(left, headerPart), clip(center, headerPart), clip(right, headerPart))
    }

    static func clip(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
