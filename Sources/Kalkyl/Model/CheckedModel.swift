/// Which period of a source a reference reads, relative to the period being computed.
package enum TimeAccess: Sendable, Hashable {
    /// The source has no periods.
    case none
    /// The period being computed, shifted (`x[month-1]` is -1).
    case shifted(Int)
    /// One fixed period: `x[2021-03]`.
    case fixed(Int)
}

/// Which member of a source each member of the block being computed reads.
package enum MemberMap: Sendable, Hashable {
    /// The same member: the source has exactly the dimensions being computed.
    case identity
    /// One member for all (a source without dimensions has its only "member" 0).
    case single(Int)
    /// Member i of the block reads source member `indices[i]`.
    case gather([Int])
}

/// Which cells of a source an aggregate reads, for each cell being computed.
package struct RangeAccess: Sendable, Hashable {
    package enum Periods: Sendable, Hashable {
        /// The source has no periods.
        case none
        /// The period being computed, shifted.
        case shifted(Int)
        /// Fixed periods `from...to` (the whole timeline for `SUM(x)` in a scalar).
        case fixed(ClosedRange<Int>)
    }
    package enum Members: Sendable, Hashable {
        /// One member per cell being computed.
        case map(MemberMap)
        /// Every source member listed, the same for each cell: `SUM(cost[employee])`.
        case all([Int])
        /// A list of source members for each member being computed.
        case groups([[Int]])
    }
    package internal(set) var periods: Periods
    package internal(set) var members: Members
}

/// One step of a checked formula, with every name resolved to a definition's slot.
/// A formula is a postfix list of these: operands push, operators and calls pop.
package enum Op: Sendable {
    case constant(Value)
    /// An array constant, `{1,2;3,4}`: several values for a function's range or array parameter.
    case array(ArrayConstant)
    /// An argument left out, as in `CONCATENATE("a",,"b")`.
    case missing
    /// One cell of another definition for each cell being computed.
    case load(slot: Int, time: TimeAccess, members: MemberMap)
    /// Several cells for each cell being computed, for an aggregate: `SUM(x[2021-01 .. 2021-04])`.
    case loadRange(slot: Int, RangeAccess)
    /// The value of the period being computed: `month` (its Excel date) or `year`.
    case axis
    /// `PREV(x, init)`: x at the previous period, or `init` (popped) in the first.
    case prev(slot: Int, members: MemberMap)
    /// `YTD(x)`, `TTD(x)`, `QTD(x)`: the sum from the start of the fiscal year, its tertial or
    /// its quarter up to the period.
    case toDate(slot: Int, PeriodGroup, members: MemberMap)
    /// `ROLLING(x, n)`: the sum of the last n periods, as many as the timeline has.
    case rolling(slot: Int, count: Int, members: MemberMap)
    case negate
    case plus
    case percent
    case binary(BinaryOperator)
    case call(FunctionSpec, argc: Int)
}

/// How one definition depends on another; the graph orders evaluation by these.
package enum Dependency: Sendable, Hashable {
    /// Cell p needs the other's cell p + offset (0 for the same period, -1 for the previous).
    case shifted(slot: Int, offset: Int)
    /// Needs a scalar.
    case scalar(slot: Int)
    /// Needs fixed periods, or the whole series (aggregates, `x[2021-03]`).
    case fixed(slot: Int)
    /// Needs the periods up to its own (YTD, ROLLING): safe only on other definitions.
    case window(slot: Int)

    package var slot: Int {
        switch self {
        case .shifted(let s, _), .scalar(let s), .fixed(let s), .window(let s): s
        }
    }
}

/// An input's value in some cells, from the base model, a scenario or `--set`.
public struct InputAssignment: Sendable {
    public internal(set) var slot: Int
    /// The periods it sets; nil for all of them.
    public internal(set) var periods: ClosedRange<Int>?
    /// For each of the input's dimensions, the member it sets, or nil for every member.
    public internal(set) var members: [Int?] = []
    /// Values read from a data file for the cells set, in their order (then `formula` is unused).
    public internal(set) var data: DataCells? = nil
    /// Where each of `data`'s cells was read in its file (over the dimensions `members`
    /// leaves open, from the first of `periods`).
    public internal(set) var dataOrigins: DataOrigins? = nil
    /// A constant formula.
    package internal(set) var formula: [Op]
    public internal(set) var location: SourceLocation?
}

