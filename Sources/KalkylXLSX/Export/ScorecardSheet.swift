import Kalkyl

/// The Scorecard sheet (styrkort): a section per scenario, each a table of the measures under
/// their perspectives, then the number of measures per status and perspective. As in the
/// reports, the status (måluppfyllelse) is followed by the trend (utveckling), an arrow.
///
/// Baseline, target, partial rule and outcome link to the model's cells; the status is a live
/// formula over the row's own cells, the rule the model states (`=IF(I6<=E6,"uppnått",…)`),
/// and the counts are `COUNTIF`s over a perspective's statuses. Statuses are coloured as the
/// reports colour them: uppnått green, delvis uppnått yellow, inte uppnått red. Change an
/// outcome in the workbook and its status and the counts follow.
struct ScorecardSheet {
    let plan: ExportPlan
    let styles: Styles
    let scorecard: Scorecard

    var model: CheckedModel { plan.model }

    /// The table's columns.
    enum Column: Int, CaseIterable {
        case measure, rule, baseline, target, targetHigh, partial, partialHigh, outcome, status, trend

        var letter: String { XLSXAddress.columnName(rawValue) }
    }

    static let metFill: UInt32 = 0xC6EFCE, metFont: UInt32 = 0x006100
    static let partlyFill: UInt32 = 0xFFEB9C, partlyFont: UInt32 = 0x9C5700
    static let notMetFill: UInt32 = 0xFFC7CE, notMetFont: UInt32 = 0x9C0006

    func write(_ sheet: XLSXWorksheet) throws {
        try sheet.setRowHeight(0, height: 21)
        try sheet.writeString(plan.words.scorecardTitle, row: 0, column: 0, format: styles.title())
        try sheet.writeString(plan.words.scorecardNote, row: 1, column: 0, format: styles.note())
        let labels = scorecard.measures.map { ($0.label ?? $0.name).count + 2 }
        try sheet.setColumnWidth(0...0, width: Double(min(60, max(28, labels.max() ?? 0))))
        try sheet.setColumnWidth(1...1, width: 26)
        try sheet.setColumnWidth(2...7, width: 14)
        try sheet.setColumnWidth(8...8, width: 16)
        try sheet.setColumnWidth(9...9, width: 8)
        var page = XLSXPageSetup()
        page.landscape = true
        page.fitToWidth = true
        page.footer = ("Scorecard", "", "")
        page.pageNumbers = true
        try sheet.setPageSetup(page)
        var row = 3
        for k in plan.scenarios.indices {
            row = try writeSection(sheet, scenario: k, row: row) + 2
        }
    }

