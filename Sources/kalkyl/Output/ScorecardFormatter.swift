import Kalkyl

/// The scorecard (styrkort) of `eval`: in the table a section per perspective with its counts,
/// a row per measure with baseline, target, outcome, trend and status; its JSON is `ScorecardReport`.
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
}
