import Kalkyl

/// The sheets that report on the model: the checks, the scenario comparison and the cover.
struct ReportSheets {
    let sheets: ModelSheets

    var plan: ExportPlan { sheets.plan }
    var model: CheckedModel { plan.model }
    var grid: Grid { plan.grid }
    var styles: Styles { sheets.styles }

    // MARK: - Checks

    /// Every check as a live formula, a section per scenario. The Holds column is TRUE when
    /// every cell of the check is TRUE (or a number other than 0), as `kalkyl check` reads it;
    /// each section's title counts the rows that do not hold.
    func writeChecks(_ sheet: XLSXWorksheet) throws {
        let words = plan.words
        try sheets.writeFrame(sheet, title: words.checksTitle, note: words.checksNote, unitHeader: words.holdsHeader,
                              sourceHeader: words.kalkylFormula, slots: plan.checkSlots, withTotals: false)
        let boolFormat = try styles.book.format(XLSXStyle(alignment: .center))
        let countFormat = try styles.book.format(XLSXStyle(numberFormat: "0", bold: true, fillColor: Styles.headerFill, alignment: .center))
        for k in plan.scenarios.indices {
            let s = plan.scenarios[k]
            guard let titleRow = s.checksTitleRow else { continue }
            var failing = 0
            for slot in plan.checkSlots {
                try sheets.writeFormulaRows(sheet, slot: slot, scenario: k)
                guard let placement = s.placements[slot] else { continue }
                let d = model.definitions[slot]
                let values = s.evaluation.values(of: slot)
                let members = model.memberCount(of: slot)
                for m in 0..<members {
                    let row = placement.firstRow + m
                    let r = String(row + 1)
                    let formula: String
                    var holds = true
                    if d.isSeries {
                        let cells = grid.periodColumnNames[0] + r + ":" + grid.periodColumnNames[grid.periodCount - 1] + r
                        formula = "=IFERROR(AND(\(cells),SUMPRODUCT(--ISTEXT(\(cells)))=0),FALSE)"
                        for p in 0..<grid.periodCount where !Self.holds(values[p * members + m]) { holds = false }
                    } else {
                        formula = "=IFERROR(AND(\(XLSXAddress.columnName(grid.value))\(r)),FALSE)"
                        holds = Self.holds(values[m])
                    }
                    if !holds { failing += 1 }
                    try sheet.writeFormula(formula, result: .bool(holds), row: row, column: grid.unit, format: boolFormat)
                }
            }
            let title = plan.shownName(of: k) + (s.label.map { ": " + $0 } ?? "") + " — " + words.checksThatFail
            try sheet.writeString(title, row: titleRow, column: grid.label, format: styles.bold())
            let column = XLSXAddress.columnName(grid.unit)
            let count = "=SUMPRODUCT(--NOT(\(column)\(s.checkRows.lowerBound + 1):\(column)\(s.checkRows.upperBound)))"
            try sheet.writeFormula(count, result: .number(Double(failing)), row: titleRow, column: grid.unit, format: countFormat)
        }
    }

    /// Whether a check's cell holds, as `kalkyl check` decides: TRUE, or a number other than 0.
    static func holds(_ v: Value) -> Bool {
        switch v {
        case .bool(let b): b
        case .number(let x): x != 0
        default: false
        }
    }

    /// The cell on the Checks sheet that counts one scenario's failing checks: `Checks!$D$4`.
    func failingChecksCell(_ k: Int) -> String? {
        guard let sheet = plan.checksSheet, let row = plan.scenarios[k].checksTitleRow else { return nil }
        return XLSXAddress.sheetPrefix(sheet) + XLSXAddress.cell(row: row, column: grid.unit, absolute: true)
    }

    func failingChecks(_ k: Int) -> Int {
        let s = plan.scenarios[k]
        var failing = 0
        for slot in plan.checkSlots {
            let d = model.definitions[slot]
            let values = s.evaluation.values(of: slot)
            let members = model.memberCount(of: slot)
            for m in 0..<members {
                let periods = d.isSeries ? grid.periodCount : 1
                if (0..<periods).contains(where: { !Self.holds(values[$0 * members + m]) }) { failing += 1 }
            }
        }
        return failing
    }

    // MARK: - Comparison

