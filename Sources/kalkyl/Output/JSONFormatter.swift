import Kalkyl

/// The `json` format of cli.md: one object with model, scenario, periods and values.
/// A scalar is a JSON value, a series an array over `periods`; text is a string, an error
/// its Excel spelling, blank null. Keys keep the model's order.
struct JSONFormatter {
    let evaluation: Evaluation
    let slots: [Int]

    func render() -> String {
        let model = evaluation.model
        var out = "{\n"
        out += "  \"model\": \(string(model.name)),\n"
        out += "  \"scenario\": \(string(evaluation.scenarioName)),\n"
        out += "  \"periods\": [" + model.timeline.labels.map(string).joined(separator: ", ") + "],\n"
        out += "  \"values\": {"
        var first = true
        for slot in slots {
            let d = model.definitions[slot]
            let column = evaluation.values(of: slot)
            out += first ? "\n" : ",\n"
            first = false
            let rendered = d.isSeries ? "[" + (0..<column.count).map { value(column[$0]) }.joined(separator: ", ") + "]" : value(column[0])
            out += "    \(string(d.name)): \(rendered)"
        }
        out += first ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    func value(_ v: Value) -> String {
        switch v {
        case .number(let x): ValueText.exactNumber(x)
        case .text(let s): string(s)
        case .bool(let b): b ? "true" : "false"
        case .error(let e): string(e.spelling)
        case .blank: "null"
        }
    }

    func string(_ s: String) -> String {
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
