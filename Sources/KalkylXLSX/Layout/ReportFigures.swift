import Kalkyl

/// The formula and value of one report figure: a model cell, or a total of its periods, read
/// from the scenario's Inputs or Calc sheet and shown in the row's unit.
struct ReportFigures {
    struct Figure {
        /// Without the leading `=`.
        var formula: String
        var value: Value
        /// The cell linked to, when the figure is one link to a cell the model leaves blank:
        /// a report shows it empty, as the printed table does, not as Excel's 0.
        var blankLink: String? = nil
    }

    let plan: ExportPlan
    let formats: ModelSheets.Formats
    /// Indices into `plan.scenarios`: the one the sheet shows, or with a live switch all it
    /// picks from, the one shown when the file opens first.
    let scenarios: [Int]
    /// With a switch, the cell that holds the picked scenario's position in `scenarios`.
    let switchIndex: String?

    var model: CheckedModel { plan.model }
    /// The scenario whose values are cached.
    var scenario: Int { scenarios[0] }

    /// The figure of `cell` over `periods` (nil: a single value's cell), or nil when there is
    /// nothing to show: a single value in a period column, or a total that means nothing (of
    /// percentages, say). With a switch, `CHOOSE(index, figure in each scenario…)`.
    func figure(_ cell: ReportCellReference, periods: ClosedRange<Int>?, aggregate: TotalKind, scale: Scale) -> Figure? {
        guard let switchIndex, scenarios.count > 1 else {
            return figure(cell, periods: periods, aggregate: aggregate, scale: scale, in: scenario)
        }
        var each: [Figure] = []
        for k in scenarios {
            guard let f = figure(cell, periods: periods, aggregate: aggregate, scale: scale, in: k) else { return nil }
            each.append(f)
        }
        return Figure(formula: "CHOOSE(\(switchIndex),\(each.map(\.formula).joined(separator: ",")))", value: each[0].value)
    }

    private func figure(_ cell: ReportCellReference, periods: ClosedRange<Int>?, aggregate: TotalKind, scale: Scale, in scenario: Int) -> Figure? {
        let s = plan.scenarios[scenario]
        let d = model.definitions[cell.slot]
        guard let placement = s.placements[cell.slot] else { return nil }
        let values = s.evaluation.values(of: cell.slot)
        let members = model.memberCount(of: cell.slot)
        let row = placement.firstRow + cell.member
        let prefix = XLSXAddress.sheetPrefix(placement.sheet)
        var formula: String
        var value: Value
        if !d.isSeries {
            guard periods == nil else { return nil }
            formula = placement.definedName ?? prefix + XLSXAddress.cell(row: row, column: plan.grid.value, absolute: true)
            value = values[cell.member]
        } else {
            guard let periods else { return nil }
            let first = prefix + XLSXAddress.cell(row: row, column: plan.grid.periodColumn(periods.lowerBound))
            let last = prefix + XLSXAddress.cell(row: row, column: plan.grid.periodColumn(periods.upperBound))
            let cells = periods.map { values[$0 * members + cell.member] }
            if periods.count == 1 {
                formula = first
                value = cells[0]
            } else {
                guard aggregate != .none else { return nil }
                formula = aggregate.formula(first: first, last: aggregate == .closing ? last
                                            : XLSXAddress.cell(row: row, column: plan.grid.periodColumn(periods.upperBound)))
                value = aggregate.value(of: cells)
            }
        }
        // A link to a blank cell is 0 in Excel.
        let blankLink = value == .blank && (periods?.count ?? 1) == 1 ? formula : nil
        if value == .blank { value = .number(0) }
        switch scale {
        case .none: break
        case .divide(let by):
            formula += "/" + Self.integer(by)
            value = Operators.binary(.divide, value, .number(by))
        case .multiply(let by):
            formula += "*" + Self.integer(by)
            value = Operators.binary(.multiply, value, .number(by))
        }
        return Figure(formula: formula, value: value, blankLink: blankLink)
    }

    /// The figures of a column that shows a scenario of its own (or the difference of two):
    /// read from that scenario's sheets whatever the sheet shows or its switch picks.
    func figure(_ cell: ReportCellReference, periods: ClosedRange<Int>?, aggregate: TotalKind, scale: Scale,
                scenario name: String?, against: String?) -> Figure? {
        guard let name else { return figure(cell, periods: periods, aggregate: aggregate, scale: scale) }
        guard let k = plan.scenarios.firstIndex(where: { $0.name == name }),
              let a = figure(cell, periods: periods, aggregate: aggregate, scale: scale, in: k) else { return nil }
        guard let against else { return a }
        guard let j = plan.scenarios.firstIndex(where: { $0.name == against }),
              let b = figure(cell, periods: periods, aggregate: aggregate, scale: scale, in: j) else { return nil }
        return Self.difference(a, b)
    }

    /// `a - b` of two figures, as a formula of their formulas.
    static func difference(_ a: Figure, _ b: Figure) -> Figure {
        Figure(formula: "(\(a.formula))-(\(b.formula))", value: Operators.binary(.subtract, a.value, b.value))
    }

    /// How a row's periods add up: as the layout says, else as the model's totals do (the Calc
    /// sheet's; an input's by its declaration and unit).
    func aggregate(_ row: ReportRow) -> TotalKind {
        switch row.aggregate {
        case .sum?: return .sum
        case .closing?: return .closing
        case .average?: return .average
        case nil: break
        }
        return formats.totals[row.cell.slot]
    }

    /// From the definition's unit to the row's: kronor to mnkr divides by 1,000,000.
    enum Scale: Equatable {
        case none, divide(Double), multiply(Double)
    }

    func scale(of slot: Int, shownAs format: ReportFormat) -> Scale {
        guard let shown = format.kronor, let own = ReportFormat.kronor(ofUnit: model.definitions[slot].unit), shown != own else { return .none }
        return shown > own ? .divide(shown / own) : .multiply(own / shown)
    }

    /// The row's format: as the layout says, else from the unit (kronor that run to millions in mnkr).
    func format(of row: ReportRow) -> ReportFormat {
        if let format = row.format { return format }
        let d = model.definitions[row.cell.slot]
        switch d.unit?.lowercased() {
        case "kr", "sek":
            let values = plan.scenarios[scenario].evaluation.values(of: row.cell.slot).values
            let largest = values.compactMap(\.number).map(abs).max() ?? 0
            return largest >= 1_000_000 ? .mnkr : .kr
        case "tkr": return .tkr
        case "mnkr", "mkr", "mn kr": return .mnkr
        case "%": return .percent
        case "fte", "åa", "årsarbetare": return .fte
        case "persons", "person", "pers", "st":
            let values = plan.scenarios[scenario].evaluation.values(of: row.cell.slot).values
            return values.compactMap(\.number).allSatisfy { $0 == $0.rounded() } ? .persons : .fte
        default: return .number
        }
    }

    static func integer(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
