extension DiffReport {
    /// `diff --format table`, for people: a section per definition, a row per cell. `toLabel` is
    /// the label of the scenario compared.
    /// A value is written as eval's table writes its cell (`ValueFormat`: a `%` definition's in
    /// per cent, a period as its label, a year without grouping, numbers as the model's
    /// language writes them), with one number of decimals for the definition's values and
    /// differences (chosen over them all, and at least what each side's values need); a `%`
    /// definition's differences are in percentage points. A period's
    /// difference (a count of days) is left out. `model` is the model compared.
    public func table(toLabel: String?, model: CheckedModel) -> String {
        let report = self
        let language = ReportLanguage.of(model)
        var out = "\(report.model): \(report.to)\(toLabel.map { " (\($0))" } ?? "") against \(report.from)\n"
        let groups = report.differences
        guard !groups.isEmpty else { return out + "\nNo value differs.\n" }
        let cellCount = groups.reduce(0) { $0 + $1.cells.count }
        out += "\(cellCount) value\(cellCount == 1 ? "" : "s") in \(groups.count) definition\(groups.count == 1 ? "" : "s") differ\(cellCount == 1 ? "s" : "")\n"
        for group in groups {
            let title = (group.label.map { "\($0) (\(group.name))" } ?? group.name) + (group.unit.map { ", \($0)" } ?? "")
            let format = model.slot(named: group.name).map { ValueFormat(model.definitions[$0], timeline: model.timeline, language: language) }
            let percent = format?.percent ?? (group.unit == "%")
            let scale = percent ? 100.0 : 1
            let period = format?.showsPeriod ?? false
            // Chosen over the values and differences together, and at least what the values of
            // either side need on their own: over all, a change to 150 000 wrote its other
            // side's 1 000,50 as 1 001, fewer decimals than eval's table gives the cell (one
            // side's numbers are among its block's, so theirs are never fewer than eval's).
            let from = group.cells.compactMap(\.from.number), to = group.cells.compactMap(\.to.number)
            let decimals = [from, to, from + to + group.cells.compactMap(\.difference)]
                .map { HumanNumbers.decimals(for: $0.map { $0 * scale }, limit: 2) }.max() ?? 0
            func show(_ v: Value) -> String {
                guard case .number(let x) = v else { return v.description }
                return format?.text(x, decimals: decimals) ?? HumanNumbers.format(x * scale, decimals: decimals, language: language) + (percent ? " %" : "")
            }
            var rows: [[String]] = [["", report.from, report.to, "difference", "%"]]
            for c in group.cells {
                let place = JSONNode.escaped(([c.period].compactMap { $0 } + c.members).joined(separator: ", "), quotes: false)
                rows.append([place.isEmpty ? "value" : place, show(c.from), show(c.to),
                             period ? "" : c.difference.map { ($0 >= 0 ? "+" : "") + HumanNumbers.format($0 * scale, decimals: decimals, language: language) + (percent ? " pp" : "") } ?? "",
                             period ? "" : c.percent.map { ($0 >= 0 ? "+" : "") + HumanNumbers.format($0 * 100, decimals: 1, language: language) + " %" } ?? ""])
            }
            let widths = (0..<5).map { k in rows.map { $0[k].count }.max() ?? 0 }
            out += "\n" + title + "\n"
            for row in rows {
                var line = "  " + row[0] + String(repeating: " ", count: widths[0] - row[0].count)
                for k in 1..<5 { line += "  " + String(repeating: " ", count: widths[k] - row[k].count) + row[k] }
                while line.last == " " { line.removeLast() }
                out += line + "\n"
            }
        }
        return out
    }
}
