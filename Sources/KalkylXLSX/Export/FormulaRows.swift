import Kalkyl

/// One formula definition's rows on a model sheet, made into cells (``CellBatch``): each row's
/// labels, a formula per period (or one in the value column) with Kalkyl's value cached, and
/// the tertial and year totals. Everything in it is decided before the first row, so that rows
/// can be rendered on another thread than the one that writes them (`RenderedAhead`); it reads
/// the plan and the values and never the workbook.
struct FormulaRows {
    /// The formats a batch of these rows is written with, by the index its cells carry.
    enum FormatIndex {
        static let none: UInt8 = 0
        static let label: UInt8 = 1
        static let formula: UInt8 = 2
        static let total: UInt8 = 3
    }

    let slot: Int
    let members: Int
    let firstRow: Int
    private let isSeries: Bool
    private let template: FormulaTemplate
    private let values: Column
    private let labels: ModelSheets.RowLabels
    private let totals: ModelSheets.TotalFormulas?
    private let forecasts: [Int: Int]
    private let actualsThrough: Int?
    private let model: CheckedModel
    private let grid: Grid

    /// The rows of `slot` for scenario k on the sheet called `sheet`; nil when the definition
    /// has no place there. Throws what the formula compiler throws.
    init?(plan: ExportPlan, formats: ModelSheets.Formats, slot: Int, scenario k: Int, sheet: String, unit: String?) throws {
        let s = plan.scenarios[k]
        let model = plan.model
        let d = model.definitions[slot]
        guard let placement = s.placements[slot] else { return nil }
        let compiler = FormulaCompiler(model: model, grid: plan.grid, placements: s.placements, sheet: sheet)
        template = try compiler.compile(slot)
        values = s.evaluation.values(of: slot)
        self.slot = slot
        self.model = model
        grid = plan.grid
        members = model.memberCount(of: slot)
        firstRow = placement.firstRow
        isSeries = d.isSeries
        let kind = d.isCheck ? TotalKind.none : formats.totals[slot]
        totals = kind == .none ? nil : ModelSheets.TotalFormulas(kind: kind, grid: plan.grid)
        forecasts = formats.forecastOf[slot]
        actualsThrough = model.actualsThrough
        labels = ModelSheets.RowLabels(d, model: model, unit: unit)
    }

    /// Member m's row, appended to `batch`; `bytes` and `periodValues` are scratch.
    func render(member m: Int, into batch: inout CellBatch, periodValues: inout [Value]) {
        let row = firstRow + m
        labels.append(to: &batch, model: model, grid: grid, slot: slot, member: m, row: row, labelFormat: FormatIndex.label)
        guard isSeries else {
            batch.appendFormula(result: XLSXFormulaResult(values[m]), row: row, column: grid.value, format: FormatIndex.formula) { out in
                template.render(period: 0, member: m, grid: grid, into: &out)
            }
            batch.formulaCells += 1
            return
        }
        let forecast = forecasts.isEmpty ? nil : forecasts[m]
        for p in 0..<grid.periodCount {
            batch.appendFormula(result: XLSXFormulaResult(values[p * members + m]), row: row, column: grid.periodColumn(p),
                                format: FormatIndex.formula) { out in
                if let actual = forecast, let closed = actualsThrough, p <= closed {
                    out.append(UInt8(ascii: "="))
                    grid.appendColumn(p, absolute: false, to: &out)
                    FormulaTemplate.appendNumber(firstRow + actual + 1, &out)
                } else {
                    template.render(period: p, member: m, grid: grid, into: &out)
                }
            }
        }
        if let totals {
            periodValues.removeAll(keepingCapacity: true)
            for p in 0..<grid.periodCount { periodValues.append(values[p * members + m]) }
            for (k, group) in grid.totals.enumerated() {
                let value = totals.kind.value(of: Array(periodValues[group.periods]))
                batch.appendFormula(result: XLSXFormulaResult(value), row: row, column: grid.totalColumn(k), format: FormatIndex.total) { out in
                    totals.append(group: k, row: row, to: &out)
                }
            }
        }
        batch.formulaCells += grid.periodCount
    }
}
