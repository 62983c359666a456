/// Turns a parsed file into a checked model: one definition per name, every name resolved,
/// every period on the timeline. It reports every problem it finds, not just the first.
public struct Checker {
    let syntax: SyntaxFile
    var diagnostics: [Diagnostic] = []
    var timeline: Timeline?
    var timelineRange: SourceRange?
    var modelName: String?
    var fiscalStart: (month: Int, range: SourceRange)?

    public init(syntax: SyntaxFile) { self.syntax = syntax }

    var file: SourceFile { syntax.file }
    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    /// The checked model, or nil when there were errors (listed in the diagnostics).
    public static func check(_ syntax: SyntaxFile) -> (CheckedModel?, [Diagnostic]) {
        var checker = Checker(syntax: syntax)
        let model = checker.run()
        return (checker.diagnostics.contains { $0.severity == .error } ? nil : model, checker.diagnostics)
    }

    mutating func run() -> CheckedModel {
        readHeader()
        let resolvedTimeline = timeline ?? Timeline(granularity: .monthly, first: 0, count: 0)

        // Slots first, so definitions may use names defined further down.
        var slots: [String: Int] = [:]
        var bodies: [Definition] = []
        var periodAssignments: [Definition] = []
        for case .definition(let d) in syntax.statements {
            switch d.target {
            case .period, .range:
                if d.isInput {
                    periodAssignments.append(d)
                } else {
                    diagnostics.append(.error("only an input can be set for some periods; '\(d.name)' is a formula",
                                              at: location(d.targetRange ?? d.nameRange),
                                              hint: "write 'input \(d.name)[…] = …', or define the whole series with \(d.name)[month] = …"))
                }
                continue
            case .whole, .series:
                break
            }
            if let first = slots[d.name] {
                diagnostics.append(.error("'\(d.name)' is defined twice", at: location(d.nameRange),
                                          notes: [Diagnostic(.note, "first defined here", at: location(bodies[first].nameRange))]))
                continue
            }
            if d.target == .series && timeline == nil {
                diagnostics.append(.error("'\(d.name)' is a series, but the model has no timeline", at: location(d.targetRange ?? d.nameRange),
                                          hint: "add a line such as: timeline monthly 2021-01 .. 2021-12"))
            }
            if d.name == resolvedTimeline.axisName, timeline != nil {
                diagnostics.append(.error("'\(d.name)' names the timeline's axis and cannot be defined", at: location(d.nameRange)))
            }
            slots[d.name] = bodies.count
            bodies.append(d)
        }

        let shapes = bodies.map { NameShape(isSeries: $0.target == .series, isInput: $0.isInput) }
        var definitions: [CheckedDefinition] = []
        for (slot, d) in bodies.enumerated() {
            var fc = FormulaChecker(file: file, timeline: resolvedTimeline, hasTimeline: timeline != nil,
                                    slots: slots, shapes: shapes, isSeries: d.target == .series,
                                    isConstant: d.isInput, selfSlot: slot)
            let (ops, deps) = fc.compile(d.expression)
            diagnostics += fc.diagnostics
            definitions.append(CheckedDefinition(name: d.name, label: d.label, unit: d.unit, isInput: d.isInput,
                                                 isSeries: d.target == .series, location: location(d.nameRange),
                                                 expression: d.expression, formula: ops, dependencies: deps))
        }

        let base = periodAssignments.compactMap { assignment($0, slots: slots, shapes: shapes, timeline: resolvedTimeline, context: "") }
        var scenarios: [Scenario] = []
        for case .scenario(let s) in syntax.statements {
            if let other = scenarios.first(where: { $0.name == s.name }) {
                _ = other
                diagnostics.append(.error("the scenario '\(s.name)' is defined twice", at: location(s.nameRange)))
                continue
            }
            if s.name == "base" {
                diagnostics.append(.error("'base' is the model without overrides; give this scenario another name", at: location(s.nameRange)))
            }
            let assignments = s.overrides.compactMap {
                assignment($0, slots: slots, shapes: shapes, timeline: resolvedTimeline, context: " in scenario '\(s.name)'")
            }
            scenarios.append(Scenario(name: s.name, label: s.label, assignments: assignments))
        }

        let name = modelName ?? defaultModelName
        return CheckedModel(name: name, file: file, timeline: resolvedTimeline, definitions: definitions,
                            baseAssignments: base, scenarios: scenarios, expectations: syntax.expectations, slotsByName: slots)
    }

