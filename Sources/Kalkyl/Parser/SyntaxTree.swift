/// Operators with Excel's meaning.
package enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case concat = "&"
    case equal = "=", notEqual = "<>", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    /// Excel's precedence, higher binds tighter.
    package var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 1
        case .concat: 2
        case .add, .subtract: 3
        case .multiply, .divide: 4
        case .power: 5
        }
    }
}

/// A period as written: `2021-04` (a month) or, inside brackets on a yearly axis, `2021`.
/// The checker places it on the timeline.
package struct PeriodLiteral: Sendable, Hashable {
    package var year: Int
    /// 1–12, or nil for a year.
    package var month: Int?
    package var range: SourceRange

    package var label: String { month.map { Period.label(year: year, month: $0) } ?? String(year) }
}

/// One part of a subscript `x[…]` or of a definition's brackets `x[unit, month] = …`.
package enum SubscriptPart: Sendable, Equatable {
    /// A dimension (`unit`: every member, or the definition's own axis on the left of `=`),
    /// or one member (`Datacenter`). The checker tells which.
    case name(String, SourceRange)
    /// `month` (offset 0) or `month-1`: a period relative to the one being computed.
    case relative(offset: Int, SourceRange)
    /// `2021-03`: one period.
    case period(PeriodLiteral)
    /// `2021-01 .. 2021-04` or `2021-04 ..`: a range of periods.
    case range(from: PeriodLiteral, to: PeriodLiteral?)
    /// `2024-01 .. closed`: a range with a bound held in an input of the model (a period).
    case boundedRange(from: PeriodBound, to: PeriodBound?)

    package var range: SourceRange {
        switch self {
        case .name(_, let r), .relative(_, let r): r
        case .period(let p): p.range
        case .range(let from, let to): from.range.union(to?.range ?? from.range)
        case .boundedRange(let from, let to): from.range.union(to?.range ?? from.range)
        }
    }
}

/// One end of a range: a period written out, or the name of an input holding one (`closed`),
/// so that moving the closed month is one edit.
package enum PeriodBound: Sendable, Equatable {
    case period(PeriodLiteral)
    case name(String, SourceRange)

    package var range: SourceRange {
        switch self {
        case .period(let p): p.range
        case .name(_, let r): r
        }
    }

    package var label: String {
        switch self {
        case .period(let p): p.label
        case .name(let n, _): n
        }
    }
}

/// One node of an expression. Children are indices of nodes stored before it.
package enum NodeKind: Sendable, Equatable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case error(ExcelError)
    /// An array constant, `{1,2;3,4}`.
    case array(ArrayConstant)
    /// An argument left out, as in `CONCATENATE("a",,"b")`.
    case missing
    /// A period literal used as a value, such as `2021-04` in `month >= 2021-04`.
    case period(PeriodLiteral)
    /// A bare name: an input, a definition, or the axis (`month`).
    case name(String)
    /// A name with a subscript; the name's own range is kept for diagnostics.
    case subscripted(String, [SubscriptPart], nameRange: SourceRange, subscriptRange: SourceRange)
    case negate(Int)
    case plus(Int)
    case percent(Int)
    case binary(BinaryOperator, Int, Int)
    case call(String, [Int])
    /// Parentheses the user wrote, kept so the tree prints back as written.
    case group(Int)
}

package struct Node: Sendable, Equatable {
    package var kind: NodeKind
    package var range: SourceRange
}

/// An expression stored flat: every node's children come before it, and the root is last.
///
/// A flat tree cannot overflow the stack when it is walked, freed or compiled, however
/// long the formula: walking `nodes` in order visits children before parents.
package struct FormulaTree: Sendable, Equatable {
    package var nodes: [Node] = []
    package var root: Int { nodes.count - 1 }
    package var range: SourceRange { nodes.last?.range ?? SourceRange(0, 0) }

    package init() {}

    mutating func add(_ kind: NodeKind, _ range: SourceRange) -> Int {
        nodes.append(Node(kind: kind, range: range))
        return nodes.count - 1
    }

    package func children(of index: Int) -> [Int] {
        switch nodes[index].kind {
        case .negate(let a), .plus(let a), .percent(let a), .group(let a): [a]
        case .binary(_, let a, let b): [a, b]
        case .call(_, let args): args
        default: []
        }
    }

    /// Every name the expression mentions, with where.
    package var references: [(name: String, range: SourceRange, subscript: [SubscriptPart]?)] {
        nodes.compactMap { node in
            switch node.kind {
            case .name(let n): (n, node.range, nil)
            case .subscripted(let n, let s, let r, _): (n, r, s)
            default: nil
            }
        }
    }
}

/// What a line of the accounts is, declared before its name (`cost personnel_cost[month] = …`):
/// it says which way a variance against budget is favourable, never guessed from the name.
public enum LineKind: String, Sendable, CaseIterable {
    /// A cost kept as positive amounts: less is better, under budget is favourable.
    case cost
    /// More is better: over budget is favourable.
    case revenue
    /// Kept in the report's signs, costs negative and revenue positive: more is better.
    case result

