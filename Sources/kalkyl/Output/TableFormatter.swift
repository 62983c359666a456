import Kalkyl

/// The `table` format, for people: scalars as a list, series as a grid with periods as columns.
struct TableFormatter {
    let evaluation: Evaluation
    let slots: [Int]

    var model: CheckedModel { evaluation.model }

    func render() -> String {
        var out = "\(model.name)"
        if let scenario = evaluation.scenario {
            out += " — scenario \(scenario.name)" + (scenario.label.map { " (\($0))" } ?? "")
        }
        out += "\n"
        let scalars = slots.filter { !model.definitions[$0].isSeries }
        let series = slots.filter { model.definitions[$0].isSeries }
        // Assumptions first, then what follows from them.
        let inputs = scalars.filter { model.definitions[$0].isInput }
        let results = scalars.filter { !model.definitions[$0].isInput }
        if !inputs.isEmpty { out += "\n" + renderScalars(inputs) }
        if !results.isEmpty { out += "\n" + renderScalars(results) }
        if !series.isEmpty { out += "\n" + renderSeries(series) }
        return out
    }

    func title(_ slot: Int) -> String {
        let d = model.definitions[slot]
        let text = d.label ?? d.name
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }

    /// A row's cells as text, with one number of decimals for the whole row.
    func cells(_ slot: Int) -> [String] {
        let d = model.definitions[slot]
        let column = evaluation.values(of: slot)
        let percent = d.unit == "%"
        let numbers = (0..<column.count).compactMap { column[$0].number.map { percent ? $0 * 100 : $0 } }
        let decimals = HumanNumbers.decimals(for: numbers, limit: 2)
        return (0..<column.count).map { i in
            switch column[i] {
            case .number(let x) where d.showsPeriod: model.timeline.periodLabel(ofSerial: x) ?? HumanNumbers.format(x, decimals: 0)
            case .number(let x): HumanNumbers.format(percent ? x * 100 : x, decimals: decimals) + (percent ? " %" : "")
            case .text(let s): s.count > 16 ? String(s.prefix(15)) + "…" : s
            case .bool(let b): b ? "TRUE" : "FALSE"
            case .error(let e): e.spelling
            case .blank: ""
            }
        }
    }

    func unit(_ slot: Int) -> String {
        let u = model.definitions[slot].unit ?? ""
        return u == "%" ? "" : u
    }

    func renderScalars(_ slots: [Int]) -> String {
        let titles = slots.map(title)
        let values = slots.map { cells($0)[0] }
        let titleWidth = titles.map(\.count).max() ?? 0
        let valueWidth = values.map(\.count).max() ?? 0
        var out = ""
        for (k, slot) in slots.enumerated() {
            let u = unit(slot)
            let line = pad(titles[k], titleWidth) + "  " + padLeft(values[k], valueWidth) + (u.isEmpty ? "" : " " + u)
            out += trimTrailing(line) + "\n"
        }
        return out
    }

    func renderSeries(_ slots: [Int]) -> String {
        let periods = model.timeline.labels
        let rows = slots.map(cells)
        let titles = slots.map(title)
        let units = slots.map(unit)
        let titleWidth = max(titles.map(\.count).max() ?? 0, 1)
        let unitWidth = units.map(\.count).max() ?? 0
        let widths = periods.indices.map { p in max(periods[p].count, rows.map { $0[p].count }.max() ?? 0) }
        var header = pad("", titleWidth) + (unitWidth > 0 ? "  " + pad("", unitWidth) : "")
        for (p, label) in periods.enumerated() { header += "  " + padLeft(label, widths[p]) }
        var out = trimTrailing(header) + "\n"
        for (k, row) in rows.enumerated() {
            var line = pad(titles[k], titleWidth) + (unitWidth > 0 ? "  " + pad(units[k], unitWidth) : "")
            for (p, cell) in row.enumerated() { line += "  " + padLeft(cell, widths[p]) }
            out += trimTrailing(line) + "\n"
        }
        return out
    }

    func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
    func padLeft(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    func trimTrailing(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }
}
