/// One argument of a function call, as the function sees it for one cell.
///
/// Excel treats a value differently when it comes through a reference: `SUM(A1)` with
/// A1 = TRUE is 0, but `SUM(TRUE)` is 1. So the kind of argument travels with its value.
public enum Argument: Sendable {
    /// A literal or a computed value: `SUM(1, "2", TRUE)`.
    case value(Value)
    /// One cell reached through a name: `SUM(hires)` in a series formula.
    case reference(Value)
    /// Several cells: `SUM(x[2021-01 .. 2021-04])`, or a whole series in a scalar formula.
    case range([Value])
    /// An argument left out: `CONCATENATE("a",,"b")`.
    case missing

    /// The single value of a value or reference argument; blank for a missing one.
    /// A range where one value is expected is #VALUE!, as in Excel without implicit intersection.
    public var scalar: Value {
        switch self {
        case .value(let v), .reference(let v): v
        case .missing: .blank
        case .range(let vs): vs.count == 1 ? vs[0] : .error(.value)
        }
    }
}

/// An argument a function takes from the model rather than from the call, so that the
/// function itself stays a plain function of its arguments (and prints as one in a workbook).
public enum ImplicitArgument: Sendable, Equatable {
    /// The last argument, a month 1–12, is the model's `fiscal year starts` when left out.
    case fiscalYearStart
    /// After the arguments (optional ones left out padded as missing), the sign of the line's
    /// declared kind: 1 for revenue and result, -1 for cost. The kind comes from the lines the
    /// first two arguments name.
    case lineKind
}

/// A function, registered as data: its name, how many arguments it takes, and what it computes.
public struct FunctionSpec: Sendable {
    public let name: String
    public let minArgs: Int
    /// `Int.max` for functions that take any number, such as SUM.
    public let maxArgs: Int
    /// Whether ranges may be passed: aggregates take `x[2021-01 .. 2021-04]`, ROUND does not.
    public let acceptsRanges: Bool
    /// The name Excel stores in a file, when it differs (`_xlfn.CONCAT`).
    public let excelName: String?
    /// What the model adds to the arguments as written, if anything: `evaluate` then gets it too.
    public var implicit: ImplicitArgument? = nil
    public let evaluate: @Sendable ([Argument]) -> Value

    public init(_ name: String, arity: ClosedRange<Int>, acceptsRanges: Bool = false, excelName: String? = nil,
                _ evaluate: @escaping @Sendable ([Argument]) -> Value) {
        self.name = name
        self.minArgs = arity.lowerBound
        self.maxArgs = arity.upperBound
        self.acceptsRanges = acceptsRanges
        self.excelName = excelName
        self.evaluate = evaluate
    }

    /// The spec with an argument the checker supplies from the model.
    func with(_ implicit: ImplicitArgument) -> FunctionSpec {
        var spec = self
        spec.implicit = implicit
        return spec
    }

    public var arityDescription: String {
        if minArgs == maxArgs { return minArgs == 1 ? "1 argument" : "\(minArgs) arguments" }
        if maxArgs == Int.max { return "at least \(minArgs) argument\(minArgs == 1 ? "" : "s")" }
        return "\(minArgs) to \(maxArgs) arguments"
    }
}

/// Every function the language knows, by upper-case name. Each family lists its own.
public enum FunctionRegistry {
    public static let all: [String: FunctionSpec] = {
        var table: [String: FunctionSpec] = [:]
        for family in [MathFunctions.table, StatisticalFunctions.table, LogicalFunctions.table,
                       TextFunctions.table, InformationFunctions.table, ConditionalFunctions.table, DateFunctions.table, FinanceFunctions.table,
                       PeriodFunctions.table, VarianceFunctions.table, GrowthFunctions.table,
                       MultipleRoundingFunctions.table, IntegerFunctions.table, LoanFunctions.table, DepreciationFunctions.table,
                       TextPieceFunctions.table] {
            for spec in family { table[spec.name] = spec }
        }
        return table
    }()

    public static func lookup(_ name: String) -> FunctionSpec? { all[name.uppercased()] }

    /// Functions that look at time rather than values; the compiler turns them into
    /// reference operations: PREV(x, init), YTD(x), TTD(x), QTD(x), ROLLING(x, n).
    public static let timeFunctions: [String: ClosedRange<Int>] = ["PREV": 2...2, "YTD": 1...1, "TTD": 1...1, "QTD": 1...1, "ROLLING": 2...2]

    /// The part of the fiscal year each to-date function sums over.
    public static let toDateFunctions: [String: PeriodGroup] = ["YTD": .year, "TTD": .tertial, "QTD": .quarter]
}
