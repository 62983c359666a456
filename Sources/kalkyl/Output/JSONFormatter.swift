import Kalkyl

/// The `json` format of cli.md: one object with model, scenario, periods and values.
/// A scalar is a JSON value, a series an array over `periods`; text is a string, an error
/// its Excel spelling, blank null. Keys keep the model's order. A model that declares line
/// kinds adds `"kinds"` (an addition to cli.md's shape: a value entry stays the bare value).
struct JSONFormatter {
    let evaluation: Evaluation
    let slots: [Int]
    /// The model's scorecard, added as `"scorecard"` after the values (an addition to cli.md's shape).
    var scorecard: Scorecard? = nil

    func render() -> String {
        let model = evaluation.model
        var out = "{\n"
        out += "  \"model\": \(string(model.name)),\n"
        out += "  \"scenario\": \(string(evaluation.scenarioName)),\n"
        out += "  \"periods\": [" + model.timeline.labels.map(string).joined(separator: ", ") + "],\n"
        if let closed = model.actualsThrough {   // an addition to cli.md's shape, present only with a cut-off
            out += "  \"actuals_through\": \(string(model.timeline.label(closed))),\n"
        }
        out += "  \"values\": {"
        var first = true
        for slot in slots {
            let d = model.definitions[slot]
            let column = evaluation.values(of: slot)
            out += first ? "\n" : ",\n"
            first = false
            out += "    \(string(d.name)): \(render(slot, column))"
        }
        out += first ? "}" : "\n  }"
        if model.definitions.contains(where: { $0.kind != nil }) {
            out += ",\n  \"kinds\": " + kinds()
        }
        if let scorecard {
            out += ",\n  \"scorecard\": " + ScorecardFormatter(evaluation: evaluation, scorecard: scorecard).renderJSON(indent: "  ")
        }
        return out + "\n}\n"
    }

    /// Each printed name's line kind, null for a line without one, keyed as `values` is.
    func kinds() -> String {
        let entries = slots.map { slot in
            let d = evaluation.model.definitions[slot]
            return string(d.name) + ": " + (d.kind.map { string($0.rawValue) } ?? "null")
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    /// A scalar is a value, a series an array over the periods; dimensions nest objects
    /// keyed by member around them, the first dimension outermost.
    func render(_ slot: Int, _ column: Column) -> String {
        let model = evaluation.model
        let d = model.definitions[slot]
        let members = model.memberCount(of: slot)
        func cell(_ member: Int) -> String {
            guard d.isSeries else { return value(column[member]) }
            return "[" + (0..<model.timeline.count).map { value(column[$0 * members + member]) }.joined(separator: ", ") + "]"
        }
        func level(_ k: Int, _ offset: Int, _ stride: Int) -> String {
            guard k < d.dimensions.count else { return cell(offset) }
            let dimension = model.dimensions[d.dimensions[k]]
            let inner = stride / dimension.members.count
            let entries = dimension.members.enumerated().map { i, name in
                string(name) + ": " + level(k + 1, offset + i * inner, inner)
            }
            return "{" + entries.joined(separator: ", ") + "}"
        }
        return level(0, 0, members)
    }

    func value(_ v: Value) -> String { JSONFormatter.valueText(v) }

    func string(_ s: String) -> String { JSONFormatter.escape(s) }

    static func valueText(_ v: Value) -> String {
        switch v {
        case .number(let x): ValueText.exactNumber(x)
        case .text(let s): escape(s)
        case .bool(let b): b ? "true" : "false"
        case .error(let e): escape(e.spelling)
        case .blank: "null"
        }
    }

    static func escape(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
