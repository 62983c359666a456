/// Checks a model's `# expect:` comments against its computed values.
public enum ExpectationCheck {
    public struct Failure: Sendable, CustomStringConvertible {
        public var expectation: Expectation
        public var actual: String
        public var description: String {
            let target = expectation.name + (expectation.period.map { "[\($0)]" } ?? "")
            let scenario = expectation.scenario == "base" ? "" : " (scenario \(expectation.scenario))"
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
            for e in expectations {
                guard let actual = actualValue(e, in: evaluation) else {
                    failures.append(Failure(expectation: e, actual: "not found"))
                    continue
                }
                if !matches(actual, e.expected) { failures.append(Failure(expectation: e, actual: actual.description)) }
            }
        }
        return failures
    }

    static func actualValue(_ e: Expectation, in evaluation: Evaluation) -> Value? {
        guard let slot = evaluation.model.slot(named: e.name) else { return nil }
        let block = evaluation.values(of: slot)
        guard let period = e.period else { return block.count == 1 ? block[0] : nil }
        guard let index = evaluation.model.timeline.labels.firstIndex(of: period), index < block.count else { return nil }
        return block[index]
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
