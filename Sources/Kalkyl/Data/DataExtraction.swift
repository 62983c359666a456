/// What an extraction found, and every problem it met on the way.
///
/// The items hold what could be read even when there are errors (a bad cell is left blank),
/// so a caller can report everything at once; a model must not be evaluated on them while
/// `hasErrors`. The table's own `diagnostics` are not repeated here.
struct DataExtraction<Item: Sendable>: Sendable {
    var items: [Item]
    var diagnostics: [Diagnostic]
    /// A read stopped for what it would keep (`DataTable.long`): what it kept when it stopped.
    var tooMuch: LongStream.TooMuch? = nil

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// One line of a table over periods: its key cells and a value for every period of the timeline.
struct KeyedSeries: Sendable {
    /// One text per key column, without padding.
    var key: [String]
    /// The first key cell of the (first) row, or the row's start when there are no key columns.
    var keyLocation: SourceLocation
    /// Each key cell of the (first) row, one per key column: an unknown member is shown at
    /// its own cell, not at the first key's.
    var keyLocations: [SourceLocation]
    /// One value per timeline period: a number, or blank where the file has none.
    var values: [Value]
    /// Where each value was read, nil for a period the file has nothing for.
    var locations: [SourceLocation?]
    /// For a period summed from several rows (`sum`): the byte offsets where each row's amount
    /// was read, the first included, so that explain can name every row behind a figure (four
    /// bytes a row in a file under 2 GiB: a ledger sums millions of them, and the binding keeps
    /// these arrays as they are).
    var summedOffsets: [Int: FileOffsets] = [:]
}

/// One member's value from a column, such as an employee's monthly salary.
struct KeyedValue: Sendable {
    var key: String
    var value: Value
    /// The value's cell.
    var location: SourceLocation
    var keyLocation: SourceLocation
}

/// A dimension member named in a data file.
struct DataMember: Sendable {
    var name: String
    var location: SourceLocation
}

/// What to do with a second amount for the same key and period in long form.
enum DuplicateAmounts: Sendable {
    /// Report it, pointing at both rows: the default, since a repeated row is more often an
    /// export mistake than a split amount.
    case error
    /// Add them up, for ledger exports at transaction level (one row per voucher).
    case sum
}
