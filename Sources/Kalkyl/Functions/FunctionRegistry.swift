/// Every function of the language is one `FunctionSpec`: data that says what each parameter
/// takes, what a left-out argument means, how Excel spells it and what it computes. The
/// checker, the evaluator, the fast kernels and the workbook export all read this description;
/// nothing else in the engine is keyed by a function's name.
///
/// # Adding a function
///
/// Add one entry to the `table` of its family (`MathFunctions`, `TextFunctions`, … in
/// Sources/Kalkyl/Functions; a new family is a new file whose table is listed in
/// `FunctionRegistry.families`), and tests of its own in Tests/KalkylTests/Functions:
///
///     FunctionSpec("SUMIF", [.range("range"), .criterion("criterion"), .range("sum_range").optional(sameAs: 0)]) { args in … }
///     FunctionSpec("SUMIFS", [.range("sum_range")], repeating: [.range("criteria_range"), .criterion("criterion")]) { args in … }
///     FunctionSpec("ROUND", [.number("number"), .number("num_digits")]) { args in … }
///     FunctionSpec("PMT", [.number("rate"), .number("nper"), .number("pv"),
///                          .number("fv").optional(.number(0)), .number("type").optional(.number(0))]) { args in … }
///     FunctionSpec("CONCAT", [], repeating: [.array("text")], maxArgs: 253, excel: .stored("_xlfn.CONCAT")) { args in … }
///
/// - Each parameter's kind decides what the checker lets through (see `ParameterKind`): one
///   value per cell, or several (a range over a dimension or periods, an array). A series or a
///   dimension given where one value is expected is a check error naming the parameter.
/// - `.optional(default)` parameters come last (before any repeating group is not allowed).
///   A left-out optional with a default reaches `evaluate` as that default, so the closure
///   may read `args[3]` without counting; one without a default (its absence changes the
///   meaning) is simply not there. A missing argument written as `f(1,,2)` is `.missing`.
/// - `repeating:` is a group of parameters that may repeat (SUM's numbers, SUMIFS's pairs,
///   at least `atLeast` times); `trailing:` optional parameters follow it (SWITCH's default).
/// - `excel:` how the workbook writes the call: `.same` (Excel knows the name), `.stored("_xlfn.X")`
///   for functions Excel added after 2007, or `.expression { … }` for a function Excel does not
///   have, written as the Excel expression that defines it (see `ExcelExpression`).
/// - `.with(units:)` how the result carries the arguments' units (`UnitRule`: SUM's is its
///   numbers' unit, ROUND's its first argument's, COUNT's a plain number); without one the unit
///   checker leaves the result alone.
/// - `.computingArraysElementwise()` lets operators over arrays stand in its array parameters,
///   computed position by position (`Evaluate/Elementwise.swift`): SUMPRODUCT's only.
/// - `fastPath:` only for the few functions with a whole-run kernel in Evaluate/FunctionKernels.
/// - `evaluate` gets one cell's arguments (`Argument`: typed value, reference, range or
///   missing) and follows Excel's rules; `ArgumentRules` has the shared ones (aggregates,
///   single numbers, truth values). Errors are values: return `.error(...)`, never throw.
///
/// # No volatile functions
///
/// There is no NOW, TODAY, RAND or other volatile function, and no field to declare one: a
/// model's figures must be a function of its files alone, so that two runs, `watch`'s
/// incremental updates, the workbook and a colleague's machine all give the same number.
/// A date the model needs ("today" for an ageing report) is an input the user sets.
public struct FunctionSpec: Sendable {
    public let name: String
    /// The parameters before any repeating group, optional ones last.
    public let parameters: [Parameter]
    /// A group that may repeat after `parameters`: SUM's `number`, SUMIFS's range and criterion.
    public let repeating: [Parameter]
    /// How many times the repeating group must appear at least.
    public let minGroups: Int
    /// Optional parameters after the repeating group (SWITCH's default).
    public let trailing: [Parameter]
    public let minArgs: Int
    /// `Int.max` is never used: Excel allows 255 arguments, so does a repeating group here.
    public let maxArgs: Int
    /// How the workbook writes a call.
    public let excel: ExcelSpelling
    /// The whole-run kernel that computes the function for runs of plain numbers, if any.
    public let fastPath: FastPath?
    /// What the model adds to the arguments as written, if anything: `evaluate` then gets it too.
    public var implicit: ImplicitArgument? = nil
    /// Constants the Excel expression reads from the workbook (Sweden's holidays), if any.
    public var workbookList: WorkbookList? = nil
    /// How the result carries the arguments' units, for the unit checker.
    public var units: UnitRule = .unchecked
    /// Whether its ranges are read cell by cell in step (SUMIF's range and sum_range, SUMIFS's
    /// pairs), so that the checker holds them to one shape: Excel's SUMIF reads a sum_range of
    /// another shape as the range's shape from its first cell (other cells than the model's),
    /// and its SUMIFS gives #VALUE!.
    public var alignsRanges = false
    /// Whether its array parameters may be given operators over arrays, computed position by
    /// position (`SUMPRODUCT((kind[account] = "x") * cost[account])`): SUMPRODUCT's, which
    /// Excel computes so without an array formula, in Excel 2016 and LibreOffice alike.
    public var computesArraysElementwise = false
    /// Computes one cell; prefer `call`, which fills in left-out optional arguments first.
    public let evaluate: @Sendable ([Argument]) -> Value
    /// From this argument count on nothing is left to fill in (see `call`).
    let filledFrom: Int

