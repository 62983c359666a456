import Kalkyl

/// A column of a report table on the sheet: one header, one measure, one stretch of periods.
/// A layout's `months` becomes a column per period, `tertials` one per tertial.
struct SheetColumn {
    enum Header {
        case text(String)
        /// A period's date, shown as its month.
        case period(Int)
    }

    var header: Header
    var measure: LayoutColumnSyntax.Measure
    /// The periods the column adds up, or for `value`, the report period.
    var periods: ClosedRange<Int>?
    /// A `value` column: a single value shows here, a series its value in the report period.
    var isValue: Bool
    /// The scenario whose figures it shows (nil: the sheet's), and the one subtracted from it.
    var scenario: String? = nil
    var against: String? = nil

    /// The columns of a table, in order.
    static func expand(_ columns: [ReportColumn], model: CheckedModel, reportPeriod: Int?) -> [SheetColumn] {
        let t = model.timeline
        let groups = TotalGroup.groups(of: t)
        let report = reportPeriod
        let words = BoardPackWords.of(model)
        var out: [SheetColumn] = []
        for c in columns {
            let start = out.count
            defer {
                for k in start..<out.count {
                    out[k].scenario = c.scenario
                    out[k].against = c.against
                }
            }
            func named(_ fallback: String) -> Header {
                guard let header = c.header else {
                    // Without a header, the scenario leads: "stopp 2024", "stopp − base 2024".
                    let scenario = c.scenario.map { $0 + (c.against.map { " − " + $0 } ?? "") + " " } ?? ""
                    switch c.measure {
                    case .value: return .text(scenario + fallback)
                    case .budget: return .text(scenario + words.budget + " " + fallback)
                    case .variance: return .text(scenario + words.variance + " " + fallback)
                    }
                }
                return .text(header)
            }
            switch c.span {
            case .value:
                out.append(SheetColumn(header: named(report.map { t.label($0) } ?? words.value), measure: c.measure,
                                       periods: report.map { $0...$0 }, isValue: true))
            case .months:
                for p in 0..<t.count {
                    out.append(SheetColumn(header: .period(p), measure: c.measure, periods: p...p, isValue: false))
                }
            case .tertials:
                guard let report else { continue }
                for g in groups where !g.isYear && yearOf(g, groups) == yearOf(report, groups) {
                    out.append(SheetColumn(header: c.header.map(Header.text) ?? named(g.title), measure: c.measure, periods: g.periods, isValue: false))
                }
            case .year:
                guard let report else { continue }
                if t.granularity == .monthly, let g = groups.first(where: { $0.isYear && $0.periods.contains(report) }) {
                    out.append(SheetColumn(header: named(g.title), measure: c.measure, periods: g.periods, isValue: false))
                } else {
                    out.append(SheetColumn(header: named(t.label(report)), measure: c.measure, periods: report...report, isValue: false))
                }
            case .ytd:
                guard let report else { continue }
                let start = t.fiscalYearStartIndex(of: report)
                let title = start == report ? t.label(report) : "\(t.label(start)) – \(t.label(report))"
                out.append(SheetColumn(header: named(title), measure: c.measure, periods: start...report, isValue: false))
            case .periods(let range):
                let title = range.count == 1 ? t.label(range.lowerBound) : "\(t.label(range.lowerBound)) – \(t.label(range.upperBound))"
                out.append(SheetColumn(header: named(title), measure: c.measure, periods: range, isValue: false))
            }
        }
        return out
    }

    /// The year group a tertial or a period lies in.
    private static func yearOf(_ g: TotalGroup, _ groups: [TotalGroup]) -> Int? {
        groups.firstIndex { $0.isYear && $0.periods.contains(g.periods.lowerBound) }
    }

    private static func yearOf(_ p: Int, _ groups: [TotalGroup]) -> Int? {
        groups.firstIndex { $0.isYear && $0.periods.contains(p) }
    }

    /// The same periods, so that a variance column can subtract the cells of its table.
    func covers(_ other: SheetColumn) -> Bool {
        periods == other.periods && isValue == other.isValue && scenario == other.scenario && against == nil && other.against == nil
    }
}