/// Which inputs bound a reference's periods: `from` and `to` of a range, or both the same
/// for one period picked (`x[closed]`); nil where the period is written out.
package struct PeriodBoundUse: Sendable, Hashable {
    package internal(set) var from: Int?
    package internal(set) var to: Int?
    package internal(set) var isPick: Bool
}

/// A definition after checking: names resolved, shape known, formula compiled to `Op`s.
public struct CheckedDefinition: Sendable {
    public internal(set) var name: String
    public internal(set) var label: String?
    public internal(set) var unit: String?
    /// `cost`, `revenue` or `result`, when declared: which way a variance is favourable.
    public internal(set) var kind: LineKind? = nil
    /// `stock`, `flow` or `average`, when declared: how its periods total.
    public internal(set) var declaredTotal: PeriodTotalDeclaration? = nil
    public internal(set) var isInput: Bool
    /// A `check`: every cell must be TRUE.
    public internal(set) var isCheck: Bool = false
    /// Whether it has a value per period.
    public internal(set) var isSeries: Bool
    /// The dimensions it spans, as indices into `CheckedModel.dimensions`, in the order written.
    public internal(set) var dimensions: [Int]
    /// Where the name is defined, for diagnostics and `explain`.
    public internal(set) var location: SourceLocation
    /// The whole statement that defines it, label and formula included (a multi-line one too).
    public internal(set) var statement: SourceLocation
    /// The formula as written, kept to print it back (explain, export).
    package internal(set) var expression: FormulaTree
    /// The compiled formula; for an input, its base value (then its period assignments follow).
    package internal(set) var formula: [Op]
    package internal(set) var dependencies: [Dependency]
    /// For an input read from a data file, its cells as read (blank where the file has none).
    public internal(set) var data: DataCells? = nil
    /// For an input read from a data file, the file as the model names it (for `= column …`,
    /// its dimension's file).
    public internal(set) var dataFile: String? = nil
    /// For an input read from a data file, where each cell was read in it.
    public internal(set) var dataOrigins: DataOrigins? = nil
    /// The `load` and `loadRange` ops (by index in `formula`) whose periods an input holding a
    /// period bounds (`x[2024-01 .. closed]`, `x[closed]`): the workbook keeps them live.
    package internal(set) var periodBounds: [Int: PeriodBoundUse] = [:]
    /// For an input over versions whose forecast is computed (`kost[forecast, ansvar, month] =
    /// …`): that formula, which gives the forecast members in the months after the close.
    public internal(set) var forecastFormula: ForecastFormula? = nil
    /// The value is a period (`input actuals_through = 2021-04`): show it as one, not as its date number.
    public var showsPeriod: Bool {
        if let root = expression.nodes.last, case .period = root.kind { return true }
        return false
    }
    /// The value is a year (`fy[month] = FISCAL_YEAR(month)`): show 2022, not 2 022.
    public var showsYear: Bool {
        if let root = expression.nodes.last, case .call(let name, _) = root.kind {
            return ["YEAR", "FISCAL_YEAR"].contains(name.uppercased())
        }
        return false
    }
}

/// `dimension unit = Datacenter, Nätverk, MT, Support`: a list of members.
public struct Dimension: Sendable {
    public internal(set) var name: String
    public internal(set) var members: [String]
    public internal(set) var location: SourceLocation
    public internal(set) var memberIndex: MemberIndex
    /// The dimension this one rolls up to (`dimension unit in division = …`), and for each
    /// member the index of its parent member there.
    public internal(set) var parent: Int?
    public internal(set) var parentOf: [Int] = []
    /// Each member's name beside its code (`411010` is "VC Centrum"), from the `name` column
    /// of its file; empty when the dimension has none, "" for a member without one.
    public internal(set) var descriptions: [String] = []

    /// The member as people read it: its code and its name (`411010 VC Centrum`), or the
    /// code alone.
    public func title(of member: Int) -> String {
        guard member < descriptions.count, !descriptions[member].isEmpty else { return members[member] }
        return members[member] + " " + descriptions[member]
    }

    /// The member's name, nil when it has none.
    public func description(of member: Int) -> String? {
        member < descriptions.count && !descriptions[member].isEmpty ? descriptions[member] : nil
    }

    public init(name: String, members: [String], location: SourceLocation) {
        self.init(name: name, members: members, location: location, memberIndex: MemberIndex(members))
    }

    /// With the index of its members already built (`MemberIndex(members)`).
    init(name: String, members: [String], location: SourceLocation, memberIndex: MemberIndex) {
        self.name = name
        self.members = members
        self.location = location
        self.memberIndex = memberIndex
    }
}

