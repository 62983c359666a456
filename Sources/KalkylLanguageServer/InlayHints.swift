import Kalkyl

/// A value shown at the end of a definition's line.
public struct InlayHintInfo: Sendable {
    public var offset: Int
    public var label: String
}

extension ModelDocument {
    /// One hint per definition ending between two byte offsets: a scalar's value; a series'
    /// total over the timeline and its last value; a dimension's total; whether a check holds.
    public func inlayHints(from start: Int, to end: Int) -> [InlayHintInfo] {
        guard let evaluation else { return [] }
        var hints: [InlayHintInfo] = []
        for statement in syntax.statements {
            let d: Definition
            switch statement {
            case .definition(let x), .check(let x): d = x
            default: continue
            }
            guard d.range.end >= start, d.range.start <= end,
                  occurrences.definition(of: d.name)?.range == d.nameRange,
                  let slot = evaluation.model.slot(named: d.name) else { continue }
            let label = hintLabel(slot: slot, in: evaluation)
            hints.append(InlayHintInfo(offset: lines.lineEnd(lines.line(of: d.range.end)), label: label))
        }
        return hints
    }

    func hintLabel(slot: Int, in evaluation: Evaluation) -> String {
        if let cached = hintCache[slot] { return cached }
        let model = evaluation.model
        let d = model.definitions[slot]
        let block = evaluation.values(of: slot)
        let m = model.memberCount(of: slot)
        var label: String
        if d.isCheck {
            var failing = 0
            for i in 0..<block.count where block[i] != .bool(true) {
                if case .number(let x) = block[i], x != 0 { continue }
                failing += 1
            }
            label = failing == 0 ? "✓ holds" : "✗ fails in \(failing) cell\(failing == 1 ? "" : "s")"
        } else if block.count == 1 {
            label = "= " + ValueDisplay.text(block[0], unit: d.unit)
        } else {
            var total = 0.0
            var errors = 0
            var numbers = 0
            for i in 0..<block.count {
                switch block[i] {
                case .number(let x): total += x; numbers += 1
                case .error: errors += 1
                default: break
                }
            }
            if m == 1 {
                let last = model.timeline.count - 1
                label = (d.unit == "%" || numbers == 0 ? "" : "Σ " + ValueDisplay.number(total) + " · ")
                    + "\(model.timeline.label(last)): " + ValueDisplay.text(block[last], unit: d.unit)
            } else {
                label = "Σ " + ValueDisplay.number(total) + " over \(m) member\(m == 1 ? "" : "s")"
            }
            if errors > 0 { label += " · \(errors) error\(errors == 1 ? "" : "s")" }
        }
        hintCache[slot] = label
        return label
    }
}