    public init(_ name: String, _ parameters: [Parameter], repeating: [Parameter] = [], atLeast minGroups: Int = 1,
                trailing: [Parameter] = [], maxArgs: Int? = nil, excel: ExcelSpelling = .same, fastPath: FastPath? = nil,
                _ evaluate: @escaping @Sendable ([Argument]) -> Value) {
        precondition(repeating.isEmpty || parameters.allSatisfy { !$0.isOptional },
                     "\(name): optional parameters before a repeating group cannot be told apart")
        precondition(zip(parameters, parameters.dropFirst()).allSatisfy { !$0.isOptional || $1.isOptional },
                     "\(name): optional parameters come last")
        self.name = name
        self.parameters = parameters
        self.repeating = repeating
        self.minGroups = repeating.isEmpty ? 0 : minGroups
        self.trailing = trailing
        self.minArgs = parameters.filter { !$0.isOptional }.count + self.minGroups * repeating.count
        if repeating.isEmpty {
            self.maxArgs = parameters.count + trailing.count
        } else {
            // Excel's limit; a group never straddles it.
            let limit = maxArgs ?? 255
            self.maxArgs = parameters.count + (limit - parameters.count - trailing.count) / repeating.count * repeating.count + trailing.count
        }
        self.excel = excel
        self.fastPath = fastPath
        self.evaluate = evaluate
        self.filledFrom = repeating.isEmpty ? (parameters.lastIndex { $0.defaultValue != nil }.map { $0 + 1 } ?? 0) : 0
    }

    /// The spec with an argument the checker supplies from the model.
    func with(_ implicit: ImplicitArgument) -> FunctionSpec {
        var spec = self
        spec.implicit = implicit
        return spec
    }

    /// The spec with the unit checker's rule for its result.
    func with(units rule: UnitRule) -> FunctionSpec {
        var spec = self
        spec.units = rule
        return spec
    }

    /// The spec whose ranges must have one shape (`alignsRanges`).
    func aligningRanges() -> FunctionSpec {
        var spec = self
        spec.alignsRanges = true
        return spec
    }

    /// The spec whose array parameters take operators over arrays (`computesArraysElementwise`).
    func computingArraysElementwise() -> FunctionSpec {
        var spec = self
        spec.computesArraysElementwise = true
        return spec
    }

    /// The spec with a list of constants its Excel expression reads from the workbook.
    func with(_ list: WorkbookList) -> FunctionSpec {
        var spec = self
        spec.workbookList = list
        return spec
    }

