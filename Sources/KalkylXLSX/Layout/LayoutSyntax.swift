import Kalkyl

/// A board-pack layout as written, before its names are looked up in a model.
public struct LayoutSyntax: Sendable {
    public var file: SourceFile
    public var statements: [LayoutStatement]
}

/// One line of a layout, with the `##` labels written above it.
public struct LayoutStatement: Sendable {
    public enum Kind: Sendable {
        /// Before the first sheet: the pack's title (page headers); on a sheet: the sheet's title.
        case title(String)
        case note(String)
        /// The report period: year-to-date columns run to it.
        case period(LayoutPeriod)
        /// Which scenario's figures the rows show (before the first sheet: every sheet's).
        case scenario(LayoutName)
        /// A live switch: a dropdown picks which of these scenarios every report formula shows.
        case scenarios([LayoutName])
        case sheet(String)
        case columns([LayoutColumnSyntax])
        case heading(String)
        case blank
        case row(LayoutRowSyntax)
        case total(String)
        case chart(LayoutChartSyntax)
    }

    public var kind: Kind
    /// The statement's first word, for messages.
    public var range: SourceRange
    /// The `## text` lines above the statement: a row's label.
    public var label: String?
}

/// A name as written, with where.
public struct LayoutName: Sendable, Equatable {
    public var text: String
    public var range: SourceRange
}

/// A month (`2021-04`) or a year (`2021`) as written.
public struct LayoutPeriod: Sendable, Equatable {
    public var year: Int
    /// nil for a year.
    public var month: Int?
    public var range: SourceRange
    /// `period closed`: the model's input that holds the period, so the report rolls forward with it.
    public var name: String? = nil
}

/// `employees`, `cost[Datacenter]`, `cost[forecast, "Division Nära"]`.
public struct LayoutReference: Sendable, Equatable {
    public var name: LayoutName
    public var members: [LayoutName]
    public var range: SourceRange
}

/// One entry of `columns`: an optional header, what the column measures, over which periods.
public struct LayoutColumnSyntax: Sendable, Equatable {
    public enum Measure: String, Sendable { case value, budget, variance }
    public enum Span: Sendable, Equatable {
        /// A scalar's value; a series' value in the report period.
        case value
        /// A column per period of the timeline.
        case months
        /// The report year's tertials, one column each.
        case tertials
        /// The report period's (fiscal) year.
        case year
        /// From the start of the report period's fiscal year through the report period.
        case ytd
        case periods(LayoutPeriod, LayoutPeriod)
    }

    public var header: String?
    public var measure: Measure
    public var span: Span
    public var range: SourceRange
    /// `stopp year`: the scenario whose figures the column shows (nil: the sheet's).
    public var scenario: LayoutName? = nil
    /// `stopp - base year`: the scenario subtracted, for the difference between two.
    public var against: LayoutName? = nil
}

/// `row NAME "label"? (vs NAME)? option*`.
public struct LayoutRowSyntax: Sendable, Equatable {
    public var reference: LayoutReference
    public var label: String?
    public var comparison: LayoutReference?
    public var options: [LayoutName]
}

/// `chart line "title" NAME, NAME`.
public struct LayoutChartSyntax: Sendable, Equatable {
    public var kind: LayoutName
    public var title: String
    public var series: [LayoutReference]
    /// `… for base, stopp`: each series drawn in each of these scenarios (none: the sheet's).
    public var scenarios: [LayoutName] = []
}