    /// The sign that makes a favourable variance positive: actual − budget times this.
    public var favourableSign: Double { self == .cost ? -1 : 1 }
}

/// `input NAME = …` or `NAME = …`, with its label and unit.
package struct Definition: Sendable {
    package var name: String
    package var nameRange: SourceRange
    package var isInput: Bool
    /// What is inside the brackets on the left of `=`: the axes of a definition
    /// (`[unit, month]`), or the cells an input assignment sets (`[Datacenter, 2021-04 ..]`).
    /// Empty for a scalar.
    package var target: [SubscriptPart]
    package var targetRange: SourceRange?
    package var unit: String?
    package var label: String?
    package var expression: FormulaTree
    package var range: SourceRange
    /// For an input read from a data file, where from; its expression is then empty.
    package var source: DataSourceSyntax? = nil
    /// `cost`, `revenue` or `result` written before the name, and where.
    package var kind: (kind: LineKind, range: SourceRange)? = nil
    /// What follows a data source: `missing 0`, `credit positive`, `spread …`.
    package var dataOptions = DataOptionsSyntax()
    /// `stock`, `flow` or `average` written before the name, and where: how its periods total.
    package var total: (kind: PeriodTotalDeclaration, range: SourceRange)? = nil
}

/// How a series' tertial and year totals are formed, when a definition says so
/// (`stock headcount[month]: persons = …`, `average fte[month]: FTE = …`).
public enum PeriodTotalDeclaration: String, Sendable, CaseIterable {
    /// A level at a point in time: its total is the closing (last) period's value.
    case stock
    /// An amount per period: its total is the sum.
    case flow
    /// Its total is the average of the periods (FTE over a year, as personnel reports count it).
    case average
}

/// The clauses after a data source that say how its rows become cells.
package struct DataOptionsSyntax: Sendable {
    /// `missing 0`: a member (or, in long form, a member and period) with no row is zero, as
    /// in a sparse ledger, rather than blank with a warning. The range is the clause's.
    package var missingIsZero: SourceRange? = nil
    /// `credit positive`: every amount read is negated, so a credit, which a ledger and a SIE
    /// file book negative (revenue), is positive, and a debit (a cost) negative. The range is
    /// the clause's.
    package var creditPositive: SourceRange? = nil
    /// `spread …`: a yearly amount per member spread over the months.
    package var spread: SpreadSyntax? = nil
    /// `in percent`: the file's numbers without `%` are per cent (`50` is 50 %), as HR systems
    /// export a degree of employment; only for a `%` input. The range is the clause's.
    package var inPercent: SourceRange? = nil

    package init() {}
}

/// `spread evenly`, `spread by days`, `spread by working days`, `spread by NAME` (a profile
/// input of the model) or `spread by "key.csv" key K` (a periodisation key file).
package struct SpreadSyntax: Sendable {
    package enum Method: Sendable {
        case evenly
        case calendarDays
        case workingDays
        case profile(DataName)
        case keyFile(path: String, pathRange: SourceRange, key: DataName)
    }
    package var method: Method
    package var range: SourceRange
}

/// `scenario NAME "label" { … }`.
package struct ScenarioSyntax: Sendable {
    package var name: String
    package var nameRange: SourceRange
    package var label: String?
    package var overrides: [Definition]
    package var range: SourceRange
}

/// `dimension unit = Datacenter, Nätverk, MT, Support`, or
/// `dimension employee from "data/staff.csv" key id`.
package struct DimensionSyntax: Sendable {
    package var name: String
    package var nameRange: SourceRange
    package var members: [(name: String, range: SourceRange)]
    /// `dimension unit in division = Datacenter: Länsteknik, …`: the dimension its members
    /// roll up to, and each member's parent (in the order of `members`).
    package var parent: DataName? = nil
    package var parents: [(name: String, range: SourceRange)] = []
    /// The data file the members come from, and its key column.
    package var file: (path: String, range: SourceRange, key: DataName)?
    /// For members from a file that roll up: the column naming each one's parent.
    package var parentColumn: DataName? = nil
    /// `dimension rad = Intäkter: 3000..3999, Personal: 5000..5999`: the accounts each member
    /// (a report line) is made of, as ranges or single accounts, by member index.
    package var accounts: [AccountSpan] = []
    /// `parent Rad from "data/rader.csv" key Konto`: the parent of each member comes from a
    /// mapping file whose key column holds accounts or account ranges.
    package var parentFile: (path: String, range: SourceRange, key: DataName)? = nil
    /// `from "gl.se" sie 1` or `sie account 3000 .. 8999`: the members are a SIE file's
    /// objects of a dimension (`#OBJEKT`) or its accounts (`#KONTO`, those in the ranges when
    /// any are given), with their names.
    package var sie: (path: String, range: SourceRange, key: SIEKeySyntax, accounts: [AccountSpan])? = nil
    /// `name Benämning`: the column that describes each member (`411010` is "VC Centrum"),
    /// shown beside its code wherever the member is.
    package var nameColumn: DataName? = nil
    package var range: SourceRange
}

