/// A diagnostic's stable code: `K` and four digits. The first two name the family (`01`
/// syntax, `02` names and formulas, …), the last two the kind of problem in it; `00` is any
/// other problem of the family, until it gets a code of its own. A code keeps its meaning
/// once released: scripts and editors may match on it. docs/diagnostics.md lists them all.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // 01: reading a model's text, and its syntax
    public static let syntax = DiagnosticCode(rawValue: "K0100")
    /// The model file is not text (not UTF-8, or binary).
    public static let notText = DiagnosticCode(rawValue: "K0101")
    /// The model file cannot be read (no such file, a folder, no permission).
    public static let unreadableModel = DiagnosticCode(rawValue: "K0102")
    /// A character that starts no token (`§`, a control character).
    public static let unexpectedCharacter = DiagnosticCode(rawValue: "K0103")
    /// A period whose month is not 01–12 (`2021-13`).
    public static let notAMonth = DiagnosticCode(rawValue: "K0104")
    /// A `_` in a number that does not stand between two digits (`1__000`, `1000_`).
    public static let misplacedDigitSeparator = DiagnosticCode(rawValue: "K0105")
    /// A number too large for a double.
    public static let numberTooLarge = DiagnosticCode(rawValue: "K0106")
    /// A text longer than the 32,767 characters an Excel cell holds.
    public static let textTooLong = DiagnosticCode(rawValue: "K0107")
    /// A text with no closing `"` on its line.
    public static let unclosedText = DiagnosticCode(rawValue: "K0108")

    // 02: names and formulas
    public static let formula = DiagnosticCode(rawValue: "K0200")
    /// A name that is defined nowhere (with a did-you-mean when one is close).
    public static let unknownName = DiagnosticCode(rawValue: "K0201")
    /// A function Kalkyl does not know.
    public static let unknownFunction = DiagnosticCode(rawValue: "K0202")
    /// A function given too few or too many arguments.
    public static let argumentCount = DiagnosticCode(rawValue: "K0203")
    /// A period outside the model's timeline.
    public static let periodOutsideTimeline = DiagnosticCode(rawValue: "K0204")
    /// A subscript word that is no dimension, member or period of the name.
    public static let unknownSubscript = DiagnosticCode(rawValue: "K0205")

    // 03: the model's structure: definitions, timeline, dimensions, scenarios, assignments
    public static let model = DiagnosticCode(rawValue: "K0300")
    /// A name defined twice.
    public static let definedTwice = DiagnosticCode(rawValue: "K0301")
    /// A scenario defined twice.
    public static let scenarioDefinedTwice = DiagnosticCode(rawValue: "K0302")
    /// A dimension defined twice.
    public static let dimensionDefinedTwice = DiagnosticCode(rawValue: "K0303")
    /// A member name already used by another dimension.
    public static let memberOfTwoDimensions = DiagnosticCode(rawValue: "K0304")
    /// A scenario or an assignment that sets a name that is no input of the model.
    public static let overrideOfNoInput = DiagnosticCode(rawValue: "K0305")
    /// A scenario or an assignment that sets a formula.
    public static let overrideOfAFormula = DiagnosticCode(rawValue: "K0306")
    /// A series in a model without a timeline.
    public static let seriesWithoutTimeline = DiagnosticCode(rawValue: "K0307")

    // 04: units
    public static let units = DiagnosticCode(rawValue: "K0400")
    /// Two values that must have one unit have different ones (`kr + FTE`, IF's branches).
    public static let unitsDisagree = DiagnosticCode(rawValue: "K0401")
    /// A definition declared in one unit whose formula gives another.
    public static let declaredUnitDiffers = DiagnosticCode(rawValue: "K0402")
    /// `AS` given something other than an expression and a unit.
    public static let asNeedsAUnit = DiagnosticCode(rawValue: "K0403")

    // 05: data files
    public static let data = DiagnosticCode(rawValue: "K0500")
    /// A data file the model names cannot be found or read.
    public static let unreadableDataFile = DiagnosticCode(rawValue: "K0501")
    /// Members with no row in a data file, whose cells stay blank (a warning).
    public static let noRowForMember = DiagnosticCode(rawValue: "K0502")
    /// A key in a data file that is no member of its dimension.
    public static let notAMember = DiagnosticCode(rawValue: "K0503")

    // 06: the model's checks
    /// A `check` that is FALSE in some cell.
    public static let checkFails = DiagnosticCode(rawValue: "K0601")
    /// The note after the first cells a check fails in: how many more.
    public static let checkFailsMore = DiagnosticCode(rawValue: "K0602")

    // 07: the order of evaluation
    /// Definitions that read each other in the same period.
    public static let cycle = DiagnosticCode(rawValue: "K0701")

    // 08: board-pack layouts
    public static let layout = DiagnosticCode(rawValue: "K0800")

    // 09: scorecards
    public static let scorecard = DiagnosticCode(rawValue: "K0900")

    // 10: what-ifs (`--set`)
    public static let whatIf = DiagnosticCode(rawValue: "K1000")

    /// Every code, in order: what docs/diagnostics.md lists.
    public static let all: [DiagnosticCode] = [
        .syntax, .notText, .unreadableModel, .unexpectedCharacter, .notAMonth, .misplacedDigitSeparator, .numberTooLarge,
        .textTooLong, .unclosedText,
        .formula, .unknownName, .unknownFunction, .argumentCount, .periodOutsideTimeline, .unknownSubscript,
        .model, .definedTwice, .scenarioDefinedTwice, .dimensionDefinedTwice, .memberOfTwoDimensions, .overrideOfNoInput,
        .overrideOfAFormula, .seriesWithoutTimeline, .units, .unitsDisagree, .declaredUnitDiffers, .asNeedsAUnit,
        .data, .unreadableDataFile, .noRowForMember, .notAMember,
        .checkFails, .checkFailsMore, .cycle, .layout, .scorecard, .whatIf,
    ]
}

extension Diagnostic {
    /// The diagnostic with `family` as its code, unless it has a code already (a data file
    /// that cannot be read has its own).
    public func coded(_ family: DiagnosticCode) -> Diagnostic {
        var out = self
        if out.code == nil { out.code = isUnreadableFile ? .unreadableDataFile : family }
        return out
    }
}

extension Array where Element == Diagnostic {
    /// Each diagnostic that has no code yet given `family`.
    public func coded(_ family: DiagnosticCode) -> [Diagnostic] { map { $0.coded(family) } }
}
