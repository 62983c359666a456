/// What an extraction found, and every problem it met on the way.
///
/// The items hold what could be read even when there are errors (a bad cell is left blank),
/// so a caller can report everything at once; a model must not be evaluated on them while
/// `hasErrors`. The table's own `diagnostics` are not repeated here.
public struct DataExtraction<Item: Sendable>: Sendable {
    public var items: [Item]
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// One line of a table over periods: its key cells and a value for every period of the timeline.
public struct KeyedSeries: Sendable {
    /// One text per key column, without padding.
    public var key: [String]
    /// The first key cell of the (first) row, or the row's start when there are no key columns.
    public var keyLocation: SourceLocation
    /// Each key cell of the (first) row, one per key column: an unknown member is shown at
    /// its own cell, not at the first key's.
    public var keyLocations: [SourceLocation]
    /// One value per timeline period: a number, or blank where the file has none.
    public var values: [Value]
    /// Where each value was read, nil for a period the file has nothing for.
    public var locations: [SourceLocation?]
    /// For a period summed from several rows (`sum`): where the rows after the first were
    /// read, so that explain can name every row behind a figure.
    public var summedLocations: [Int: [SourceLocation]] = [:]
}

/// One member's value from a column, such as an employee's monthly salary.
public struct KeyedValue: Sendable {
    public var key: String
    public var value: Value
    /// The value's cell.
    public var location: SourceLocation
    public var keyLocation: SourceLocation
}

/// A dimension member named in a data file.
public struct DataMember: Sendable {
    public var name: String
    public var location: SourceLocation
}

/// What to do with a second amount for the same key and period in long form.
public enum DuplicateAmounts: Sendable {
    /// Report it, pointing at both rows: the default, since a repeated row is more often an
    /// export mistake than a split amount.
    case error
    /// Add them up, for ledger exports at transaction level (one row per voucher).
    case sum
}
