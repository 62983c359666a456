/// A yearly amount spread over the months by a periodisation key (periodiseringsnyckel).
///
/// The rounding rule is the controller's: each month is rounded to whole kronor (half away
/// from zero, as Excel's ROUND), and the last month with a share takes what is left, so the
/// months always add up to the yearly amount exactly. An amount with öre keeps them in that
/// last month.
///
/// Whole kronor, whatever the scale the input is declared in: an input of tkr or mnkr is
/// rounded to the krona (0,001 tkr), not to whole tkr or mnkr. Rounding the number as written
/// put a budget of 2,4 mnkr spread by days at 0 in January–November and 2,4 in December, and
/// 1 000 tkr evenly at 83 a month and 87 in December (red team, session 20, hunt20/t02).
enum Periodisation {
    /// The months' amounts for `amount` by `weights` (one per month, none negative, at least
    /// one positive). `kronorPerUnit` is how many kronor one unit of the amount is (1 000 for
    /// tkr, 1 for kr or a unit that is not money), so each month is whole kronor.
    static func spread(_ amount: Double, weights: [Double], kronorPerUnit: Double = 1) -> [Double] {
        let total = weights.reduce(0, +)
        guard let last = weights.lastIndex(where: { $0 > 0 }), total > 0 else { return weights.map { _ in 0 } }
        let kronor = amount * kronorPerUnit
        var months = weights.map { w in w > 0 ? (kronor * w / total).rounded(.toNearestOrAwayFromZero) : 0 }
        months[last] = 0
        let others = months.reduce(0, +)
        months[last] = kronor - others
        guard kronorPerUnit != 1 else { return months }
        return months.map { $0 / kronorPerUnit }
    }

    /// How many kronor one unit of a declared unit is: 1 000 for `tkr`, 1 000 000 for `mnkr`,
    /// 1 for `kr` and for every unit that is not kronor at a scale (a count, a currency code).
    static func kronorPerUnit(declared unit: String?) -> Double {
        guard let unit, let u = UnitOfMeasure(declared: unit), u.powers == ["kr": 1], u.scale > 0 else { return 1 }
        return (0..<u.scale).reduce(1.0) { r, _ in r * 10 }
    }

    /// The weights of a key that is not read from the model or a file, month by month.
    static func weights(_ method: SpreadSyntax.Method, months: [(year: Int, month: Int)]) -> [Double]? {
        switch method {
        case .evenly: months.map { _ in 1 }
        case .calendarDays: months.map { Double(SwedishCalendar.daysIn(year: $0.year, month: $0.month)) }
        case .workingDays: months.map { Double(SwedishCalendar.workingDays(year: $0.year, month: $0.month)) }
        case .profile, .keyFile: nil
        }
    }
}
