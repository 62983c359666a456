/// `measure NAME in PERSPECTIVE: unit { … }`: one row of a scorecard (styrkort), with its
/// target, outcome and the rule for "delvis uppnått", as written.
package struct MeasureSyntax: Sendable {
    package var name: String
    package var nameRange: SourceRange
    /// The perspective the measure belongs to: a member of the dimension `perspective`.
    package var perspective: DataName
    package var unit: String?
    package var label: String?
    /// `target at most 10`, `target increase`, …; nil only when an assessment gives the status.
    package var target: MeasureBound?
    package var targetRange: SourceRange?
    /// `partial at most 12` or `partial within 2`: when a measure not met is "delvis uppnått".
    package var partial: MeasurePartial?
    /// `baseline = 13`: the ingångsvärde, which `increase` and `decrease` compare with.
    package var baseline: FormulaTree?
    /// `outcome = …`: the utfall; without it the measure is not assessed yet.
    package var outcome: FormulaTree?
    /// `assessment = "delvis uppnått"`: the status as the controller judges it, for a measure
    /// without a figure to compare.
    package var assessment: FormulaTree?
    package var range: SourceRange
    /// A line of the block did not parse (and was reported): what is missing is not reported again.
    package var isBroken = false
}

/// Which way a measure's outcome must go, and its bound: the target, or the partial target.
package enum MeasureBound: Sendable {
    case atLeast(FormulaTree)
    case atMost(FormulaTree)
    /// Strictly more: "> 12 st".
    case above(FormulaTree)
    /// Strictly less: "< 9,6 %".
    case below(FormulaTree)
    /// Both bounds included: a financial target of 1–3 %.
    case between(FormulaTree, FormulaTree)
    /// More than the baseline ("Öka").
    case increase
    /// Less than the baseline ("Minska").
    case decrease
}

/// The rule for "delvis uppnått" of a measure that is not met.
package enum MeasurePartial: Sendable {
    /// A second, weaker target in the same direction: `partial at most 12`.
    case bound(MeasureBound, SourceRange)
    /// A band around the target (or the baseline) of this width: `partial within 2`.
    case within(FormulaTree)
}