    /// One scenario's table and counts from `row`; returns the last row written.
    func writeSection(_ sheet: XLSXWorksheet, scenario k: Int, row start: Int) throws -> Int {
        let s = plan.scenarios[k]
        var row = start
        try sheet.writeString(plan.shownName(of: k) + (s.label.map { ": " + $0 } ?? ""), row: row, column: 0, format: styles.bold())
        row += 1
        let header = try styles.header()
        let headerRight = try styles.header(alignment: .right)
        let statusHeader = try styles.header(alignment: .center)
        for c in Column.allCases {
            let centered = c == .status || c == .trend
            try sheet.writeString(plan.words.scorecardColumns[c.rawValue], row: row, column: c.rawValue,
                                  format: centered ? statusHeader : c.rawValue >= Column.baseline.rawValue ? headerRight : header)
        }
        row += 1
        let perspectiveFormat = try styles.text(bold: true)
        let measureFormat = try styles.text(indent: 1)
        let statusFormat = try styles.book.format(XLSXStyle(alignment: .center))
        var statusRows: [ClosedRange<Int>?] = []
        for (p, perspective) in scorecard.perspectives.enumerated() {
            try sheet.writeString(perspective, row: row, column: 0, format: perspectiveFormat)
            row += 1
            let first = row
            for m in scorecard.measures where m.perspective == p {
                try sheet.writeString(m.label ?? m.name, row: row, column: Column.measure.rawValue, format: measureFormat)
                try sheet.writeString(rule(m), row: row, column: Column.rule.rawValue)
                let parts: [(Column, Int?)] = [(.baseline, m.slots.baseline), (.target, m.slots.target), (.targetHigh, m.slots.targetHigh),
                                               (.partial, m.slots.partial), (.partialHigh, m.slots.partialHigh), (.outcome, m.slots.outcome)]
                for case (let column, let slot?) in parts {
                    try link(sheet, slot: slot, scenario: k, row: row, column: column.rawValue)
                }
                let status = s.evaluation.values(of: m.slots.status)[0]
                try sheet.writeFormula(statusFormula(m, row: row, scenario: k), result: XLSXFormulaResult(status),
                                       row: row, column: Column.status.rawValue, format: statusFormat)
                if let trend = m.slots.trend {
                    // Utveckling: the outcome against the baseline, as the model's NAME.trend.
                    let (o, b) = (Column.outcome.letter + String(row + 1), Column.baseline.letter + String(row + 1))
                    try sheet.writeFormula("=IF(\(o)>\(b),\"↑\",IF(\(o)<\(b),\"↓\",\"→\"))", result: XLSXFormulaResult(s.evaluation.values(of: trend)[0]),
                                           row: row, column: Column.trend.rawValue, format: statusFormat)
                }
                row += 1
            }
            statusRows.append(row > first ? first...(row - 1) : nil)
        }
        let statusColumn = Column.status.rawValue
        if row > start + 2 { try colour(sheet, rows: (start + 2)...(row - 1), columns: statusColumn...statusColumn) }

        // The counts: a row per perspective, a column per status.
        row += 1
        try sheet.writeString(plan.words.measuresPerStatus, row: row, column: 0, format: header)
        for (j, status) in Scorecard.Status.allCases.enumerated() {
            try sheet.writeString(status.rawValue, row: row, column: 1 + j, format: headerRight)
        }
        try colour(sheet, rows: row...row, columns: 1...Scorecard.Status.allCases.count)
        row += 1
        let countFormat = try styles.book.format(XLSXStyle(numberFormat: "0"))
        for (p, perspective) in scorecard.perspectives.enumerated() {
            try sheet.writeString(perspective, row: row, column: 0, format: measureFormat)
            for (j, status) in Scorecard.Status.allCases.enumerated() {
                let count = s.evaluation.values(of: scorecard.counts[p][j])[0]
                if let rows = statusRows[p] {
                    let range = Column.status.letter + String(rows.lowerBound + 1) + ":" + Column.status.letter + String(rows.upperBound + 1)
                    try sheet.writeFormula("=COUNTIF(\(range),\"\(status.rawValue)\")", result: XLSXFormulaResult(count),
                                           row: row, column: 1 + j, format: countFormat)
                } else {
                    try sheet.writeNumber(0, row: row, column: 1 + j, format: countFormat)
                }
            }
            row += 1
        }
        return row - 1
    }

    /// A link to a part of a measure, in the scenario's cell, with the part's number format.
    func link(_ sheet: XLSXWorksheet, slot: Int, scenario k: Int, row: Int, column: Int) throws {
        let s = plan.scenarios[k]
        guard let placement = s.placements[slot] else { return }
        let target = placement.definedName
            ?? XLSXAddress.sheetPrefix(placement.sheet) + XLSXAddress.cell(row: placement.firstRow, column: plan.grid.value, absolute: true)
        let values = s.evaluation.values(of: slot)
        let format = Styles.numberFormat(for: model.definitions[slot], values: [values[0]], timeline: model.timeline)
        try sheet.writeFormula("=" + target, result: XLSXFormulaResult(values[0]), row: row, column: column, format: try styles.cell(format, .link))
    }

