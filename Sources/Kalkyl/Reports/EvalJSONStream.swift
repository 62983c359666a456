/// `eval --format json` written as it is made: byte for byte what `EvalReport.json()` gives,
/// but each name's values go from the evaluation's cells straight into the sink, one
/// definition at a time, never as a tree of values, a tree of JSON nodes or one string. At
/// 100,000 employees that is three million values the report would otherwise hold three times.
extension EvalReport {
    /// The containers `json()` breaks over lines.
    static let jsonBrokenPaths: Set<String> = ["", "values", "totals", "scorecard", "scorecard/perspectives", "scorecard/measures"]

    /// Writes what `EvalReport(evaluation:slots:scorecard:).json()` returns.
    public static func writeJSON(evaluation: Evaluation, slots: [Int], scorecard: Scorecard? = nil, to sink: ByteSink) {
        let model = evaluation.model
        let rest = EvalReport(evaluation: evaluation, slots: slots, scorecard: scorecard, values: false)
        let encoder = ReportEncoder(brokenPaths: jsonBrokenPaths)
        var first = true
        func key(_ name: String) {
            sink.write(first ? "{\n  " : ",\n  ")
            first = false
            sink.writeQuoted(name)
            sink.write(": ")
        }
        // The small parts through the encoder itself, at the place they have in the report.
        func small(_ name: String, _ value: some Encodable) {
            key(name)
            var out = ""
            encoder.write((try? JSONNode(value)) ?? .null, path: name, depth: 1, into: &out)
            sink.write(out)
        }
        // A container broken over lines one level down (`values`, `totals`).
        func entries(_ names: [String], _ write: (Int) -> Void) {
            guard !names.isEmpty else { sink.write("{}"); return }
            for (k, name) in names.enumerated() {
                sink.write(k == 0 ? "{\n    " : ",\n    ")
                sink.writeQuoted(name)
                sink.write(": ")
                write(k)
            }
            sink.write("\n  }")
        }
        small("model", rest.model)
        small("scenario", rest.scenario)
        small("periods", rest.periods)
        if let actualsThrough = rest.actualsThrough { small("actuals_through", actualsThrough) }
        key("values")
        entries(slots.map { model.definitions[$0].name }) { k in writeValues(evaluation, slot: slots[k], to: sink) }
        if let kinds = rest.kinds { small("kinds", kinds) }
        let groups = model.totalGroups
        let totalled: [(slot: Int, kind: TotalKind)] = groups.isEmpty ? [] : slots.compactMap { slot in
            let kind = model.totalKind(of: slot, values: evaluation.values(of: slot).values)
            return kind == .none ? nil : (slot, kind)
        }
        if !totalled.isEmpty {
            small("total_periods", groups.map(\.title))
            key("totals")
            entries(totalled.map { model.definitions[$0.slot].name }) { k in
                let (slot, kind) = totalled[k]
                sink.write("{\"kind\": ")
                sink.writeQuoted(kind.name)
                sink.write(", \"values\": ")
                writeInline(ValueTree(evaluation, slot: slot, totals: kind, over: groups), to: sink)
                sink.write("}")
            }
        }
        if let scorecard = rest.scorecard { small("scorecard", scorecard) }
        if let memberNames = rest.memberNames { small("member_names", memberNames) }
        sink.write("\n}\n")
    }

    /// A definition's cells as `ValueTree(evaluation, slot:)` encodes on one line: an object
    /// keyed by member per dimension around a value, or a series' values in an array.
    static func writeValues(_ evaluation: Evaluation, slot: Int, to sink: ByteSink) {
        let model = evaluation.model
        let isSeries = model.definitions[slot].isSeries
        let dimensions = model.definitions[slot].dimensions
        let block = evaluation.blocks[slot]
        let members = model.memberCount(of: slot)
        let periods = model.timeline.count
        func cell(_ member: Int) {
            guard isSeries else { writeValue(block[member], to: sink); return }
            guard periods > 0 else { sink.write("[]"); return }
            sink.write(byte: UInt8(ascii: "["))
            for p in 0..<periods {
                if p > 0 { sink.write(", ") }
                writeValue(block[p * members + member], to: sink)
            }
            sink.write(byte: UInt8(ascii: "]"))
        }
        func level(_ k: Int, _ offset: Int, _ stride: Int) {
            guard k < dimensions.count else { cell(offset); return }
            let names = model.dimensions[dimensions[k]].members
            guard !names.isEmpty else { sink.write("{}"); return }
            let inner = stride / names.count
            for (i, name) in names.enumerated() {
                sink.write(i == 0 ? "{" : ", ")
                sink.writeQuoted(name)
                sink.write(": ")
                level(k + 1, offset + i * inner, inner)
            }
            sink.write(byte: UInt8(ascii: "}"))
        }
        level(0, 0, members)
    }

    /// A tree on one line, as the encoder writes a container that is not broken.
    static func writeInline(_ tree: ValueTree, to sink: ByteSink) {
        switch tree {
        case .value(let v):
            writeValue(v, to: sink)
        case .series(let values):
            guard !values.isEmpty else { sink.write("[]"); return }
            for (i, v) in values.enumerated() {
                sink.write(i == 0 ? "[" : ", ")
                writeValue(v, to: sink)
            }
            sink.write("]")
        case .members(let members):
            guard !members.entries.isEmpty else { sink.write("{}"); return }
            for (i, entry) in members.entries.enumerated() {
                sink.write(i == 0 ? "{" : ", ")
                sink.writeQuoted(entry.key)
                sink.write(": ")
                writeInline(entry.value, to: sink)
            }
            sink.write("}")
        }
    }

    /// A value as `Value.encode` and the encoder spell it (`NumberText.exact` for numbers).
    static func writeValue(_ value: Value, to sink: ByteSink) {
        switch value {
        case .number(let x):
            if x == x.rounded(), abs(x) < 1e15 { sink.write(integer: Int64(x)) } else { sink.write(x.description) }
        case .text(let s): sink.writeQuoted(s)
        case .bool(let b): sink.write(b ? "true" : "false")
        case .error(let e): sink.writeQuoted(e.spelling)
        case .blank: sink.write("null")
        }
    }
}

extension ByteSink {
    /// A string in JSON as `JSONNode.quoted` writes it; without a copy when nothing needs escaping.
    func writeQuoted(_ s: String) {
        if !s.utf8.contains(where: { JSONNode.needsLook($0) || $0 == UInt8(ascii: "\"") }) {
            write(byte: UInt8(ascii: "\""))
            write(s)
            write(byte: UInt8(ascii: "\""))
        } else {
            write(JSONNode.quoted(s))
        }
    }
}