    var defaultModelName: String {
        let base = file.path.split(separator: "/").last.map(String.init) ?? file.path
        return base.hasSuffix(".kalkyl") ? String(base.dropLast(7)) : base
    }

    mutating func readHeader() {
        var modelRange: SourceRange?
        var fiscalRange: SourceRange?
        for statement in syntax.statements {
            switch statement {
            case .model(let name, let range):
                if modelRange != nil {
                    diagnostics.append(.error("the model is named twice", at: location(range)))
                } else {
                    modelName = name
                    modelRange = range
                }
            case .timeline(let granularity, let from, let to, let range):
                if let first = timelineRange {
                    diagnostics.append(.error("the model has two timelines", at: location(range),
                                              notes: [Diagnostic(.note, "the first is here", at: location(first))]))
                } else {
                    timeline = Timeline(granularity: granularity, first: from, count: to - from + 1)
                    timelineRange = range
                }
            case .fiscalYear(let month, let range):
                if fiscalRange != nil {
                    diagnostics.append(.error("the fiscal year's start is given twice", at: location(range)))
                }
                fiscalRange = range
                fiscalStart = (month, range)
            default:
                break
            }
        }
        if let (month, range) = fiscalStart {
            if timeline?.granularity == .yearly {
                diagnostics.append(.error("a fiscal year start only applies to a monthly timeline", at: location(range)))
            }
            timeline?.fiscalYearStart = month
        }
    }

    /// An input set in some periods (`input hires[2021-02] = 2`) or a scenario's override.
    mutating func assignment(_ d: Definition, slots: [String: Int], shapes: [NameShape], timeline: Timeline, context: String) -> InputAssignment? {
        guard let slot = slots[d.name] else {
            let hint = Suggestions.closest(to: d.name, in: slots.keys.filter { shapes[slots[$0]!].isInput }).map { "did you mean '\($0)'?" }
            diagnostics.append(.error("'\(d.name)' is not an input of this model\(context)", at: location(d.nameRange), hint: hint))
            return nil
        }
        guard shapes[slot].isInput else {
            diagnostics.append(.error("'\(d.name)' is a formula, and only inputs can be overridden\(context)", at: location(d.nameRange),
                                      hint: "make it an input, or override the inputs it is computed from"))
            return nil
        }
        var periods: ClosedRange<Int>?
        switch d.target {
        case .whole:
            break
        case .series:
            guard shapes[slot].isSeries else {
                diagnostics.append(.error("'\(d.name)' is a scalar input; write \(d.name) = …", at: location(d.targetRange ?? d.nameRange)))
                return nil
            }
        case .period(let p):
            guard shapes[slot].isSeries else {
                diagnostics.append(.error("'\(d.name)' is a scalar input and has no periods", at: location(d.targetRange ?? d.nameRange)))
                return nil
            }
            guard let i = place(p, on: timeline) else { return nil }
            periods = i...i
        case .range(let from, let to):
            guard shapes[slot].isSeries else {
                diagnostics.append(.error("'\(d.name)' is a scalar input and has no periods", at: location(d.targetRange ?? d.nameRange)))
                return nil
            }
            guard let a = place(from, on: timeline) else { return nil }
            let b = to.map { place($0, on: timeline) } ?? timeline.count - 1
            guard let b else { return nil }
            guard a <= b else {
                diagnostics.append(.error("this range runs backwards: \(from.label) comes after \(to?.label ?? "")", at: location(d.targetRange ?? d.nameRange)))
                return nil
            }
            periods = a...b
        }
        var fc = FormulaChecker(file: file, timeline: timeline, hasTimeline: true, slots: slots, shapes: shapes,
                                isSeries: false, isConstant: true, selfSlot: slot)
        let (ops, _) = fc.compile(d.expression)
        diagnostics += fc.diagnostics
        return InputAssignment(slot: slot, periods: periods, formula: ops, location: location(d.nameRange))
    }

    mutating func place(_ p: PeriodLiteral, on timeline: Timeline) -> Int? {
        var fc = FormulaChecker(file: file, timeline: timeline, hasTimeline: self.timeline != nil, slots: [:], shapes: [],
                                isSeries: false, isConstant: true, selfSlot: -1)
        let i = fc.place(p)
        diagnostics += fc.diagnostics
        return i
    }
}

/// What the checker needs to know of a name to resolve a reference to it.
struct NameShape {
    var isSeries: Bool
    var isInput: Bool
}
