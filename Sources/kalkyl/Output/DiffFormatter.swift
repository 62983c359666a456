import Kalkyl

/// `kalkyl diff` as a table for people or one JSON object.
enum DiffFormatter {
    static func table(_ groups: [ScenarioDifference], model: CheckedModel, from: String, to: String, toLabel: String?) -> String {
        var out = "\(model.name): \(to)\(toLabel.map { " (\($0))" } ?? "") against \(from)\n"
        guard !groups.isEmpty else { return out + "\nNo value differs.\n" }
        let cellCount = groups.reduce(0) { $0 + $1.cells.count }
        out += "\(cellCount) value\(cellCount == 1 ? "" : "s") in \(groups.count) definition\(groups.count == 1 ? "" : "s") differ\(cellCount == 1 ? "s" : "")\n"
        for group in groups {
            let d = model.definitions[group.slot]
            let title = (d.label.map { "\($0) (\(d.name))" } ?? d.name) + (d.unit.map { ", \($0)" } ?? "")
            let numbers = group.cells.flatMap { [$0.from.number, $0.to.number, $0.difference].compactMap { $0 } }
            let decimals = HumanNumbers.decimals(for: numbers, limit: 2)
            func show(_ v: Value) -> String {
                if case .number(let x) = v { return HumanNumbers.format(x, decimals: decimals) }
                return v.description
            }
            var rows: [[String]] = [["", from, to, "difference", "%"]]
            for c in group.cells {
                let place = ([c.period].compactMap { $0 } + c.members).joined(separator: ", ")
                rows.append([place.isEmpty ? "value" : place, show(c.from), show(c.to),
                             c.difference.map { ($0 >= 0 ? "+" : "") + HumanNumbers.format($0, decimals: decimals) } ?? "",
                             c.percent.map { ($0 >= 0 ? "+" : "") + HumanNumbers.format($0 * 100, decimals: 1) + " %" } ?? ""])
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

    static func json(_ groups: [ScenarioDifference], model: CheckedModel, from: String, to: String) -> String {
        let j = JSONText()
        var out = "{\n  \"model\": \(j.string(model.name)),\n  \"from\": \(j.string(from)),\n  \"to\": \(j.string(to)),\n  \"differences\": ["
        for (g, group) in groups.enumerated() {
            let d = model.definitions[group.slot]
            out += (g == 0 ? "\n" : ",\n") + "    {\"name\": \(j.string(d.name)), \"label\": \(d.label.map(j.string) ?? "null"), \"unit\": \(d.unit.map(j.string) ?? "null"), \"cells\": ["
            for (k, c) in group.cells.enumerated() {
                out += (k == 0 ? "\n" : ",\n") + "      {\"cell\": \(j.string(c.name)), \"period\": \(c.period.map(j.string) ?? "null"), "
                out += "\"members\": [\(c.members.map(j.string).joined(separator: ", "))], "
                out += "\"from\": \(j.value(c.from)), \"to\": \(j.value(c.to)), "
                out += "\"difference\": \(c.difference.map(ValueText.exactNumber) ?? "null"), \"percent\": \(c.percent.map(ValueText.exactNumber) ?? "null")}"
            }
            out += (group.cells.isEmpty ? "" : "\n    ") + "]}"
        }
        out += groups.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}

/// JSON spellings shared with the eval output.
struct JSONText {
    func string(_ s: String) -> String { JSONFormatter.escape(s) }
    func value(_ v: Value) -> String { JSONFormatter.valueText(v) }
}
