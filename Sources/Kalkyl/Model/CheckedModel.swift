/// One step of a checked formula, with every name resolved to a definition's slot.
/// A formula is a postfix list of these: operands push, operators and calls pop.
public enum Op: Sendable {
    case constant(Value)
    /// An argument left out, as in `CONCATENATE("a",,"b")`.
    case missing
    /// A series at the period being computed, shifted by `offset` (`x[month-1]` is -1).
    case load(slot: Int, offset: Int)
    /// A scalar definition or input.
    case loadScalar(slot: Int)
    /// One fixed period of a series: `x[2021-03]`.
    case loadPeriod(slot: Int, period: Int)
    /// Periods `from...to` of a series, as a range for an aggregate: `SUM(x[2021-01 .. 2021-04])`.
    case loadRange(slot: Int, from: Int, to: Int)
    /// The value of the period being computed: `month` (its Excel date) or `year`.
    case axis
    /// `PREV(x, init)`: x at the previous period, or `init` (popped) in the first.
    case prev(slot: Int)
    /// `YTD(x)`: the sum from the start of the fiscal year up to the period.
    case ytd(slot: Int)
    /// `ROLLING(x, n)`: the sum of the last n periods, as many as the timeline has.
    case rolling(slot: Int, count: Int)
    case negate
    case plus
    case percent
    case binary(BinaryOperator)
    case call(FunctionSpec, argc: Int)
}

/// How one definition depends on another; the graph orders evaluation by these.
public enum Dependency: Sendable, Hashable {
    /// Cell p needs the other's cell p + offset (0 for the same period, -1 for the previous).
    case shifted(slot: Int, offset: Int)
    /// Needs a scalar.
    case scalar(slot: Int)
    /// Needs fixed periods, or the whole series (aggregates, `x[2021-03]`).
    case fixed(slot: Int)
    /// Needs the periods up to its own (YTD, ROLLING): safe only on other definitions.
    case window(slot: Int)

    public var slot: Int {
        switch self {
        case .shifted(let s, _), .scalar(let s), .fixed(let s), .window(let s): s
        }
    }
}

/// An input's value in some periods, from the base model, a scenario or `--set`.
public struct InputAssignment: Sendable {
    public var slot: Int
    /// The periods it sets; nil for all of the input.
    public var periods: ClosedRange<Int>?
    /// A constant formula.
    public var formula: [Op]
    public var location: SourceLocation?
}

/// A definition after checking: names resolved, shape known, formula compiled to `Op`s.
public struct CheckedDefinition: Sendable {
    public var name: String
    public var label: String?
    public var unit: String?
    public var isInput: Bool
    public var isSeries: Bool
    /// Where the name is defined, for diagnostics and `explain`.
    public var location: SourceLocation
    /// The formula as written, kept to print it back (explain, export).
    public var expression: FormulaTree
    /// The compiled formula; for an input, its base value (then its period assignments follow).
    public var formula: [Op]
    public var dependencies: [Dependency]
    /// The value is a period (`input actuals_through = 2021-04`): show it as one, not as its date number.
    public var showsPeriod: Bool {
        if let root = expression.nodes.last, case .period = root.kind { return true }
        return false
    }
}

public struct Scenario: Sendable {
    public var name: String
    public var label: String?
    public var assignments: [InputAssignment]
}

/// A model that has passed checking: it can be evaluated.
public struct CheckedModel: Sendable {
    public var name: String
    public var file: SourceFile
    public var timeline: Timeline
    public var definitions: [CheckedDefinition]
    /// Period overrides of series inputs in the base model: `input hires[2021-02] = 2`.
    public var baseAssignments: [InputAssignment]
    public var scenarios: [Scenario]
    public var expectations: [Expectation]
    let slotsByName: [String: Int]

    public func slot(named name: String) -> Int? { slotsByName[name] }

    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

    /// Cells in a definition's block.
    public func cellCount(of slot: Int) -> Int { definitions[slot].isSeries ? timeline.count : 1 }
}