/// A column name in a data statement, with its place in the model.
package struct DataName: Sendable {
    package var name: String
    package var range: SourceRange
}

/// Where an input's values come from when it is read from a data file.
package enum DataSourceSyntax: Sendable {
    /// `= column månadslön`: a column of the file its dimension's members come from.
    case column(DataName)
    /// `= data "file" key K column C`: one value per member.
    case keyed(path: String, pathRange: SourceRange, keys: [DataName], column: DataName)
    /// `= data "file" wide key K`: a row per member, a column per period.
    case wide(path: String, pathRange: SourceRange, keys: [DataName])
    /// `= data "file" long key K period P amount A [sum]`: a row per member and period.
    case long(path: String, pathRange: SourceRange, keys: [DataName], period: DataName, amount: DataName, sum: Bool)
    /// `= data "gl.se" sie vouchers key 1, account`: amounts of a SIE 4 file summed per key
    /// (objects of SIE dimensions, and the account) and period.
    case sie(path: String, pathRange: SourceRange, record: SIERecord, recordRange: SourceRange, keys: [SIEKeySyntax])

    /// The file it names and where, if any (`column` reads its dimension's).
    package var file: (path: String, range: SourceRange)? {
        switch self {
        case .column: nil
        case .keyed(let path, let range, _, _), .wide(let path, let range, _), .long(let path, let range, _, _, _, _),
             .sie(let path, let range, _, _, _): (path, range)
        }
    }

    /// What it reads, without where it is written: equal for the same statement moved in the text.
    package var contentKey: String {
        switch self {
        case .column(let c): "column\u{0}\(c.name)"
        case .keyed(let path, _, let keys, let column): "keyed\u{0}\(path)\u{0}\(keys.map(\.name))\u{0}\(column.name)"
        case .wide(let path, _, let keys): "wide\u{0}\(path)\u{0}\(keys.map(\.name))"
        case .long(let path, _, let keys, let period, let amount, let sum):
            "long\u{0}\(path)\u{0}\(keys.map(\.name))\u{0}\(period.name)\u{0}\(amount.name)\u{0}\(sum)"
        case .sie(let path, _, let record, _, let keys): "sie\u{0}\(path)\u{0}\(record.rawValue)\u{0}\(keys.map(\.key))"
        }
    }
}

/// A key of a SIE source: `account`, or a SIE dimension's number (`1`, kostnadsställe),
/// whose objects are the members; and where it is written.
package struct SIEKeySyntax: Sendable {
    package var key: SIEKey
    package var range: SourceRange
}

package enum Statement: Sendable {
    case model(name: String, range: SourceRange)
    case dimension(DimensionSyntax)
    case timeline(Timeline.Granularity, from: Int, to: Int, range: SourceRange)
    case fiscalYear(startMonth: Int, range: SourceRange)
    /// `language sv`: the language the model's outputs speak (its code as written, and where).
    case language(String, range: SourceRange, codeRange: SourceRange)
    /// `actuals through 2021-04`: the months closed, after which a forecast takes its plan.
    case actualsThrough(PeriodBound, range: SourceRange)
    case definition(Definition)
    /// `check NAME: EXPR`: something that must hold, such as a total that ties to a printed report.
    case check(Definition)
    case scenario(ScenarioSyntax)
    /// `measure NAME in PERSPECTIVE { … }`: a row of the scorecard.
    case measure(MeasureSyntax)
}

/// A parsed model file.
package struct SyntaxFile: Sendable {
    package var file: SourceFile
    package var statements: [Statement]
    /// `# expect: name = value` lines, the model's own test expectations.
    package var expectations: [Expectation]
    /// Names whose only definition has a syntax error, already reported: a formula that reads
    /// one is not told again that the name is unknown.
    package var brokenDefinitions: Set<String> = []
}

/// `# expect: year_total = 91254765`, `# expect: employees[2021-04] = 131` or
/// `# expect hiring_stop: employees[2021-12] = 129`, in a comment: the model's own test.
package struct Expectation: Sendable {
    package var scenario: String
    package var name: String
    package var period: String?
    package var expected: String
    package var line: Int
    /// `# expect: check NAME fails` (or `passes`): the outcome of a check, for a printed
    /// figure that is known to be wrong.
    package var isCheck: Bool = false
}

/// An account or a range of accounts (`3000..3999`) that a report line is made of.
package struct AccountSpan: Sendable {
    /// The report line (member index) it belongs to.
    package var member: Int
    /// The account, or the range's low end, as written (`04010` keeps its zero).
    package var low: String
    /// The range's high end; nil for a single account.
    package var high: String?
    package var range: SourceRange

    package var text: String { high.map { "\(low)..\($0)" } ?? low }
}
