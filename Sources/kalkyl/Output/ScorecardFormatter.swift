import Kalkyl

/// The scorecard (styrkort) of `eval`: in the table a section per perspective with its counts,
/// a row per measure with baseline, target, outcome, trend and status; in JSON the same as data.
struct ScorecardFormatter {
    let evaluation: Evaluation
    let scorecard: Scorecard

    var model: CheckedModel { evaluation.model }

    // MARK: - Table

    func renderTable() -> String {
        let table = TableFormatter(evaluation: evaluation, slots: [])
        func shown(_ slot: Int?) -> String {
            guard let slot else { return "" }
            let unit = model.definitions[slot].unit.map { $0 == "%" ? "" : " " + $0 } ?? ""
            let text = table.cells(slot).first ?? ""
            return text.isEmpty ? "" : text + unit
        }
        let header = ["Scorecard", "Baseline", "Target", "Outcome", "Trend", "Status"]
        var rows: [[String]] = []
        for (p, perspective) in scorecard.perspectives.enumerated() {
            let counts = zip(Scorecard.Status.allCases, scorecard.counts[p]).map { status, slot in
                "\(shown(slot)) \(status.rawValue)"
            }
            rows.append([perspective, "", "", "", "", counts.joined(separator: ", ")])
            for m in scorecard.measures where m.perspective == p {
                let status = evaluation.values(of: m.slots.status)[0]
                let statusText = status == .text("") ? "not assessed" : (table.cells(m.slots.status).first ?? "")
                rows.append(["  " + table.clip(m.label ?? m.name, 46), shown(m.slots.baseline), target(m, shown), shown(m.slots.outcome),
                             shown(m.slots.trend), statusText])
            }
        }
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
        let rightAligned: Set<Int> = [1, 3, 4]
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, text in
                rightAligned.contains(c) ? table.padLeft(text, widths[c]) : table.pad(text, widths[c])
            }
            return table.trimTrailing(padded.joined(separator: "  "))
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// `at most 10 st`, `between 1 % and 3 %`, `increase`, with the partial rule after a `;`.
    func target(_ m: Scorecard.Measure, _ shown: (Int?) -> String) -> String {
        var text: String
        switch m.direction {
        case .between: text = "between \(shown(m.slots.target)) and \(shown(m.slots.targetHigh))"
        case .increase, .decrease, .assessed: text = m.direction.keyword
        default: text = "\(m.direction.keyword) \(shown(m.slots.target))"
        }
        switch m.partial {
        case .none: break
        case .within: text += "; partial within \(shown(m.slots.partial))"
        case .bound(.between): text += "; partial between \(shown(m.slots.partial)) and \(shown(m.slots.partialHigh))"
        case .bound(let d): text += "; partial \(d.keyword) \(shown(m.slots.partial))"
        }
        return text
    }

    // MARK: - JSON

    /// `{"perspectives": [{"name", "counts": {status: n}}], "measures": [{"name", "label",
    /// "perspective", "unit", "direction", "baseline", "target", "target_high", "partial",
    /// "outcome", "trend", "status"}]}`; `partial` is null or `{"rule", "value", "high"}`.
    func renderJSON(indent: String) -> String {
        func value(_ slot: Int?) -> String { slot.map { JSONFormatter.valueText(evaluation.values(of: $0)[0]) } ?? "null" }
        func string(_ s: String?) -> String { s.map(JSONFormatter.escape) ?? "null" }
        let perspectives = scorecard.perspectives.enumerated().map { p, name in
            let counts = zip(Scorecard.Status.allCases, scorecard.counts[p]).map { "\(string($0.rawValue)): \(value($1))" }
            return "{\"name\": \(string(name)), \"counts\": {\(counts.joined(separator: ", "))}}"
        }
        let measures = scorecard.measures.map { m -> String in
            let partial: String = switch m.partial {
            case .none: "null"
            case .within: "{\"rule\": \"within\", \"value\": \(value(m.slots.partial)), \"high\": null}"
            case .bound(let d): "{\"rule\": \(string(d.keyword)), \"value\": \(value(m.slots.partial)), \"high\": \(value(m.slots.partialHigh))}"
            }
            let fields = [
                ("name", string(m.name)), ("label", string(m.label)), ("perspective", string(scorecard.perspectives[m.perspective])),
                ("unit", string(m.unit)), ("direction", string(m.direction.keyword)), ("baseline", value(m.slots.baseline)),
                ("target", value(m.slots.target)), ("target_high", value(m.slots.targetHigh)), ("partial", partial),
                ("outcome", value(m.slots.outcome)), ("trend", value(m.slots.trend)), ("status", value(m.slots.status)),
            ]
            return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        }
        let inner = indent + "  "
        return "{\n\(inner)\"perspectives\": [\n\(inner)  " + perspectives.joined(separator: ",\n\(inner)  ") + "\n\(inner)],\n"
            + "\(inner)\"measures\": [\n\(inner)  " + measures.joined(separator: ",\n\(inner)  ") + "\n\(inner)]\n\(indent)}"
    }
}