    /// Computes one cell from the arguments as written, left-out optional ones filled in with
    /// their defaults: `IF(c, x)` is computed as `IF(c, x, FALSE)`, `TRUNC(x)` as `TRUNC(x, 0)`.
    public func call(_ args: [Argument]) -> Value {
        guard args.count < filledFrom else { return evaluate(args) }
        var filled = args
        for k in args.count..<filledFrom {
            switch parameters[k].defaultValue {
            case .value(let v)?: filled.append(.value(v))
            case .argument(let i)?: filled.append(filled[i])
            case nil: return evaluate(filled)
            }
        }
        return evaluate(filled)
    }

    /// Whether `count` arguments fit: enough, not too many, and whole repeating groups.
    public func accepts(argumentCount count: Int) -> Bool {
        guard count >= minArgs, count <= maxArgs else { return false }
        guard !repeating.isEmpty else { return true }
        let rest = count - parameters.count
        return (0...trailing.count).contains { t in rest - t >= 0 && (rest - t) % repeating.count == 0 && (rest - t) / repeating.count >= minGroups }
    }

    /// The parameter argument `index` of a call with `count` arguments stands for, or nil past
    /// the end (an argument the checker added, such as VARIANCE's line kind).
    public func parameter(at index: Int, of count: Int) -> Parameter? {
        if index < parameters.count { return parameters[index] }
        guard !repeating.isEmpty else { return nil }
        let rest = count - parameters.count
        let trailingCount = (0...trailing.count).first { t in rest - t >= 0 && (rest - t) % repeating.count == 0 } ?? 0
        let grouped = rest - trailingCount
        let k = index - parameters.count
        if k < grouped { return repeating[k % repeating.count] }
        return trailing[safe: k - grouped]
    }

    /// Whether argument `index` may be given as several arguments in a workbook, as one range
    /// that is several areas must be: only a parameter that repeats on its own (SUM's numbers).
    public func splits(argument index: Int, of count: Int) -> Bool {
        repeating.count == 1 && index >= parameters.count && parameter(at: index, of: count)?.kind.takesSeveralValues == true
    }

    /// Whether any parameter takes several values (a range or an array).
    public var acceptsRanges: Bool {
        (parameters + repeating + trailing).contains { $0.kind.takesSeveralValues }
    }

    /// "2 arguments", "1 to 3 arguments", "sum_range, then pairs of criteria_range and criterion".
    public var arityDescription: String {
        if repeating.count > 1 {
            let lead = parameters.map(\.name).joined(separator: ", ")
            let group = repeating.map(\.name)
            let groups = (group.count == 2 ? "pairs of " : "groups of ") + group.dropLast().joined(separator: ", ") + " and " + group.last!
            return (lead.isEmpty ? "" : lead + ", then ") + groups + (trailing.isEmpty ? "" : ", and optionally " + trailing.map(\.name).joined(separator: ", "))
        }
        if minArgs == maxArgs { return minArgs == 1 ? "1 argument" : "\(minArgs) arguments" }
        if !repeating.isEmpty { return "at least \(minArgs) argument\(minArgs == 1 ? "" : "s")" }
        return "\(minArgs) to \(maxArgs) arguments"
    }
}

/// What one parameter takes, which decides what the checker lets through.
public enum ParameterKind: Sendable, Equatable {
    /// One value per cell: IF's condition, CONCATENATE's texts. A series in a scalar formula,
    /// or a whole dimension, is a check error here.
    case value
    /// One value per cell, read as a number (ROUND's digits, PMT's rate).
    case number
    /// One criterion as SUMIF reads it: `">5"`, `"Div*"`, 100. One value per cell.
    case criterion
    /// Cells of the model: a dimension (`cost[account]`), periods (`x[2021-01 .. 2021-06]`) or a
    /// whole series in a scalar formula. Excel needs a reference here (SUMIF's range).
    case range
    /// Several values or one: a range as above, or a single value (SUM's numbers, NPV's values).
    case array

    /// Whether a range over a dimension or periods may be given.
    public var takesSeveralValues: Bool { self == .range || self == .array }

    /// How a diagnostic calls what the parameter takes.
    var expectation: String {
        switch self {
        case .value, .criterion: "one value"
        case .number: "one number"
        case .range, .array: "several values"
        }
    }
}

/// One parameter of a function, named as Excel's documentation names it.
public struct Parameter: Sendable {
    public let name: String
    public let kind: ParameterKind
    public let isOptional: Bool
    /// What a left-out optional argument means, when it means one thing.
    public let defaultValue: Default?

