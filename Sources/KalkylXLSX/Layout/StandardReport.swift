import Foundation
import Kalkyl

extension ReportLayout {
    /// The most members of one definition the default report lists.
    public static let maxMembers = 50

    /// The report of a model without a layout: one sheet, "Report", with every formula of the
    /// model in model order, labelled, in the number format of its unit (kronor in mnkr when the
    /// figures run to millions). Series come first, a column per period with the tertial and year
    /// totals, then the single values in one column; a definition over dimensions has a row per
    /// member under its label, up to ``maxMembers`` members (a longer list, such as one row per
    /// employee, stays on the Calc sheet).
    public static func standard(for model: CheckedModel) -> ReportLayout {
        let words = BoardPackWords.of(model)
        var series: [ReportLine] = []
        var singles: [ReportLine] = []
        for (slot, d) in model.definitions.enumerated() where !d.isInput && !d.isCheck {
            let members = model.memberCount(of: slot)
            let label = d.label ?? d.name
            var lines: [ReportLine] = []
            let isStatus = model.scorecard?.measures.contains { $0.slots.status == slot } ?? false
            if members == 1 {
                var row = ReportRow(label: label, cell: ReportCellReference(slot: slot, member: 0))
                row.isStatus = isStatus
                lines.append(.row(row))
            } else if members > maxMembers {
                // A list of employees is for the Calc sheet; the report shows what sums it up.
                lines.append(.heading("\(label): " + words.rowsOnCalc(members)))
            } else {
                lines.append(.heading(label))
                for m in 0..<members {
                    var row = ReportRow(label: model.memberTitles(of: slot, member: m).joined(separator: ", "),
                                        cell: ReportCellReference(slot: slot, member: m))
                    row.indent = 1
                    lines.append(.row(row))
                }
            }
            if d.isSeries { series += lines } else { singles += lines }
        }
        var items: [ReportItem] = []
        if !series.isEmpty {
            let columns: [ReportColumn] = model.timeline.granularity == .monthly
                ? [.init(measure: .value, span: .months), .init(measure: .value, span: .tertials), .init(measure: .value, span: .year)]
                : [.init(measure: .value, span: .months)]
            items.append(.table(ReportTable(columns: columns, lines: series)))
        }
        if !singles.isEmpty {
            items.append(.table(ReportTable(columns: [ReportColumn(header: words.value, measure: .value, span: .value)], lines: singles)))
        }
        let sheet = ReportSheet(name: "Report", title: model.name, note: words.reportNote, scenario: "base", items: items)
        return ReportLayout(title: nil, period: nil, sheets: [sheet])
    }
}
