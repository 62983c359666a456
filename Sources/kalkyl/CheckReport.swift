import Kalkyl

/// Failed checks as diagnostics: where the check is, which cell fails, and the values.
enum CheckReport {
    static func diagnostics(_ failures: [CheckRunner.Failure], in model: CheckedModel, limitPerCheck: Int = 10) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var shown: [Int: Int] = [:]
        for f in failures {
            shown[f.slot, default: 0] += 1
            let d = model.definitions[f.slot]
            let count = failures.filter { $0.slot == f.slot }.count
            if shown[f.slot]! > limitPerCheck {
                if shown[f.slot]! == limitPerCheck + 1 {
                    out.append(Diagnostic(.note, "check '\(d.name)' fails in \(count - limitPerCheck) more cells", at: d.location))
                }
                continue
            }
            var place: [String] = []
            if let p = f.period { place.append(model.timeline.label(p)) }
            place += f.members
            let cell = place.isEmpty ? "" : " in " + place.joined(separator: ", ")
            var message = "check '\(d.name)' fails\(cell)"
            if let (left, right, op) = f.sides {
                message += ": \(show(left)) \(op.rawValue) \(show(right)) is \(show(f.value))"
            } else {
                message += ": it is \(show(f.value))"
            }
            out.append(.error(message, at: d.location, hint: d.label))
        }
        return out
    }

    static func show(_ v: Value) -> String {
        if case .number(let x) = v { return ExcelNumberText.general(x) }
        return v.description
    }
}
