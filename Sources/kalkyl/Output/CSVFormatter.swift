import Kalkyl

/// The `csv` format: one row per definition (per member, for one with dimensions):
/// `name,label,unit,member,value`, then one column per period. A scalar fills `value`, a
/// series the period columns; `member` names the member, dimensions joined by `/`.
struct CSVFormatter {
    let evaluation: Evaluation
    let slots: [Int]

    func render() -> String {
        let model = evaluation.model
        var out = (["name", "label", "unit", "member", "value"] + model.timeline.labels).map(quote).joined(separator: ",") + "\n"
        for slot in slots {
            let d = model.definitions[slot]
            let column = evaluation.values(of: slot)
            let members = model.memberCount(of: slot)
            for m in 0..<members {
                var fields = [d.name, d.label ?? "", d.unit ?? "", model.memberNames(of: slot, member: m).joined(separator: "/")].map(quote)
                if d.isSeries {
                    fields.append("")
                    fields += (0..<model.timeline.count).map { cell(column[$0 * members + m]) }
                } else {
                    fields.append(cell(column[m]))
                    fields += Array(repeating: "", count: model.timeline.count)
                }
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    func cell(_ v: Value) -> String {
        switch v {
        case .number(let x): NumberText.exact(x)
        case .text(let s): quote(s)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e.spelling
        case .blank: ""
        }
    }

    func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
