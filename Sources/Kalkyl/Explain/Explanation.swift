/// Why a cell has its value: where it comes from, and the cells it reads, to a chosen depth.
///
/// `Explainer.explain(_:in:options:)` builds it; the command line prints it (`kalkyl explain`).
/// It holds values, not text: formatting numbers is the printer's business.
public struct Explanation: Sendable {
    /// The scenario evaluated: `base` or a scenario's name.
    public var scenario: String
    /// How many levels of precedents below the cell were asked for.
    public var depth: Int
    /// The cell explained, with its precedents.
    public var root: ExplainedCell
    /// When the cell holds an error: the cell where that error starts.
    public var errorOrigin: ErrorOrigin?
}

/// One cell in an explanation: its value, where the value comes from, and (when expanded)
/// the cells its formula reads.
public struct ExplainedCell: Sendable {
    /// Whether the cell's precedents are listed, and if not, why.
    public enum Expansion: String, Sendable {
        /// Its precedents follow (a formula reading nothing has none).
        case expanded
        /// An input: nothing lies below it.
        case input
        /// A formula at the depth asked for: its precedents are not listed.
        case depthLimit
        /// A cell given in full where it first appears, further up: an input with its source,
        /// a formula with its precedents.
        case shownAbove
        /// A formula left unexpanded because the explanation reached its size limit.
        case sizeLimit
    }

    public var cell: CellReference
    /// The cell as written in a model: `employees[2021-04]`.
    public var reference: String
    public var value: Value
    public var source: CellSource
    public var expansion: Expansion
    /// The formula's reads in the order written, when `expansion` is `.expanded`.
    public var precedents: [Precedent]
}

/// Where a cell's value comes from.
///
/// More sources will come with the language: a value read from a data file will be a
/// case of its own (the file, its row and column), next to inputs and formulas.
public enum CellSource: Sendable {
    /// Computed by its definition's formula.
    case formula(FormulaSource)
    /// An input: set by its definition, or overridden for this cell.
    case input(InputSource)
    /// A forecast cell in a closed month: the forecast is the actual there (`actuals through`),
    /// whatever its own formula or input says.
    case actual(ActualSource)
}

/// Why a forecast cell holds its actual: its month is closed.
public struct ActualSource: Sendable {
    /// The last closed period (`actuals through 2021-04`).
    public var actualsThrough: Int
    /// The actual cell the forecast takes: the same line, member and month, version `actual`.
    public var actual: CellReference
}

/// A definition's formula, as written.
public struct FormulaSource: Sendable {
    /// The formula printed back from the model (`employees * cost_per_employee`).
    public var text: String
    /// Where the definition is.
    public var location: SourceLocation
}

/// Which statement gave an input cell its value: the last of the definition, the model's
/// assignments, the scenario's overrides and the `--set` what-ifs that covers the cell.
public struct InputSource: Sendable {
    public enum SetBy: Sendable, Equatable {
        /// `input avg_salary: kr = 36_650`: the value for every cell.
        case definition
        /// `input hires[2021-06 .. 2021-09] = 2`: an assignment in the model.
        case assignment
        /// An override in this scenario.
        case scenario(String)
        /// A `--set` what-if.
        case whatIf
    }

    public var setBy: SetBy
    /// The statement as written, without a trailing comment: `input hires[2021-06 .. 2021-09] = 2`,
    /// or the `--set` text.
    public var text: String
    /// Where it is written; a `--set` is in a source file named `--set`.
    public var location: SourceLocation?
    /// For a statement that reads a data file, the file's cell the value came from.
    public var data: DataCellSource? = nil
}

/// What one step of a formula reads: one cell, a range of cells, a window of periods, the
/// period itself, or a period off the timeline.
public struct Precedent: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `x`, `x[month-1]`, `x[2021-03]`, `x[Datacenter]`.
        case cell
        /// An aggregate's argument: `SUM(x[2021-01 .. 2021-04])`, `SUM(cost[unit])`.
        case range
        /// `PREV(x, …)` after the first period: x in the previous period.
        case previous
        /// `YTD(x)`: the fiscal year up to the period.
        case yearToDate
        /// `TTD(x)`: the fiscal year's tertial up to the period.
        case tertialToDate
        /// `QTD(x)`: the fiscal year's quarter up to the period.
        case quarterToDate
        /// `ROLLING(x, n)`: the last n periods, as many as the timeline has.
        case rolling(periods: Int)
        /// `month` or `year`: the period's own value (`value`, and `period`).
        case period
        /// `x[month-1]` in the first period: no cell, and the read gives #REF!.
        case outsideTimeline
    }

    public var kind: Kind
    /// What is read, as written in a model: `personnel_cost[2021-01 .. 2021-04]`,
    /// `cost[unit, 2021-04]`, `month`, `personnel_cost[2020-12]`.
    public var reference: String
    /// The cells listed: the first ones, then any further cells holding an error (both limited
    /// by `Explainer.Options`). All of them for a single cell.
    public var cells: [ExplainedCell]
    /// How many of `cells` are the first cells read, in order; those after them are further
    /// cells holding an error.
    public var firstCellCount: Int
    /// Every cell read.
    public var cellCount: Int
    /// Cells read that hold an error, listed or not.
    public var errorCount: Int
    /// For `.period`, the period's value in a formula; for `.outsideTimeline`, #REF!.
    public var value: Value?
    /// For `.period` and `.outsideTimeline`, the period's index (off the timeline for the latter).
    public var period: Int?
    /// How `cells` are chosen and ordered before any further cells holding an error.
    public var order: Order = .asRead
    /// The sum of the numbers among the cells read but not listed (text, blanks and errors add
    /// nothing), so that the listed cells and the rest account for an aggregate; nil when
    /// every cell is listed.
    public var omittedTotal: Double? = nil

    /// Which cells of a range are listed first.
    public enum Order: String, Sendable {
        /// The first cells in the order read: a window of periods reads as a series.
        case asRead
        /// The cells of largest absolute value, largest first: for a range over members, the
        /// ones that drive the aggregate (which cost centre drives a total).
        case largestFirst
    }

    /// Cells read but not listed.
    public var omittedCount: Int { cellCount - cells.count }
}

/// The cell where an error value starts, found by following precedents that hold the same
/// error down to a cell none of whose precedents does.
public struct ErrorOrigin: Sendable {
    public var error: ExcelError
    /// From the explained cell down to the origin, both included (one cell when the error
    /// starts in the cell explained).
    public var path: [CellReference]
    /// The origin, with its own precedents (one level).
    public var cell: ExplainedCell
}
