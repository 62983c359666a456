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

extension EvalReport {
    /// Writes what `EvalReport(evaluation:slots:).csv(model:)` returns, as it is made: each
    /// row straight from the evaluation's cells into the sink, never a tree of values or one
    /// string (3 M values at 100,000 employees).
    public static func writeCSV(evaluation: Evaluation, slots: [Int], to sink: ByteSink) {
        let model = evaluation.model
        let periods = model.timeline.count
        sink.write((["name", "label", "unit", "member", "value"] + model.timeline.labels).map(CSVText.quote).joined(separator: ",") + "\n")
        for slot in slots {
            let d = model.definitions[slot]
            let block = evaluation.blocks[slot]
            let members = model.memberCount(of: slot)
            let head = [d.name, d.label ?? "", d.unit ?? ""].map(CSVText.quote).joined(separator: ",") + ","
            for m in 0..<members {
                sink.write(head)
                sink.write(CSVText.quote(model.memberNames(of: slot, member: m).joined(separator: "/")))
                sink.write(byte: UInt8(ascii: ","))
                if d.isSeries {
                    for p in 0..<periods {
                        sink.write(byte: UInt8(ascii: ","))
                        CSVText.write(block[p * members + m], to: sink)
                    }
                } else {
                    CSVText.write(block[m], to: sink)
                    for _ in 0..<periods { sink.write(byte: UInt8(ascii: ",")) }
                }
                sink.write(byte: UInt8(ascii: "\n"))
            }
        }
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

    /// A cell as `cell(_:)` spells it, written into the sink.
    static func write(_ v: Value, to sink: ByteSink) {
        switch v {
        case .number(let x):
            if x == x.rounded(), abs(x) < 1e15 { sink.write(integer: Int64(x)) } else { sink.write(x.description) }
        case .text(let s): sink.write(quote(s))
        case .bool(let b): sink.write(b ? "TRUE" : "FALSE")
        case .error(let e): sink.write(e.spelling)
        case .blank: break
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
