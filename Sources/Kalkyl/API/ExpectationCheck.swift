/// Checks a model's `# expect:` comments against its computed values.
public enum ExpectationCheck {
    public struct Failure: Sendable, CustomStringConvertible {
        package var expectation: Expectation
        public var actual: String
        public var description: String {
            let target = (expectation.isCheck ? "check " : "") + expectation.name + (expectation.period.map { "[\($0)]" } ?? "")
            let scenario = expectation.scenario == "base" ? "" : " (scenario \(expectation.scenario))"
            if expectation.isCheck {
                return "line \(expectation.line): \(target)\(scenario) \(actual), but the model expects it \(expectation.expected == "fails" ? "to fail" : "to pass")"
            }
            return "line \(expectation.line): \(target)\(scenario) is \(actual), expected \(expectation.expected)"
        }
    }

    /// Evaluates the model under each scenario that has expectations and compares.
    /// Numbers match within a relative 1e-9; text, booleans and errors match exactly.
    public static func run(model: CheckedModel, order: EvaluationOrder) -> [Failure] {
        var failures: [Failure] = []
        let byScenario = Dictionary(grouping: model.expectations, by: \.scenario)
        for (name, expectations) in byScenario.sorted(by: { $0.key < $1.key }) {
            let scenario = name == "base" ? nil : model.scenario(named: name)
            if name != "base" && scenario == nil {
                failures += expectations.map { Failure(expectation: $0, actual: "not computed: no scenario '\(name)'") }
                continue
            }
            let evaluation = Evaluation(model: model, order: order, scenario: scenario)
            evaluation.evaluateAll()
            let failedChecks = Set(CheckRunner.run(evaluation).map { model.definitions[$0.slot].name })
            for e in expectations where e.isCheck {
                guard let slot = model.slot(named: e.name), model.definitions[slot].isCheck else {
                    failures.append(Failure(expectation: e, actual: "not a check"))
                    continue
                }
                let outcome = failedChecks.contains(e.name) ? "fails" : "passes"
                if outcome != e.expected { failures.append(Failure(expectation: e, actual: outcome)) }
            }
            for e in expectations where !e.isCheck {
                guard let actual = actualValue(e, in: evaluation) else {
                    failures.append(Failure(expectation: e, actual: "not found"))
                    continue
                }
                if !matches(actual, e.expected) { failures.append(Failure(expectation: e, actual: actual.description)) }
            }
        }
        return failures
    }

    /// The cell an expectation names: `x`, `x[2021-04]`, `x[Datacenter]` or `x[Datacenter, 2021-04]`.
    static func actualValue(_ e: Expectation, in evaluation: Evaluation) -> Value? {
        let model = evaluation.model
        guard let slot = model.slot(named: e.name) else { return nil }
        let d = model.definitions[slot]
        let parts = (e.period ?? "").split(separator: ",").map { $0.trimmingCharacters(in: " \t\"") }.filter { !$0.isEmpty }
        var period: Int?
        var chosen = [Int?](repeating: nil, count: d.dimensions.count)
        for part in parts {
            if let p = model.timeline.labels.firstIndex(of: part) { period = p; continue }
            guard let k = d.dimensions.firstIndex(where: { model.dimensions[$0].memberIndex[part] != nil }) else { return nil }
            chosen[k] = model.dimensions[d.dimensions[k]].memberIndex[part]
        }
        guard d.isSeries == (period != nil), !chosen.contains(nil) else { return nil }
        var member = 0
        for (k, dim) in d.dimensions.enumerated() { member = member * model.dimensions[dim].members.count + chosen[k]! }
        return evaluation.value(e.name, period: period, member: member)
    }

    static func matches(_ actual: Value, _ expected: String) -> Bool {
        let text = expected.replacingUnderscores()
        switch actual {
        case .number(let x):
            guard let y = Double(text) else { return false }
            return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        case .text(let s): return expected == "\"\(s)\""
        case .bool(let b): return expected.uppercased() == (b ? "TRUE" : "FALSE")
        case .error(let err): return expected.uppercased() == err.spelling
        case .blank: return expected == "blank"
        }
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