    /// The rule as the model writes it: `at most`, `increase; partial within`, `assessed`.
    func rule(_ m: Scorecard.Measure) -> String {
        switch m.partial {
        case .none: m.direction.keyword
        case .within: m.direction.keyword + "; partial within"
        case .bound(let d): m.direction.keyword + "; partial " + d.keyword
        }
    }

    /// The status over the row's cells, the same rule as the model's status formula.
    func statusFormula(_ m: Scorecard.Measure, row: Int, scenario k: Int) -> String {
        func cell(_ c: Column) -> String { c.letter + String(row + 1) }
        let outcome = cell(.outcome)
        if m.direction == .assessed {
            // The controller's own assessment: the model's cell.
            let s = plan.scenarios[k]
            let placement = s.placements[m.slots.status]
            let target = placement?.definedName ?? placement.map {
                XLSXAddress.sheetPrefix($0.sheet) + XLSXAddress.cell(row: $0.firstRow, column: plan.grid.value, absolute: true)
            } ?? "\"\""
            return "=" + target
        }
        guard m.slots.outcome != nil else { return "=\"\"" }
        /// The comparison of a direction with bounds in `low` and `high`, widened by `band`.
        func test(_ d: Scorecard.Direction, low: String, high: String, band: String?) -> String {
            func minus(_ b: String) -> String { band.map { "\(b)-\($0)" } ?? b }
            func plus(_ b: String) -> String { band.map { "\(b)+\($0)" } ?? b }
            switch d {
            case .atLeast: return "\(outcome)>=\(minus(low))"
            case .above: return "\(outcome)>\(minus(low))"
            case .atMost: return "\(outcome)<=\(plus(low))"
            case .below: return "\(outcome)<\(plus(low))"
            case .increase: return band == nil ? "\(outcome)>\(cell(.baseline))" : "\(outcome)>=\(minus(cell(.baseline)))"
            case .decrease: return band == nil ? "\(outcome)<\(cell(.baseline))" : "\(outcome)<=\(plus(cell(.baseline)))"
            case .between: return "AND(\(outcome)>=\(minus(low)),\(outcome)<=\(plus(high)))"
            case .assessed: return "FALSE"
            }
        }
        let met = test(m.direction, low: cell(.target), high: cell(.targetHigh), band: nil)
        let otherwise: String
        switch m.partial {
        case .none:
            otherwise = "\"\(Scorecard.Status.notMet.rawValue)\""
        case .within:
            let partly = test(m.direction, low: cell(.target), high: cell(.targetHigh), band: cell(.partial))
            otherwise = "IF(\(partly),\"\(Scorecard.Status.partlyMet.rawValue)\",\"\(Scorecard.Status.notMet.rawValue)\")"
        case .bound(let d):
            let partly = test(d, low: cell(.partial), high: cell(.partialHigh), band: nil)
            otherwise = "IF(\(partly),\"\(Scorecard.Status.partlyMet.rawValue)\",\"\(Scorecard.Status.notMet.rawValue)\")"
        }
        return "=IF(\(met),\"\(Scorecard.Status.met.rawValue)\",\(otherwise))"
    }

    /// Cells equal to a status take its colour.
    func colour(_ sheet: XLSXWorksheet, rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        let topLeft = XLSXAddress.cell(row: rows.lowerBound, column: columns.lowerBound)
        let looks: [(Scorecard.Status, UInt32, UInt32)] = [
            (.met, Self.metFont, Self.metFill), (.partlyMet, Self.partlyFont, Self.partlyFill), (.notMet, Self.notMetFont, Self.notMetFill),
        ]
        for (status, font, fill) in looks {
            let format = try styles.book.format(XLSXStyle(fontColor: font, fillColor: fill))
            try sheet.conditionalFormat(rows: rows, columns: columns, rule: .formula("=\(topLeft)=\"\(status.rawValue)\""), format: format)
        }
    }
}
