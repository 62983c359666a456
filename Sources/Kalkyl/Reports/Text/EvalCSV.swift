extension EvalReport {
    /// `eval --format csv`: one row per definition (per member, for one with dimensions):
    /// `name,label,unit,member,value`, then one column per period. A scalar fills `value`, a
    /// series the period columns; `member` names the member, dimensions joined by `/`.
    public func csv(model: CheckedModel) -> String {
        var out = (["name", "label", "unit", "member", "value"] + periods).map(CSVText.quote).joined(separator: ",") + "\n"
        for entry in values.entries {
            guard let slot = model.slot(named: entry.key) else { continue }
            let d = model.definitions[slot]
            let cells = entry.value.blockCells()
            let members = model.memberCount(of: slot)
            for m in 0..<members {
                var fields = [d.name, d.label ?? "", d.unit ?? "", model.memberNames(of: slot, member: m).joined(separator: "/")].map(CSVText.quote)
                if d.isSeries {
                    fields.append("")
                    fields += (0..<periods.count).map { CSVText.cell(cells[$0 * members + m]) }
                } else {
                    fields.append(CSVText.cell(cells[m]))
                    fields += Array(repeating: "", count: periods.count)
                }
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }
}

/// Fields of the CSV the command line prints.
enum CSVText {
    static func cell(_ v: Value) -> String {
        switch v {
        case .number(let x): NumberText.exact(x)
        case .text(let s): quote(s)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e.spelling
        case .blank: ""
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
