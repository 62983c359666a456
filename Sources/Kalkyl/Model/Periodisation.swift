/// A yearly amount spread over the months by a periodisation key (periodiseringsnyckel).
///
/// The rounding rule is the controller's: each month is rounded to whole kronor (half away
/// from zero, as Excel's ROUND), and the last month with a share takes what is left, so the
/// months always add up to the yearly amount exactly. An amount with öre keeps them in that
/// last month.
enum Periodisation {
    /// The months' amounts for `amount` by `weights` (one per month, none negative, at least
    /// one positive).
    static func spread(_ amount: Double, weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        guard let last = weights.lastIndex(where: { $0 > 0 }), total > 0 else { return weights.map { _ in 0 } }
        var months = weights.map { w in w > 0 ? (amount * w / total).rounded(.toNearestOrAwayFromZero) : 0 }
        months[last] = 0
        let others = months.reduce(0, +)
        months[last] = amount - others
        return months
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
