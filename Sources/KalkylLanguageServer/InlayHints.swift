import Kalkyl

/// A value shown at the end of a definition's line.
public struct InlayHintInfo: Sendable {
    public var offset: Int
    public var label: String
}

extension ModelDocument {
    /// One hint per definition ending between two byte offsets: a scalar's value; a series'
    /// total over the timeline and its last value; a dimension's total; whether a check holds.
    public func inlayHints(from start: Int, to end: Int) async -> [InlayHintInfo] {
        guard model != nil else { return [] }
        var hints: [InlayHintInfo] = []
        for statement in syntax.statements {
            let d: Definition
            switch statement {
            case .definition(let x), .check(let x): d = x
            default: continue
            }
            guard d.range.end >= start, d.range.start <= end,
                  occurrences.definition(of: d.name)?.range == d.nameRange,
                  let label = await hintLabel(d.name) else { continue }
            hints.append(InlayHintInfo(offset: lines.lineEnd(lines.line(of: d.range.end)), label: label))
        }
        return hints
    }

    /// A definition's hint, or nil when it has no values (a name the last good model lacks).
    /// A series' totals are its year totals as `kalkyl eval` shows them (`YearTotals`): a
    /// headcount's year is December's, where the hint added its months up (Σ 1 662 for 139).
    func hintLabel(_ name: String) async -> String? {
        if let cached = hintCache[name] { return cached }
        guard let values = await session?.summaries(of: [name]), let summary = values.summaries[0],
              let slot = values.model.slot(named: name) else { return nil }
        let model = values.model
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        var label: String
        if d.isCheck {
            let failing = summary.failing
            label = failing == 0 ? "✓ holds" : "✗ fails in \(failing) cell\(failing == 1 ? "" : "s")"
        } else if summary.count == 1 {
            label = "= " + ValueDisplay.text(summary.first, of: slot, in: model)
        } else {
            if !d.isSeries {
                label = d.isRatio ? "\(m) members" : "Σ " + ValueDisplay.number(summary.total, in: model) + " over \(m) members"
            } else {
                guard let totals = await session?.yearTotals(of: [name])?.totals[0] else { return nil }
                let years = totals.years.map { Self.yearText($0, kind: totals.kind, of: slot, in: model) }
                if m == 1 {
                    let last = model.timeline.count - 1
                    label = (years + ["\(model.timeline.label(last)): " + ValueDisplay.text(summary.last, of: slot, in: model)])
                        .joined(separator: " · ")
                } else {
                    label = years.isEmpty ? "\(m) members, no year total" : years.joined(separator: " · ") + " over \(m) members"
                }
            }
            let errors = summary.errors
            if errors > 0 { label += " · \(errors) error\(errors == 1 ? "" : "s")" }
        }
        hintCache[name] = label
        return label
    }

    /// `2021 Σ: 1 662`, `2021 closing: 139`, `2021 average: 138,5`.
    static func yearText(_ year: YearTotal, kind: TotalKind, of slot: Int, in model: CheckedModel) -> String {
        let word = kind == .sum ? "Σ" : kind.name
        return "\(year.title) \(word): " + ValueDisplay.text(year.value, of: slot, in: model)
    }
}
