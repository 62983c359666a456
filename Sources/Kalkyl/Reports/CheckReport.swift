/// What `kalkyl check` found in one model: its size, and each failing cell of its checks as
/// a diagnostic. The command prints `summary` for a model whose checks hold, and the
/// diagnostics for one whose checks fail.
public struct CheckReport: Codable, Sendable {
    /// The model file, as named.
    public var file: String
    public var definitions: Int
    public var inputs: Int
    /// Definitions with a value per period.
    public var series: Int
    /// The first and last period, when the model has a timeline.
    public var timeline: [String]?
    public var scenarios: [String]
    public var checks: Int
    /// Each failing check cell, at most `limitPerCheck` per check and then a note with the rest.
    public var failures: [DiagnosticReport]
    /// The failures as diagnostics, for the terminal.
    public let diagnostics: [Diagnostic]

    enum CodingKeys: String, CodingKey {
        case file, definitions, inputs, series, timeline, scenarios, checks, failures
    }

    public init(_ evaluation: Evaluation, file: String, limitPerCheck: Int = 10) {
        let model = evaluation.model
        let definitions = model.definitions.filter { !$0.isCheck }
        self.file = file
        self.definitions = definitions.count
        self.inputs = definitions.filter(\.isInput).count
        self.series = definitions.filter(\.isSeries).count
        self.timeline = model.timeline.count > 0 ? [model.timeline.label(0), model.timeline.label(model.timeline.count - 1)] : nil
        self.scenarios = model.scenarios.map(\.name)
        self.checks = model.definitions.filter(\.isCheck).count
        self.diagnostics = CheckReport.diagnostics(CheckRunner.run(evaluation), in: model, limitPerCheck: limitPerCheck)
        self.failures = diagnostics.map(DiagnosticReport.init)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        definitions = try c.decode(Int.self, forKey: .definitions)
        inputs = try c.decode(Int.self, forKey: .inputs)
        series = try c.decode(Int.self, forKey: .series)
        timeline = try c.decodeIfPresent([String].self, forKey: .timeline)
        scenarios = try c.decode([String].self, forKey: .scenarios)
        checks = try c.decode(Int.self, forKey: .checks)
        failures = try c.decode([DiagnosticReport].self, forKey: .failures)
        diagnostics = []
    }

    public var passes: Bool { failures.isEmpty }

    /// `FILE: ok — 12 definitions (4 inputs, 8 formulas; 6 over time), timeline 2021-01 .. 2021-12, scenarios: a; 2 checks pass`
    public var summary: String {
        var text = "\(file): ok — \(definitions) definitions (\(inputs) inputs, \(definitions - inputs) formulas; \(series) over time)"
        if let timeline { text += ", timeline \(timeline[0]) .. \(timeline[1])" }
        if !scenarios.isEmpty { text += ", scenarios: " + scenarios.joined(separator: ", ") }
        if checks > 0 { text += "; \(checks) check\(checks == 1 ? "" : "s") pass" }
        return text
    }

    /// Failed checks as diagnostics: where the check is, which cell fails, and the values.
    public static func diagnostics(_ failures: [CheckRunner.Failure], in model: CheckedModel, limitPerCheck: Int = 10) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var shown: [Int: Int] = [:]
        var counts: [Int: Int] = [:]
        for f in failures { counts[f.slot, default: 0] += 1 }
        for f in failures {
            shown[f.slot, default: 0] += 1
            let d = model.definitions[f.slot]
            if shown[f.slot]! > limitPerCheck {
                if shown[f.slot]! == limitPerCheck + 1 {
                    out.append(Diagnostic(.note, "check '\(d.name)' fails in \(counts[f.slot]! - limitPerCheck) more cells", at: d.location,
                                          code: .checkFailsMore))
                }
                continue
            }
            var place: [String] = []
            if let p = f.period { place.append(model.timeline.label(p)) }
            place += f.members
            let cell = place.isEmpty ? "" : " in " + JSONNode.escaped(place.joined(separator: ", "), quotes: false)
            var message = "check '\(d.name)' fails\(cell)"
            if let (left, right, op) = f.sides {
                message += ": \(show(left)) \(op.rawValue) \(show(right)) is \(show(f.value))"
            } else {
                message += ": it is \(show(f.value))"
            }
            out.append(.error(message, at: d.location, hint: d.label, code: .checkFails))
        }
        return out
    }

    static func show(_ v: Value) -> String {
        if case .number(let x) = v { return ExcelNumberText.general(x) }
        return v.description
    }
}

/// A diagnostic as data: code, severity, message, place (1-based line and column) and hint.
public struct DiagnosticReport: Codable, Sendable {
    public var code: String?
    public var severity: String
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var hint: String?

    public init(_ d: Diagnostic) {
        code = d.code?.rawValue
        severity = d.severity.rawValue
        message = d.message
        file = d.location?.file.path
        line = d.location?.line
        column = d.location?.column
        hint = d.hint
    }
}
