/// An input of kronor read from data that says its own scale: a SIE file's amounts are kronor
/// by the standard, and a column headed `Budget (tkr)` or `Belopp mnkr` is in that scale. Read
/// into an input declared at another scale, every figure was a thousand times off with exit 0:
/// `input utfall[…]: tkr = data "gl.se" sie vouchers …` showed 1,234,568 tkr for 1.2 million kr,
/// and `budget: kr = … column "Budget (tkr)"` 1,200 kr for 1.2 million (red team, session 18,
/// hunt18/t08, t09). Kalkyl converts no scale silently (docs/units.md): it is an error.
extension DataBinding {
    /// The error for `d` when its declared money scale is not the one its data gives, or nil.
    func moneyScaleProblem(_ d: Definition, source: DataSourceSyntax) -> Diagnostic? {
        guard let unit = d.unit, let declared = UnitOfMeasure.moneyScales[unit] else { return nil }
        let given: (scale: Int, what: String, range: SourceRange)
        switch source {
        case .sie(let path, let range, _, _, _):
            given = (0, "\(path) is a SIE file, whose amounts are kronor", range)
        case .keyed(_, _, _, let column), .long(_, _, _, _, let column, _), .column(let column):
            guard let (scale, word) = Self.moneyScale(inHeader: column.name) else { return nil }
            given = (scale, "its column '\(column.name)' is in \(word)", column.range)
        case .wide:
            return nil
        }
        guard given.scale != declared else { return nil }
        let right = ["kr", "tkr", "mnkr", "mdkr"][given.scale / 3]
        return .error("'\(d.name)' is declared \(unit), but \(given.what): every figure would be read \(Self.factor(given.scale - declared))",
                      at: location(given.range), hint: "declare it \(right) (: \(right)), and convert where it meets \(unit) (* 1000, / 1000)",
                      code: .declaredUnitDiffers)
    }

    /// The scale of kronor a header names by a word of its own (`Budget (tkr)`, `Belopp mnkr`,
    /// `Utfall kr`, `KSEK`), with the word; nil when it names none or two.
    static func moneyScale(inHeader header: String) -> (Int, String)? {
        let words = header.split { !$0.isLetter }.map { $0.lowercased() }
        let scales = Set(words.compactMap { Self.headerScales[$0] })
        guard scales.count == 1, let scale = scales.first, let word = words.first(where: { Self.headerScales[$0] != nil }) else { return nil }
        return (scale, word)
    }

    /// Words for kronor at a scale, as exports head their columns.
    static let headerScales: [String: Int] = ["kr": 0, "sek": 0, "kronor": 0, "tkr": 3, "ksek": 3, "mnkr": 6, "mkr": 6, "msek": 6, "mdkr": 9]

    /// `a thousand times too large` for a data scale 3 steps above the declared one.
    private static func factor(_ steps: Int) -> String {
        let times = ["a thousand", "a million", "a billion"][min(2, abs(steps) / 3 - 1)]
        return "\(times) times too \(steps > 0 ? "small" : "large")"
    }
}