public struct Scenario: Sendable {
    public internal(set) var name: String
    public internal(set) var label: String?
    public internal(set) var assignments: [InputAssignment]
}

/// A model that has passed checking: it can be evaluated.
public struct CheckedModel: Sendable {
    public internal(set) var name: String
    public internal(set) var file: SourceFile
    public internal(set) var timeline: Timeline
    public internal(set) var dimensions: [Dimension]
    /// The last closed period (`actuals through 2021-04`), as an index on the timeline.
    public internal(set) var actualsThrough: Int? = nil
    /// The inputs a yearly amount is spread by (`spread by profil`), by slot, each with the
    /// input spread by it: spread when the data is read, so no what-if may change them.
    public internal(set) var spreadProfiles: [Int: String] = [:]
    /// `language sv` or `language en`, when the model says; otherwise its language is detected
    /// from its words (``ReportLanguage/of(_:)``).
    public internal(set) var declaredLanguage: ReportLanguage? = nil
    /// The `version` dimension and its actual and forecast members, when the model has one.
    public internal(set) var versions: (dimension: Int, actual: Int, forecast: Int)? = nil
    public internal(set) var definitions: [CheckedDefinition]
    /// The measures and perspectives of the model's scorecard, if it has one.
    public internal(set) var scorecard: Scorecard? = nil
    /// Period overrides of series inputs in the base model: `input hires[2021-02] = 2`.
    public internal(set) var baseAssignments: [InputAssignment]
    public internal(set) var scenarios: [Scenario]
    package internal(set) var expectations: [Expectation]
    let slotsByName: [String: Int]
    /// What formulas resolve against, kept for what-ifs and checks checked after loading.
    let names: NameTable
    /// Where the model's data files were read from, for what reads them again (explain).
    public internal(set) var sources: any SourceProvider = DiskSources()
    /// The data files the model reads, as it names them, each once, in the order first named:
    /// what `watch` follows and the workbook's cover hashes.
    public internal(set) var dataFiles: [String] = []

    /// The path a data file named in the model is read from (with `sources`): as written if
    /// absolute, else beside the model file.
    public func dataFilePath(_ path: String) -> String {
        DataFile.resolve(path, in: DataFiles.folder(of: file))
    }

    public func slot(named name: String) -> Int? { slotsByName[name] }

    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

    /// For a definition over versions, the pairs of members (forecast, actual) that differ
    /// only in their version: up to the last closed period, the forecast is the actual.
    public func forecastPairs(of slot: Int) -> [(forecast: Int, actual: Int)] {
        guard let versions, actualsThrough != nil, definitions[slot].isSeries,
              let k = definitions[slot].dimensions.firstIndex(of: versions.dimension) else { return [] }
        let dims = definitions[slot].dimensions
        let sizes = dims.map { dimensions[$0].members.count }
        var stride = 1
        for j in (k + 1)..<dims.count { stride *= sizes[j] }
        var pairs: [(Int, Int)] = []
        for member in 0..<memberCount(of: slot) where (member / stride) % sizes[k] == versions.forecast {
            pairs.append((member, member + (versions.actual - versions.forecast) * stride))
        }
        return pairs
    }

    /// Members in one period of a definition's block: the product of its dimensions' sizes.
    public func memberCount(of slot: Int) -> Int {
        definitions[slot].dimensions.reduce(1) { $0 * dimensions[$1].members.count }
    }

    /// Cells in a definition's block: members × periods. The block is stored period by
    /// period, and within a period member by member, the last dimension fastest.
    public func cellCount(of slot: Int) -> Int { memberCount(of: slot) * (definitions[slot].isSeries ? timeline.count : 1) }

    /// The members of cell `member` as people read them, code and name (`411010 VC Centrum`),
    /// one per dimension.
    public func memberTitles(of slot: Int, member: Int) -> [String] {
        var rest = member
        var titles: [String] = []
        for d in definitions[slot].dimensions.reversed() {
            let size = dimensions[d].members.count
            titles.append(dimensions[d].title(of: rest % size))
            rest /= size
        }
        return titles.reversed()
    }

    /// The members' names of cell `member` of a definition, one per dimension.
    public func memberNames(of slot: Int, member: Int) -> [String] {
        var rest = member
        var names: [String] = []
        for d in definitions[slot].dimensions.reversed() {
            let size = dimensions[d].members.count
            names.append(dimensions[d].members[rest % size])
            rest /= size
        }
        return names.reversed()
    }
}