    public enum Default: Sendable {
        /// A value: PMT's fv is 0.
        case value(Value)
        /// Another argument: SUMIF's sum_range is its range.
        case argument(Int)
    }

    public init(_ name: String, _ kind: ParameterKind, isOptional: Bool = false, defaultValue: Default? = nil) {
        self.name = name
        self.kind = kind
        self.isOptional = isOptional
        self.defaultValue = defaultValue
    }

    public static func value(_ name: String) -> Parameter { Parameter(name, .value) }
    public static func number(_ name: String) -> Parameter { Parameter(name, .number) }
    public static func criterion(_ name: String) -> Parameter { Parameter(name, .criterion) }
    public static func range(_ name: String) -> Parameter { Parameter(name, .range) }
    public static func array(_ name: String) -> Parameter { Parameter(name, .array) }

    /// The parameter, optional; left out it is `value` (nil when leaving it out changes the meaning).
    public func optional(_ value: Value? = nil) -> Parameter {
        Parameter(name, kind, isOptional: true, defaultValue: value.map { .value($0) })
    }

    /// The parameter, optional; left out it is the argument at `index` (SUMIF's sum_range).
    public func optional(sameAs index: Int) -> Parameter {
        Parameter(name, kind, isOptional: true, defaultValue: .argument(index))
    }
}

/// How a workbook writes a call of the function.
public enum ExcelSpelling: Sendable {
    /// Excel has the function under the same name.
    case same
    /// Excel stores the function under this name: `_xlfn.CONCAT` for one added after Excel 2007.
    case stored(String)
    /// Excel has no such function: the call is written as the Excel expression that defines it.
    /// The closure gets each argument's text when it is a literal the checker wrote (a start
    /// month, a line kind's sign), nil otherwise.
    case expression(@Sendable (_ literals: [String?]) -> ExcelExpression)
}

/// An Excel expression of a call's arguments: text, and arguments put in parentheses when they
/// bind less tightly than their place needs (Kalkyl's precedence is Excel's: see `BinaryOperator`).
public struct ExcelExpression: Sendable {
    public enum Part: Sendable, Equatable, ExpressibleByStringInterpolation {
        case text(String)
        /// Argument `index`, in parentheses when its precedence is below `below`.
        case argument(Int, below: Int)
        public init(stringLiteral value: String) { self = .text(value) }

        /// Argument `index` where anything binds tightly enough (inside a call's parentheses).
        public static func arg(_ index: Int) -> Part { .argument(index, below: 0) }
        /// Argument `index` as an operand of an operator of precedence `precedence` (the right
        /// operand of `-` or `/` needs one more, since Excel's operators are left-associative).
        public static func arg(_ index: Int, in precedence: Int) -> Part { .argument(index, below: precedence) }
    }

    public let parts: [Part]
    /// How tightly the whole expression binds: 10 for a call or a parenthesized expression,
    /// 3 for a sum (`YEAR(x)+1`), as in `BinaryOperator.precedence`.
    public let precedence: Int

    public static let atomic = 10

    public init(_ parts: [Part], precedence: Int = atomic) {
        self.parts = parts
        self.precedence = precedence
    }

}

/// Constants a function's Excel expression reads from the workbook, such as Sweden's public
/// holidays for NETWORKDAYS_SE: the export writes them down one column of a sheet of their
/// own and names that column, so the expression (`NETWORKDAYS(a,b,Helgdagar_SE)`) recalculates
/// to the value Kalkyl computes from the same list.
public struct WorkbookList: Sendable {
    /// The workbook-wide name the expression uses.
    public let name: String
    public let sheet: String
    /// The sheet's first line, saying what the list is.
    public let title: String
    /// The values, dates as serials, computed when a workbook needs them.
    public let values: @Sendable () -> [Double]
}

/// The whole-run kernels of Evaluate/FunctionKernels, for the few functions a model calls
/// most; a function without one is computed cell by cell with `evaluate`, which must agree.
public enum FastPath: Sendable, Equatable {
    case sum, count, average, min, max
    /// IF: picks one of two computed branches (the check runner also follows it to show a check's comparison).
    case choose
    case and, or, not
}

