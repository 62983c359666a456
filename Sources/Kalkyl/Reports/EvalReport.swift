/// What `kalkyl eval` computed, as data: the model, the scenario, the periods and each
/// printed name's values, plus what the model adds (its closed months, line kinds,
/// scorecard). `json()` is `eval --format json` (docs/cli.md).
public struct EvalReport: Codable, Sendable {
    public var model: String
    public var scenario: String
    public var periods: [String]
    /// The last closed period, present only in a model that declares `actuals through`.
    public var actualsThrough: String?
    /// Each printed name's values, in the order asked for.
    public var values: OrderedEntries<ValueTree>
    /// Each printed name's line kind (`cost`, `revenue`, `result` or nil), present only when
    /// the model declares kinds.
    public var kinds: OrderedEntries<String?>?
    /// The tertials and years totals are given for (a monthly timeline's), present only when
    /// a printed series has totals.
    public var totalPeriods: [String]?
    /// Each printed series' totals over `totalPeriods`: how they are formed (`sum`, `closing`,
    /// `average`) and their values, shaped as `values` is.
    public var totals: OrderedEntries<SeriesTotals>?
    public var scorecard: ScorecardReport?
    /// Dimension → member → name (`ansvar` → `411010` → "VC Centrum"), for the dimensions of
    /// the printed names that have names; present only when one has.
    public var memberNames: OrderedEntries<OrderedEntries<String>>?

    /// A series' tertial and year totals: a stock's are its closing values, a flow's its sums.
    public struct SeriesTotals: Codable, Sendable {
        public var kind: String
        public var values: ValueTree
    }

    enum CodingKeys: String, CodingKey {
        case model, scenario, periods, actualsThrough = "actuals_through", values, kinds
        case totalPeriods = "total_periods", totals, scorecard, memberNames = "member_names"
    }

    /// The values of `slots` in an evaluation, with the scorecard when given.
    public init(evaluation: Evaluation, slots: [Int], scorecard: Scorecard? = nil) {
        self.init(evaluation: evaluation, slots: slots, scorecard: scorecard, values: true)
    }

    /// Without `values`, everything but the values and their totals: what `writeJSON` writes
    /// around the values it writes itself.
    init(evaluation: Evaluation, slots: [Int], scorecard: Scorecard?, values withValues: Bool) {
        let model = evaluation.model
        self.model = model.name
        self.scenario = evaluation.scenarioName
        self.periods = model.timeline.labels
        self.actualsThrough = model.actualsThrough.map(model.timeline.label)
        self.values = OrderedEntries(withValues ? slots.map { (model.definitions[$0].name, ValueTree(evaluation, slot: $0)) } : [])
        if model.definitions.contains(where: { $0.kind != nil }) {
            self.kinds = OrderedEntries(slots.map { (model.definitions[$0].name, model.definitions[$0].kind?.rawValue) })
        }
        let groups = model.totalGroups
        let totals: [(key: String, value: SeriesTotals)] = !withValues ? [] : slots.compactMap { slot in
            let kind = model.totalKind(of: slot, values: evaluation.values(of: slot).values)
            guard kind != .none, !groups.isEmpty else { return nil }
            return (model.definitions[slot].name, SeriesTotals(kind: kind.name, values: ValueTree(evaluation, slot: slot, totals: kind, over: groups)))
        }
        if !totals.isEmpty {
            self.totalPeriods = groups.map(\.title)
            self.totals = OrderedEntries(totals)
        }
        self.scorecard = scorecard.map { ScorecardReport(evaluation: evaluation, scorecard: $0) }
        var dimensions: [Int] = []
        for slot in slots { for d in model.definitions[slot].dimensions where !dimensions.contains(d) { dimensions.append(d) } }
        let named = dimensions.map { model.dimensions[$0] }.filter { !$0.descriptions.isEmpty }
        if !named.isEmpty {
            self.memberNames = OrderedEntries(named.map { dimension in
                (dimension.name, OrderedEntries(dimension.members.indices.compactMap { m in
                    dimension.description(of: m).map { (dimension.members[m], $0) }
                }))
            })
        }
    }

    // The additions to cli.md's shape are present only when the model has them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(periods, forKey: .periods)
        if let actualsThrough { try c.encode(actualsThrough, forKey: .actualsThrough) }
        try c.encode(values, forKey: .values)
        if let kinds { try c.encode(kinds, forKey: .kinds) }
        if let totalPeriods, let totals {
            try c.encode(totalPeriods, forKey: .totalPeriods)
            try c.encode(totals, forKey: .totals)
        }
        if let scorecard { try c.encode(scorecard, forKey: .scorecard) }
        if let memberNames { try c.encode(memberNames, forKey: .memberNames) }
    }

    /// `eval --format json`: the top level, `values` and the scorecard's lists one entry a line.
    public func json() -> String {
        let encoder = ReportEncoder(brokenPaths: ["", "values", "totals", "scorecard", "scorecard/perspectives", "scorecard/measures"])
        return (try? encoder.encode(self)) ?? "{}\n"
    }
}

/// One definition's values: a scalar's value, a series' values over the periods, and around
/// them an object keyed by member per dimension, the first dimension outermost.
public indirect enum ValueTree: Codable, Sendable {
    case value(Value)
    case series([Value])
    case members(OrderedEntries<ValueTree>)

    /// A definition's cells in an evaluation.
    public init(_ evaluation: Evaluation, slot: Int) {
        let model = evaluation.model
        let d = model.definitions[slot]
        let column = evaluation.values(of: slot)
        let members = model.memberCount(of: slot)
        self.init(model, slot: slot) { member in
            guard d.isSeries else { return .value(column[member]) }
            return .series((0..<model.timeline.count).map { column[$0 * members + member] })
        }
    }

    /// A series' totals over `groups` (tertials and years), a member's in each.
    public init(_ evaluation: Evaluation, slot: Int, totals kind: TotalKind, over groups: [TotalGroup]) {
        let model = evaluation.model
        let column = evaluation.values(of: slot)
        let members = model.memberCount(of: slot)
        self.init(model, slot: slot) { member in
            .series(groups.map { group in kind.value(of: group.periods.map { column[$0 * members + member] }) })
        }
    }

    /// The tree of a definition's members around what `cell` gives for each member's index.
    init(_ model: CheckedModel, slot: Int, cell: (Int) -> ValueTree) {
        let d = model.definitions[slot]
        let members = model.memberCount(of: slot)
        func level(_ k: Int, _ offset: Int, _ stride: Int) -> ValueTree {
            guard k < d.dimensions.count else { return cell(offset) }
            let dimension = model.dimensions[d.dimensions[k]]
            let inner = stride / dimension.members.count
            return .members(OrderedEntries(dimension.members.enumerated().map { i, name in
                (name, level(k + 1, offset + i * inner, inner))
            }))
        }
        self = level(0, 0, members)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .value(let v): try v.encode(to: encoder)
        case .series(let values): try values.encode(to: encoder)
        case .members(let members): try members.encode(to: encoder)
        }
    }

    public init(from decoder: any Decoder) throws {
        if let values = try? [Value](from: decoder) {
            self = .series(values)
        } else if let members = try? OrderedEntries<ValueTree>(from: decoder) {
            self = .members(members)
        } else {
            self = .value(try Value(from: decoder))
        }
    }
}
