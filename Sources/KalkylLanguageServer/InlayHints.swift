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
            if m == 1 {
                let last = model.timeline.count - 1
                label = (d.unit == "%" || d.showsPeriod || summary.numbers == 0 ? "" : "Σ " + ValueDisplay.number(summary.total, in: model) + " · ")
                    + "\(model.timeline.label(last)): " + ValueDisplay.text(summary.last, of: slot, in: model)
            } else {
                label = "Σ " + ValueDisplay.number(summary.total, in: model) + " over \(m) member\(m == 1 ? "" : "s")"
            }
            let errors = summary.errors
            if errors > 0 { label += " · \(errors) error\(errors == 1 ? "" : "s")" }
        }
        hintCache[name] = label
        return label
    }
}