/// How a function's result carries its arguments' units (docs/units.md has every function's).
/// Every registered function has one; `unchecked` is only the default a new spec starts with,
/// and a test holds the registry to having none left.
public enum UnitRule: Sendable, Equatable {
    /// The arguments at these positions (all, when nil) need one unit, which is the result's.
    case sameAs(Set<Int>?)
    /// The arguments standing for these parameters need one unit, which is the result's:
    /// IFS's values, SWITCH's results and default, SUMIF's sum_range. A left-out parameter
    /// that defaults to another argument (SUMIF's sum_range is its range) stands for that one.
    case sameAsParameters(Set<String>)
    /// The unit of the first of these parameters the call gives: LOOKUP's result_vector, or
    /// its lookup_vector when that is left out.
    case firstGiven([String])
    /// The unit of the first argument; the arguments standing for these parameters have that
    /// unit or none (MOD's divisor, MROUND's multiple: `MROUND(cost, 1_000)`, `MOD(days, 5)`).
    case firstArgument(orPlain: Set<String>)
    /// The result is a plain number, whatever the arguments (COUNT, LEN, YEAR, a truth value).
    case plainNumber
    /// The result is a plain number, and the arguments standing for these parameters need one
    /// unit: VARIANCE_PCT's actual and budget are divided. (A lookup's value and array, which
    /// a plain number may meet, are `UnitRules.comparedParameters`.)
    case plainNumberOf(Set<String>)
    /// The arguments' units multiply (PRODUCT, SUMPRODUCT), as `*` does.
    case product
    /// Units divide, as `/` does (QUOTIENT).
    case quotient
    /// The arguments need one unit, and the result is its square (SUMSQ, VAR.S, VAR.P).
    case squared
    /// The square root of the argument's unit, which must be a square (SQRT of kr^2 is kr).
    case squareRoot
    /// As `^`: a plain base, or a unit raised to a whole number written in the formula.
    case power
    /// The result is text or a date: not a figure the checker holds to a unit, as text and
    /// periods written in a formula are not.
    case text, date
    /// The result fits any unit, as a number written in the formula does: NA(), PI(), and the
    /// numbers of days or hours between dates and times (DAYS, NETWORKDAYS, YEARFRAC, HOUR),
    /// which a model declares in its own word (`working_days[month]: days = NETWORKDAYS(…)`).
    case anyUnit
    /// Not checked; only a new spec's default, before its rule is given.
    case unchecked
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
    /// After the arguments as written, each one's number of columns (0 for one value): an
    /// array constant's own, 1 for a dimension's members, the number of periods for one
    /// member's periods, as the workbook lays them out. The function gets twice as many
    /// arguments (`ShapedArguments` splits them) and fills in left-out ones itself, so such a
    /// function's optional parameters have no defaults. INDEX and VLOOKUP read shapes.
    case columns
}

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

/// Every function the language knows, by upper-case name. Each family lists its own.
public enum FunctionRegistry {
    /// The families; a new family file adds its table here.
    static let families: [[FunctionSpec]] = [
        LookupFunctions.table, AggregateFunctions.table,
        MathFunctions.table, StatisticalFunctions.table, LogicalFunctions.table, TextFunctions.table,
        InformationFunctions.table, ConditionalFunctions.table, DateFunctions.table, FinanceFunctions.table,
        PeriodFunctions.table, VarianceFunctions.table, GrowthFunctions.table,
        MultipleRoundingFunctions.table, IntegerFunctions.table, LoanFunctions.table, DepreciationFunctions.table,
        TextPieceFunctions.table, DayCountFunctions.table, TimeFunctions.table, WeekFunctions.table,
        WorkdayFunctions.table, OrderStatisticsFunctions.table, DispersionFunctions.table, AllValuesFunctions.table,
        CashFlowFunctions.table, TextFormatFunctions.table,
    ]

    public static let all: [String: FunctionSpec] = {
        var table: [String: FunctionSpec] = [:]
        for family in families {
            for spec in family {
                precondition(table[spec.name] == nil, "\(spec.name) is registered twice")
                table[spec.name] = spec
            }
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

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
