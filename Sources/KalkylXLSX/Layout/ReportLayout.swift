import Kalkyl
import Foundation

/// A board pack's report sheets, resolved against one model: every name is a slot and member,
/// every period an index on the timeline. Made from a layout file (``load(path:model:)``) or,
/// without one, the default report (``standard(for:)``).
public struct ReportLayout: Sendable {
    /// The pack's title, in every page header ("Delårsrapport 1 2021"); nil: "Board pack".
    public var title: String?
    /// The report period's index on the timeline: year-to-date columns run to it.
    public var period: Int?
    public var sheets: [ReportSheet]

    /// The scenarios the sheets show besides base, which the export must evaluate.
    public var scenarios: [String] {
        var seen = Set<String>()
        return sheets.flatMap { sheet in
            var names = [sheet.scenario] + sheet.switchScenarios
            for item in sheet.items {
                switch item {
                case .table(let table): names += table.columns.flatMap { [$0.scenario, $0.against].compactMap { $0 } }
                case .chart(let chart): names += chart.scenarios
                }
            }
            return names
        }.filter { $0 != "base" && seen.insert($0).inserted }
    }
}

/// One report sheet: a title, tables and charts, top to bottom.
public struct ReportSheet: Sendable {
    public var name: String
    public var title: String?
    public var note: String?
    /// The scenario whose sheets the formulas read (`base` or a scenario's name).
    public var scenario: String
    /// With a live switch (`scenarios a, b`): the scenarios a dropdown picks from, the first
    /// (``scenario``) when the file opens; every formula of the sheet follows the pick.
    public var switchScenarios: [String] = []
    public var items: [ReportItem]
}

public enum ReportItem: Sendable {
    case table(ReportTable)
    case chart(ReportChart)
}

/// Rows under one header of columns.
public struct ReportTable: Sendable {
    public var columns: [ReportColumn]
    public var lines: [ReportLine]
}

public struct ReportColumn: Sendable, Equatable {
    public enum Span: Sendable, Equatable {
        case value, months, tertials, year, ytd
        case periods(ClosedRange<Int>)
    }
    public var header: String?
    public var measure: LayoutColumnSyntax.Measure
    public var span: Span
    /// The scenario whose figures the column shows; nil: the sheet's (or its switch's pick).
    public var scenario: String? = nil
    /// With `scenario`, the scenario subtracted: the column is the difference of the two.
    public var against: String? = nil

    public init(header: String? = nil, measure: LayoutColumnSyntax.Measure, span: Span, scenario: String? = nil, against: String? = nil) {
        self.header = header
        self.measure = measure
        self.span = span
        self.scenario = scenario
        self.against = against
    }
}

public enum ReportLine: Sendable {
    case heading(String)
    case blank
    case row(ReportRow)
    /// The sum of the rows above, up to the previous heading or total.
    case total(String)
}

/// A cell of the model: a definition and, over dimensions, one member (an index into its block).
public struct ReportCellReference: Sendable, Equatable {
    public var slot: Int
    public var member: Int
}

/// How a row's figures are shown, whatever the unit of the definition.
public enum ReportFormat: String, Sendable, CaseIterable {
    case mnkr, tkr, kr, percent = "%", persons, fte, number

    /// What one displayed unit is worth in kronor; nil for what is not money.
    var kronor: Double? {
        switch self {
        case .mnkr: 1_000_000
        case .tkr: 1_000
        case .kr: 1
        default: nil
        }
    }

    /// The Excel number format (US form; a Swedish Excel shows `#,##0.0` as `1 234,5`).
    var numberFormat: String {
        switch self {
        case .mnkr, .fte: "#,##0.0"
        case .tkr, .kr, .persons: "#,##0"
        case .percent: "0.0 %"
        case .number: "General"
        }
    }

    /// `#,##0` with as many decimals (up to four) as the figures need to show exactly.
    static func decimalFormat(for figures: [Double]) -> String {
        let decimals = figures.filter(\.isFinite).map { x in
            (0...4).first { d in
                let scaled = x * pow(10, Double(d))
                return abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled))
            } ?? 4
        }.max() ?? 0
        return decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals)
    }

    /// What a unit of the model is worth in kronor: kr, tkr, mnkr (mkr), mdkr.
    static func kronor(ofUnit unit: String?) -> Double? {
        switch unit?.lowercased() {
        case "kr", "sek": 1
        case "tkr": 1_000
        case "mnkr", "mkr", "mn kr": 1_000_000
        case "mdkr": 1_000_000_000
        default: nil
        }
    }
}

/// One row of a table: a model cell (and the cell it is compared with), shown one way.
public struct ReportRow: Sendable {
    /// Variances are actual − budget for revenue (and results), budget − actual for costs:
    /// positive is better. The default is the kind of the line in the model (`cost NAME = …`).
    public enum Direction: String, Sendable { case cost, revenue }
    /// How a row's periods add up; nil decides from the definition as the Calc sheet does.
    public enum Aggregate: String, Sendable { case sum, closing, average }

    public var label: String
    public var cell: ReportCellReference
    public var comparison: ReportCellReference?
    public var direction: Direction = .revenue
    /// nil: decided from the definition's unit and values.
    public var format: ReportFormat?
    public var aggregate: Aggregate?
    /// Bold with a line above: a subtotal the model computes.
    public var isSubtotal = false
    /// The row's own figures are variances (positive is better): signed and coloured.
    public var isVariance = false
    /// The row is a scorecard status: "uppnått" green, "delvis uppnått" yellow, "inte uppnått" red.
    public var isStatus = false
    public var indent = 0
}

/// A chart of series over the months of the timeline.
public struct ReportChart: Sendable {
    public var kind: XLSXChart.Kind
    public var title: String
    public var series: [(label: String, cell: ReportCellReference)]
    /// Each series is drawn in each of these scenarios; empty: in the sheet's.
    public var scenarios: [String] = []
}

extension ReportLayout {
    /// The layout with `{period}`, `{month}`, `{year}` and `{per}` in its titles, notes, column
    /// headers, headings, labels and chart titles written out for the report period, in the
    /// model's language: `"Utfall {period}"` is "Utfall jan–aug" per August, "Utfall jan–sep" a
    /// month later, with no edit of the layout.
    public func writingPeriodWords(model: CheckedModel) -> ReportLayout {
        let t = model.timeline
        guard t.count > 0 else { return self }
        let index = period ?? model.actualsThrough.map { min($0, t.count - 1) } ?? t.count - 1
        let words = ReportLanguage.of(model).periodWords(index, on: t)
        func w(_ text: String) -> String { ReportLanguage.substitute(text, words) }
        var out = self
        out.title = title.map(w)
        for k in out.sheets.indices {
            out.sheets[k].title = out.sheets[k].title.map(w)
            out.sheets[k].note = out.sheets[k].note.map(w)
            for i in out.sheets[k].items.indices {
                switch out.sheets[k].items[i] {
                case .table(var table):
                    for c in table.columns.indices { table.columns[c].header = table.columns[c].header.map(w) }
                    for l in table.lines.indices {
                        switch table.lines[l] {
                        case .heading(let text): table.lines[l] = .heading(w(text))
                        case .total(let text): table.lines[l] = .total(w(text))
                        case .row(var row): row.label = w(row.label); table.lines[l] = .row(row)
                        default: break
                        }
                    }
                    out.sheets[k].items[i] = .table(table)
                case .chart(var chart):
                    chart.title = w(chart.title)
                    out.sheets[k].items[i] = .chart(chart)
                }
            }
        }
        return out
    }
}
