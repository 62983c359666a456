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
        // One definition at a time: a block of a 100,000-employee model is megabytes.
        guard let values = await blocks(of: [name]), let block = values.columns[0], let slot = values.model.slot(named: name) else { return nil }
        let model = values.model
        let d = model.definitions[slot]
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
        hintCache[name] = label
        return label
    }
}
