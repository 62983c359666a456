/// The scorecard (styrkort) under `eval`'s table: a section per perspective with its counts,
/// a row per measure with baseline, target, outcome, trend and status. Made from the report's
/// values; the model's scorecard gives each part's definition (its unit, how it reads).
struct ScorecardTable {
    let report: ScorecardReport
    let model: CheckedModel

    func render() -> String {
        guard let scorecard = model.scorecard else { return "" }
        let table = EvalTable(model: model, scenario: "base", slots: [], blocks: blocks(scorecard), terminalColumns: nil)
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
                let status = table.blocks[m.slots.status]?.first ?? .blank
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

    /// The report's value of each part of each measure, and of each count, by its slot.
    func blocks(_ scorecard: Scorecard) -> [Int: [Value]] {
        var out: [Int: [Value]] = [:]
        func put(_ slot: Int?, _ value: Value?) { if let slot, let value { out[slot] = [value] } }
        for (p, perspective) in report.perspectives.enumerated() where p < scorecard.counts.count {
            for (slot, entry) in zip(scorecard.counts[p], perspective.counts.entries) { put(slot, entry.value) }
        }
        for (m, r) in zip(scorecard.measures, report.measures) {
            put(m.slots.baseline, r.baseline)
            put(m.slots.target, r.target)
            put(m.slots.targetHigh, r.targetHigh)
            put(m.slots.partial, r.partial?.value)
            put(m.slots.partialHigh, r.partial?.high)
            put(m.slots.outcome, r.outcome)
            put(m.slots.trend, r.trend)
            put(m.slots.status, r.status)
        }
        return out
    }
}