    /// Base and every scenario side by side, each row linked to its own sheet, and for numbers
    /// the difference from base. First the inputs a scenario changes, then every formula.
    func writeComparison(_ sheet: XLSXWorksheet) throws {
        let changedInputs = plan.inputSlots.filter { slot in
            plan.scenarios.dropFirst().contains { s in s.scenario?.assignments.contains { $0.slot == slot } ?? false }
        }
        let slots = changedInputs + plan.formulaSlots
        try sheets.writeFrame(sheet, title: plan.words.comparisonTitle, note: plan.words.comparisonNote,
                              sourceHeader: plan.words.kalkylFormula, slots: slots, withTotals: true)
        let heading = try styles.text(bold: true)
        let scenarioLabel = try styles.text(indent: 1)
        let differenceLabel = try styles.format(XLSXStyle(italic: true, indent: 1))
        var row = Grid.firstDataRow
        for slot in slots {
            let members = model.memberCount(of: slot)
            let columns = linkedColumns(slot)
            let numberFormat = sheets.formats.numberFormat[slot]
            let link = try styles.cell(numberFormat, .link)
            let difference = try styles.cell(model.definitions[slot].showsPeriod ? "0" : Styles.signed(numberFormat), .formula)
            let values = plan.scenarios.map { $0.evaluation.values(of: slot) }
            let numeric = values.allSatisfy { column in (0..<column.count).allSatisfy { column[$0].isNumeric } }
            for m in 0..<members {
                try sheets.writeRowLabels(sheet, slot: slot, member: m, row: row, labelFormat: heading)
                row += 1
                let baseRow = row
                for (k, s) in plan.scenarios.enumerated() {
                    guard let placement = s.placements[slot] else { continue }
                    try sheet.writeString(plan.shownName(of: k), row: row, column: grid.label, format: scenarioLabel)
                    for (column, kind) in columns {
                        let value = cellValue(kind, values[k], member: m, members: members)
                        let target: String
                        if case .value = kind, let name = placement.definedName {
                            target = name
                        } else {
                            target = XLSXAddress.sheetPrefix(placement.sheet) + XLSXAddress.cell(row: placement.firstRow + m, column: column)
                        }
                        try sheet.writeFormula("=" + target, result: XLSXFormulaResult(value), row: row, column: column, format: link)
                    }
                    sheets.progress.add(columns.count)
                    row += 1
                }
                guard numeric else { row += 1; continue }
                for k in plan.scenarios.indices.dropFirst() {
                    try sheet.writeString("\(plan.shownName(of: k)) − \(plan.shownName(of: 0))", row: row, column: grid.label, format: differenceLabel)
                    for (column, kind) in columns {
                        let a = cellValue(kind, values[k], member: m, members: members)
                        let b = cellValue(kind, values[0], member: m, members: members)
                        let change = Operators.binary(.subtract, a == .blank ? .number(0) : a, b == .blank ? .number(0) : b)
                        let name = XLSXAddress.columnName(column)
                        try sheet.writeFormula("=\(name)\(baseRow + k + 1)-\(name)\(baseRow + 1)", result: XLSXFormulaResult(change),
                                               row: row, column: column, format: difference)
                    }
                    sheets.progress.add(columns.count)
                    row += 1
                }
                row += 1
            }
        }
    }

    private enum Linked { case value, period(Int), total(TotalGroup, TotalKind) }

    /// The columns of a definition's row that hold something, and what.
    private func linkedColumns(_ slot: Int) -> [(Int, Linked)] {
        let d = model.definitions[slot]
        guard d.isSeries else { return [(grid.value, .value)] }
        var columns = (0..<grid.periodCount).map { (grid.periodColumn($0), Linked.period($0)) }
        let kind = d.isInput ? TotalKind.none : sheets.formats.totals[slot]
        if kind != .none {
            columns += grid.totals.enumerated().map { (grid.totalColumn($0.offset), Linked.total($0.element, kind)) }
        }
        return columns
    }

    private func cellValue(_ kind: Linked, _ column: Column, member m: Int, members: Int) -> Value {
        switch kind {
        case .value: return column[m]
        case .period(let p): return column[p * members + m]
        case .total(let group, let totalKind): return totalKind.value(of: group.periods.map { column[$0 * members + m] })
        }
    }
}
