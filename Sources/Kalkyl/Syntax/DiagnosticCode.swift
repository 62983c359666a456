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
    /// Something other than what the grammar allows at this place: the message says what
    /// was expected and what was found (`expected a formula after '='`).
    public static let expectedSomethingElse = DiagnosticCode(rawValue: "K0109")
    /// A `(`, a call's parentheses or an array's `{` never closed.
    public static let unclosedBracket = DiagnosticCode(rawValue: "K0110")
    /// A call's arguments separated by `;`, as in a Swedish Excel, where Kalkyl writes `,`.
    public static let semicolonBetweenArguments = DiagnosticCode(rawValue: "K0111")
    /// A formula nested more deeply than Kalkyl reads.
    public static let nestedTooDeeply = DiagnosticCode(rawValue: "K0112")
    /// An array constant that is no table of constants: rows of different lengths, a value
    /// left out, or something other than a number, text, boolean or error in it.
    public static let notAnArrayOfConstants = DiagnosticCode(rawValue: "K0113")
    /// A timeline that ends before it starts, or spans more than 200 years.
    public static let timelineSpan = DiagnosticCode(rawValue: "K0114")

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
    /// A range parameter (SUMIF's range, RANK.EQ's ref) given an array or a computed value,
    /// where Excel needs cells.
    public static let rangeNeedsCells = DiagnosticCode(rawValue: "K0206")
    /// Several values (a series, a dimension, a range, an array) where one value goes.
    public static let severalValues = DiagnosticCode(rawValue: "K0207")
    /// An input that refers to a name or uses a time function: an input is a constant.
    public static let inputIsAConstant = DiagnosticCode(rawValue: "K0208")
    /// The period being computed (`month`, `x[month-1]`, PREV, YTD) in a formula that has none.
    public static let noPeriodBeingComputed = DiagnosticCode(rawValue: "K0209")
    /// A period given to a name that has none (a scalar).
    public static let nameHasNoPeriods = DiagnosticCode(rawValue: "K0210")
    /// A range whose first end comes after its last (`x[2021-06 .. 2021-02]`, `4000..3000`).
    public static let rangeRunsBackwards = DiagnosticCode(rawValue: "K0211")
    /// A word bounding a range (or `actuals through`) that is no input holding a period.
    public static let notAPeriodInput = DiagnosticCode(rawValue: "K0212")
    /// A subscript naming a dimension, or a member of one, that the name does not have.
    public static let notADimensionOfTheName = DiagnosticCode(rawValue: "K0213")
    /// A name read per a dimension the formula being computed does not have.
    public static let notADimensionOfTheFormula = DiagnosticCode(rawValue: "K0214")
    /// A period written in a model without a timeline.
    public static let periodWithoutTimeline = DiagnosticCode(rawValue: "K0215")
    /// A year on a monthly timeline, or a month on a yearly one.
    public static let periodOfAnotherGranularity = DiagnosticCode(rawValue: "K0216")
    /// Ranges of one call (SUMIFS's, SUMPRODUCT's) with different shapes.
    public static let rangesOfDifferentShapes = DiagnosticCode(rawValue: "K0217")
    /// A range a function reads as a table that is no table (groups over several periods).
    public static let notATable = DiagnosticCode(rawValue: "K0218")
    /// PREV, YTD, QTD, TTD or ROLLING given something other than the name of a series.
    public static let timeFunctionNeedsASeries = DiagnosticCode(rawValue: "K0219")
    /// A function that needs months (QTD, TTD, TERTIAL, QUARTER) on a yearly timeline.
    public static let needsAMonthlyTimeline = DiagnosticCode(rawValue: "K0220")
    /// An argument that must be a whole number written in the formula, in its range
    /// (ROLLING's periods, the start month of TERTIAL, QUARTER and FISCAL_YEAR).
    public static let fixedNumberArgument = DiagnosticCode(rawValue: "K0221")
    /// VARIANCE or VARIANCE_PCT of lines whose kind (cost, revenue, result) is not declared.
    public static let lineKindUndeclared = DiagnosticCode(rawValue: "K0222")
    /// VARIANCE or VARIANCE_PCT comparing lines of different kinds.
    public static let lineKindsDiffer = DiagnosticCode(rawValue: "K0223")
    /// A revenue or result line read from a SIE file as booked (credits negative), or a cost
    /// line read from one with `credit positive`, or computed by a formula from such amounts
    /// without negating them: its variances would have the wrong sign.
    public static let lineKindAgainstBookedSigns = DiagnosticCode(rawValue: "K0224")
    /// A cost or revenue line whose amounts read from a data file add up below zero (a warning).
    public static let lineKindAgainstReadSigns = DiagnosticCode(rawValue: "K0225")
    /// A stock read from a data file whose closing month is blank: its year shows the last
    /// month given (a warning).
    public static let blankClosingMonth = DiagnosticCode(rawValue: "K0226")
    /// An FTE input read from a staff file's column whose numbers are per cent written without
    /// `%` (`100` for full time): 100 FTE for one person.
    public static let fteWrittenAsPercent = DiagnosticCode(rawValue: "K0227")

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
    /// A dimension 'version' (of a model with `actuals through`) without the members actual and forecast.
    public static let versionNeedsActualAndForecast = DiagnosticCode(rawValue: "K0308")
    /// What belongs on a definition (a line's kind, its unit, a spread over a profile) written
    /// on values it sets: an assignment, a scenario's override, a forecast.
    public static let belongsOnTheDefinition = DiagnosticCode(rawValue: "K0309")
    /// A name Kalkyl keeps for itself: the timeline's axis as a definition, `base` as a scenario.
    public static let reservedName = DiagnosticCode(rawValue: "K0310")
    /// How a series' periods total (`sum`, `average`, `last`) given to a single value.
    public static let periodTotalOfAScalar = DiagnosticCode(rawValue: "K0311")
    /// A scenario overriding an input that bounds periods in formulas.
    public static let scenarioMovesAPeriodBound = DiagnosticCode(rawValue: "K0312")
    /// A member listed twice in one dimension, or two differing only by case or spacing.
    public static let memberListedTwice = DiagnosticCode(rawValue: "K0313")
    /// A dimension named twice in a definition's brackets (`x[unit, unit]`).
    public static let dimensionNamedTwice = DiagnosticCode(rawValue: "K0314")
    /// A member of a dimension that rolls up with no parent in its data file.
    public static let memberWithoutParent = DiagnosticCode(rawValue: "K0315")
    /// A member's parent that is no member of the dimension it rolls up to.
    public static let parentNotAMember = DiagnosticCode(rawValue: "K0316")
    /// A dimension rolling up to a name that is no dimension defined above it.
    public static let parentNotADimensionAbove = DiagnosticCode(rawValue: "K0317")
    /// A dimension rolling up to another with neither its members' parents nor the parent's accounts given.
    public static let rollUpWithoutParents = DiagnosticCode(rawValue: "K0318")
    /// An account in no report line of the dimension it rolls up to.
    public static let accountInNoLine = DiagnosticCode(rawValue: "K0319")
    /// An account in two report lines of the dimension it rolls up to.
    public static let accountInTwoLines = DiagnosticCode(rawValue: "K0320")
    /// A statement the model has once (its name, timeline, `actuals through`, fiscal year, language) given twice.
    public static let headerGivenTwice = DiagnosticCode(rawValue: "K0321")
    /// A `language` Kalkyl does not write reports in.
    public static let unknownLanguage = DiagnosticCode(rawValue: "K0322")
    /// An input set for periods not written out (`input x[month-1] = …`, `input x[start ..] = …`).
    public static let periodsNotWrittenOut = DiagnosticCode(rawValue: "K0323")
    /// Actuals for months after the closed one, left out of the year to date (a warning).
    public static let actualsAfterTheClose = DiagnosticCode(rawValue: "K0324")
    /// A forecast formula for a line that is no input over version and the timeline.
    public static let noForecastToCompute = DiagnosticCode(rawValue: "K0325")
    /// A forecast formula written for part of the forecast.
    public static let partialForecast = DiagnosticCode(rawValue: "K0326")
    /// A model with more cells than can be computed.
    public static let modelTooLarge = DiagnosticCode(rawValue: "K0327")
    /// A data file read into the actuals with no row for the last closed month (a warning).
    public static let closedMonthWithoutActuals = DiagnosticCode(rawValue: "K0328")
    /// A number without `%` above 1 set for a `%` input (`rate = 5`: 5 % or 500 %?), in the
    /// model or a scenario (a `--set` has K1000).
    public static let barePercentInput = DiagnosticCode(rawValue: "K0329")
    /// An input series counting people (persons, FTE) totalled as a stock by its unit alone:
    /// no series that carries itself forward reads it as a change, and it declares neither
    /// `stock` nor `flow` (a warning).
    public static let peopleSeriesTotalledAsAStock = DiagnosticCode(rawValue: "K0330")
    /// A scenario overriding the profile a yearly amount is spread by (`spread by profil`):
    /// the amounts are spread when the data is read, so the scenario's profile would not be.
    public static let scenarioChangesASpreadProfile = DiagnosticCode(rawValue: "K0335")
    /// A line break to some editors and not to others (U+0085, U+2028, U+2029, a carriage
    /// return without a line feed) anywhere in a model or layout: after a `#` it hid a line.
    public static let lineBreakOfSomeEditors = DiagnosticCode(rawValue: "K0337")

    // 04: units
    public static let units = DiagnosticCode(rawValue: "K0400")
    /// Two values that must have one unit have different ones (`kr + FTE`, IF's branches).
    public static let unitsDisagree = DiagnosticCode(rawValue: "K0401")
    /// A definition declared in one unit whose formula gives another.
    public static let declaredUnitDiffers = DiagnosticCode(rawValue: "K0402")
    /// `AS` given something other than an expression and a unit.
    public static let asNeedsAUnit = DiagnosticCode(rawValue: "K0403")
    /// A unit raised to a power that is not a whole number written in the formula, an
    /// exponent with a unit, or the square root of a unit that is no square.
    public static let powerOfAUnit = DiagnosticCode(rawValue: "K0404")

    // 05: data files
    public static let data = DiagnosticCode(rawValue: "K0500")
    /// A data file the model names cannot be found or read.
    public static let unreadableDataFile = DiagnosticCode(rawValue: "K0501")
    /// Members with no row in a data file, or periods with no column in a wide one, whose cells stay blank (a warning).
    public static let noRowForMember = DiagnosticCode(rawValue: "K0502")
    /// A key in a data file that is no member of its dimension.
    public static let notAMember = DiagnosticCode(rawValue: "K0503")
    /// A cell (or a SIE amount) that is not a number under the file's decimal mark, or too large for one.
    public static let notANumber = DiagnosticCode(rawValue: "K0504")
    /// A cell (or a SIE month or date) that is not a period: no such month, no such day, not written as one.
    public static let notAPeriod = DiagnosticCode(rawValue: "K0505")
    /// A quote never closed, text after a field's closing quote, a SIE object list never closed with `}`.
    public static let unclosedQuote = DiagnosticCode(rawValue: "K0506")
    /// A row with more or fewer fields than the header has columns.
    public static let fieldCount = DiagnosticCode(rawValue: "K0507")
    /// A data file with no header line: empty.
    public static let emptyDataFile = DiagnosticCode(rawValue: "K0508")
    /// A column given twice in the header: the same name, or two columns of one period.
    public static let columnTwice = DiagnosticCode(rawValue: "K0509")
    /// A column the model names that the data file does not have.
    public static let noSuchColumn = DiagnosticCode(rawValue: "K0510")
    /// A key (one member's row, or the same cells of several key columns) on two rows.
    public static let keyOnTwoRows = DiagnosticCode(rawValue: "K0511")
    /// Two keys that differ only in case or spacing.
    public static let keySpelledTwoWays = DiagnosticCode(rawValue: "K0512")
    /// A cell that must be filled left empty: a key, a long file's period, a mapping's account
    /// or line, a SIE line's object of the key's dimension.
    public static let emptyKey = DiagnosticCode(rawValue: "K0513")
    /// A key with a line break in it (a closing quote missing, as a rule).
    public static let keyWithLineBreak = DiagnosticCode(rawValue: "K0514")
    /// A wide file whose header has no column that is a period.
    public static let noPeriodColumns = DiagnosticCode(rawValue: "K0515")
    /// A second amount for one key and period (a long file's row, a SIE balance line).
    public static let secondAmount = DiagnosticCode(rawValue: "K0516")
    /// A column read as numbers whose values are all also months, such as 202106 (a warning).
    public static let numbersLikeMonths = DiagnosticCode(rawValue: "K0517")
    /// A SIE line that does not read: no label first, a field missing or not of its kind.
    public static let sieLine = DiagnosticCode(rawValue: "K0518")
    /// A SIE voucher out of shape: `{`, `}` or `#TRANS` outside a `#VER`, a `#VER` never closed.
    public static let voucherOutOfShape = DiagnosticCode(rawValue: "K0519")
    /// A SIE voucher (series and number) given twice.
    public static let voucherTwice = DiagnosticCode(rawValue: "K0520")
    /// A SIE voucher whose lines do not add up to zero.
    public static let voucherUnbalanced = DiagnosticCode(rawValue: "K0521")
    /// An account with no `#KONTO`, an object with no `#OBJEKT` in its SIE file (a warning).
    public static let sieNameMissing = DiagnosticCode(rawValue: "K0522")
    /// A dimension read from a data file that gives it no members.
    public static let noMembersInFile = DiagnosticCode(rawValue: "K0523")
    /// Accounts of a SIE file that are no members of the account dimension, left out (a warning).
    public static let accountsLeftOut = DiagnosticCode(rawValue: "K0524")
    /// An input whose periods do not fit its data: wide, long and monthly SIE data need a
    /// series; a SIE record of one amount a year needs a single value.
    public static let periodsDoNotFitData = DiagnosticCode(rawValue: "K0525")
    /// A data statement whose keys are not one per dimension of the input.
    public static let keyCount = DiagnosticCode(rawValue: "K0526")
    /// A SIE statement's keys that cannot be: a key twice, no `account`, objects for a record without them.
    public static let sieKeys = DiagnosticCode(rawValue: "K0527")
    /// `column` on an input whose one dimension is not read from a data file.
    public static let columnWithoutDimensionFile = DiagnosticCode(rawValue: "K0528")
    /// A spread that cannot be: of data that gives months already, on a timeline that is not
    /// the twelve months of one year, of an input without months.
    public static let cannotSpread = DiagnosticCode(rawValue: "K0529")
    /// A periodisation key file matched by a column the data statement does not read by.
    public static let keyFileColumn = DiagnosticCode(rawValue: "K0530")
    /// A periodisation key's or profile's shares that are not numbers, none negative, one above zero.
    public static let badShares = DiagnosticCode(rawValue: "K0531")
    /// An account in no row of the periodisation key file.
    public static let accountInNoKeyRow = DiagnosticCode(rawValue: "K0532")
    /// An account in two ranges of the periodisation key file.
    public static let accountInTwoKeyRanges = DiagnosticCode(rawValue: "K0533")
    /// A spread's profile that is no input over [month] with values known when the model is checked.
    public static let profileNotAnInput = DiagnosticCode(rawValue: "K0534")
    /// A data file that is not text: binary, a workbook, bytes its encoding does not allow.
    public static let dataNotText = DiagnosticCode(rawValue: "K0535")
    /// A number without `%` above 1 in a `%` input's data (`50`: 50 % or 5 000 %?), unless
    /// the statement says its numbers are per cent (`in percent`).
    public static let barePercent = DiagnosticCode(rawValue: "K0536")
    /// `in percent` where it means nothing: on an input that is not `%`, or on a SIE file's amounts.
    public static let inPercentOfNoPercentage = DiagnosticCode(rawValue: "K0537")
    /// An export's totals row (`Summa;;113 500`) read as a member or a key's values: refused
    /// when certain, a warning when its key is a word for a total and nothing else says so.
    public static let totalsRow = DiagnosticCode(rawValue: "K0538")
    /// A row of a `long … sum` file the same as an earlier row in every column, so its amount
    /// is added twice (a warning).
    public static let repeatedRow = DiagnosticCode(rawValue: "K0539")
    /// A wide file's column before its first period column whose header names the month before
    /// the next but is no period (`Jan 2026`, `2026-1`; each of a run), so that month is blank (a warning).
    public static let unreadMonthColumn = DiagnosticCode(rawValue: "K0544")
    /// A column of dates read as months: a day other than the first is not kept (a warning).
    public static let datesReadAsMonths = DiagnosticCode(rawValue: "K0545")
    /// `#PSALDO` or `#PBUDGET` lines of a model's account and month left out since none has the
    /// keys' objects, so the cell is blank or 0 though the file has amounts for it (a warning).
    public static let balanceLinesLeftOut = DiagnosticCode(rawValue: "K0546")
    /// Rows of a data file in a currency other than the money input's (a `Valuta` column of SEK
    /// and EUR rows read into `: kr`), or an amount column whose header names another (`Belopp
    /// EUR`), which would be summed as its unit.
    public static let otherCurrency = DiagnosticCode(rawValue: "K0547")
    /// A SIE `#TRANS` amount with a fraction of an öre (`1234567.891`): a voucher is booked in
    /// kronor with at most two decimals, and balances exactly.
    public static let amountPastOre = DiagnosticCode(rawValue: "K0548")
    /// A bare number above 1 in a column of an input that is no percentage, beside cells written with `%`.
    public static let bareNumberAmongPercentages = DiagnosticCode(rawValue: "K0553")
    /// A `#PSALDO` or `#PBUDGET` total (`{}`) that its lines per object, the ones read, fall short of (a warning).
    public static let balanceWithoutObjectsLeftOut = DiagnosticCode(rawValue: "K0554")

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
    /// A word the layout language does not have: a statement, a column, a row's option, a kind of chart.
    public static let unknownLayoutWord = DiagnosticCode(rawValue: "K0801")
    /// A layout statement where it cannot stand: a note, columns, a chart or rows outside a
    /// sheet, rows before any columns, a layout with no sheet.
    public static let outOfPlace = DiagnosticCode(rawValue: "K0802")
    /// A layout's setting or name given twice (the report period, the scenario switch, a
    /// scenario in it, a row's format, a chart's series).
    public static let layoutGivenTwice = DiagnosticCode(rawValue: "K0803")
    /// A scenario switch of fewer than two scenarios.
    public static let switchOfOne = DiagnosticCode(rawValue: "K0804")
    /// A difference of a scenario from itself.
    public static let differenceFromItself = DiagnosticCode(rawValue: "K0805")
    /// A sheet's name Excel does not allow, or one another sheet has.
    public static let sheetName = DiagnosticCode(rawValue: "K0806")
    /// A scenario the model does not have.
    public static let unknownScenario = DiagnosticCode(rawValue: "K0807")
    /// A check where a layout shows a line of the model.
    public static let checkAsALine = DiagnosticCode(rawValue: "K0808")
    /// A column whose cells differ in shape from its row's (a series against a single value, other members).
    public static let columnOfAnotherShape = DiagnosticCode(rawValue: "K0809")
    /// A chart of a single value: a chart shows series over the periods.
    public static let chartOfASingleValue = DiagnosticCode(rawValue: "K0810")

    // 09: scorecards
    public static let scorecard = DiagnosticCode(rawValue: "K0900")
    /// Measures in a model with no dimension `perspective` to group them.
    public static let noPerspectives = DiagnosticCode(rawValue: "K0901")
    /// A measure in a perspective that is no member of `perspective`.
    public static let notAPerspective = DiagnosticCode(rawValue: "K0902")
    /// A text that is no status (uppnått, delvis uppnått, inte uppnått), as a measure's
    /// assessment or compared with a measure.
    public static let notAStatus = DiagnosticCode(rawValue: "K0903")
    /// A measure with both a target and an assessment.
    public static let targetAndAssessment = DiagnosticCode(rawValue: "K0904")
    /// A measure with neither a target nor an assessment.
    public static let noTarget = DiagnosticCode(rawValue: "K0905")
    /// A partial rule in a measure without a target.
    public static let partialWithoutTarget = DiagnosticCode(rawValue: "K0906")
    /// `target increase` or `decrease` in a measure without a baseline.
    public static let noBaseline = DiagnosticCode(rawValue: "K0907")
    /// A partial rule that does not go the target's way, or says nothing the target does not.
    public static let partialRuleDoesNotFit = DiagnosticCode(rawValue: "K0908")
    /// A measure with a line (target, outcome, baseline, …) given twice.
    public static let measureLineTwice = DiagnosticCode(rawValue: "K0909")

    // 10: what-ifs (`--set`)
    public static let whatIf = DiagnosticCode(rawValue: "K1000")

    /// Every code, in order: what docs/diagnostics.md lists.
    public static let all: [DiagnosticCode] = [
        .syntax, .notText, .unreadableModel, .unexpectedCharacter, .notAMonth, .misplacedDigitSeparator, .numberTooLarge,
        .textTooLong, .unclosedText, .expectedSomethingElse, .unclosedBracket, .semicolonBetweenArguments, .nestedTooDeeply,
        .notAnArrayOfConstants, .timelineSpan,
        .formula, .unknownName, .unknownFunction, .argumentCount, .periodOutsideTimeline, .unknownSubscript,
        .rangeNeedsCells, .severalValues, .inputIsAConstant, .noPeriodBeingComputed, .nameHasNoPeriods, .rangeRunsBackwards,
        .notAPeriodInput, .notADimensionOfTheName, .notADimensionOfTheFormula, .periodWithoutTimeline,
        .periodOfAnotherGranularity, .rangesOfDifferentShapes, .notATable, .timeFunctionNeedsASeries,
        .needsAMonthlyTimeline, .fixedNumberArgument, .lineKindUndeclared, .lineKindsDiffer, .lineKindAgainstBookedSigns, .lineKindAgainstReadSigns, .blankClosingMonth, .fteWrittenAsPercent,
        .model, .definedTwice, .scenarioDefinedTwice, .dimensionDefinedTwice, .memberOfTwoDimensions, .overrideOfNoInput,
        .overrideOfAFormula, .seriesWithoutTimeline, .versionNeedsActualAndForecast, .belongsOnTheDefinition, .reservedName,
        .periodTotalOfAScalar, .scenarioMovesAPeriodBound, .memberListedTwice, .dimensionNamedTwice, .memberWithoutParent,
        .parentNotAMember, .parentNotADimensionAbove, .rollUpWithoutParents, .accountInNoLine, .accountInTwoLines,
        .headerGivenTwice, .unknownLanguage, .periodsNotWrittenOut, .actualsAfterTheClose, .noForecastToCompute,
        .partialForecast, .modelTooLarge, .closedMonthWithoutActuals, .barePercentInput, .peopleSeriesTotalledAsAStock, .scenarioChangesASpreadProfile, .lineBreakOfSomeEditors, .units, .unitsDisagree, .declaredUnitDiffers, .asNeedsAUnit, .powerOfAUnit,
        .data, .unreadableDataFile, .noRowForMember, .notAMember, .notANumber, .notAPeriod, .unclosedQuote, .fieldCount,
        .emptyDataFile, .columnTwice, .noSuchColumn, .keyOnTwoRows, .keySpelledTwoWays, .emptyKey, .keyWithLineBreak,
        .noPeriodColumns, .secondAmount, .numbersLikeMonths, .sieLine, .voucherOutOfShape, .voucherTwice, .voucherUnbalanced,
        .sieNameMissing, .noMembersInFile, .accountsLeftOut, .periodsDoNotFitData, .keyCount, .sieKeys,
        .columnWithoutDimensionFile, .cannotSpread, .keyFileColumn, .badShares, .accountInNoKeyRow, .accountInTwoKeyRanges,
        .profileNotAnInput, .dataNotText, .barePercent, .inPercentOfNoPercentage, .totalsRow, .repeatedRow, .unreadMonthColumn, .datesReadAsMonths, .balanceLinesLeftOut, .otherCurrency, .amountPastOre, .bareNumberAmongPercentages, .balanceWithoutObjectsLeftOut,
        .checkFails, .checkFailsMore, .cycle, .layout, .unknownLayoutWord, .outOfPlace, .layoutGivenTwice, .switchOfOne,
        .differenceFromItself, .sheetName, .unknownScenario, .checkAsALine, .columnOfAnotherShape, .chartOfASingleValue, .scorecard, .noPerspectives, .notAPerspective, .notAStatus,
        .targetAndAssessment, .noTarget, .partialWithoutTarget, .noBaseline, .partialRuleDoesNotFit, .measureLineTwice, .whatIf,
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
