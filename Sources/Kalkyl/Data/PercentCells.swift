/// How the cells of a `%` input's data are read. A `%` input holds fractions (46.15 % is
/// 0.4615), so a cell written with its sign (`50 %`) or as a fraction (`0.5`) reads one way.
/// A bare number above 1 (`50`, as HR systems export a degree of employment) does not: it is
/// 50 % to the person who exported it and 5 000 % read as a fraction. It is refused, never
/// guessed, unless the data statement says its bare numbers are per cent (`in percent`).
enum PercentCells: Sendable, Hashable {
    /// Not a `%` input: numbers as written.
    case plain
    /// A `%` input: a number without `%` is a fraction, and one above 1 in magnitude is an error.
    case fractions
    /// `in percent`: a number without `%` is per cent, `50` being 50 % (0.5), as `50 %` is.
    case points
    /// An amount in kronor (`kr`, `tkr`, `mnkr`, `mdkr`): a cell written with `%` is an error. A
    /// staff file's `75 %` in the salary column was 0.75 kr with exit 0 (red team, session 18,
    /// hunt18/t07): a share typed in the wrong column, never an amount.
    case money

    /// How `d`'s data cells are read: by its unit (or, for an assignment such as
    /// `input g[actual] = data …` that repeats none, its input's, when that is one of
    /// `percentInputs`) and its `in percent` clause.
    init(_ d: Definition, percentInputs: Set<String>) {
        self = d.dataOptions.inPercent != nil ? .points : Self.isPercentInput(d, percentInputs: percentInputs) ? .fractions
            : d.unit.map { UnitOfMeasure.moneyScales[$0] != nil } ?? false ? .money : .plain
    }

    /// Whether `d` sets a `%` input: declared so, or an assignment without a unit of one.
    static func isPercentInput(_ d: Definition, percentInputs: Set<String>) -> Bool {
        d.unit == "%" || (d.unit == nil && percentInputs.contains(d.name))
    }

    /// The inputs of `syntax` declared `%`, by name.
    static func declared(in syntax: SyntaxFile) -> Set<String> {
        Set(syntax.statements.compactMap { statement -> String? in
            guard case .definition(let d) = statement, d.isInput, d.unit == "%" else { return nil }
            return d.name
        })
    }

    /// Whether a cell's number, `value` as written (divided by 100 when `signed`, written with
    /// `%`), reads one way: `fractions` refuses a bare number above 1 in magnitude.
    func accepts(_ value: Double, signed: Bool) -> Bool {
        self != .fractions || signed || value.magnitude <= 1
    }

    /// A figure in a message about a bare percentage (`5000`, `0.05`): rounded to nine
    /// decimals, so `12.3 * 100` is `1230`, not `1230.0000000000002`.
    static func spelled(_ x: Double) -> String {
        guard (x * 1e9).isFinite else { return "\(x)" }
        let rounded = (x * 1e9).rounded() / 1e9
        if rounded == rounded.rounded(), rounded.magnitude < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }
}
