/// A ledger read into the actuals with no row at all for a closed month of the year to date
/// before the last closed one.
///
/// K0328 looked at the last closed month alone. A month's export saved over the year's ledger
/// (the README's step 1 read literally: "save the month's exports over last month's") holds
/// only that month, and a ledger whose March export was lost holds none for March: with
/// `missing 0` (or without it, a blank), the year to date was July's 120 000 kr where January to
/// July booked 720 000 kr, the year's forecast 620 000 kr for 1 220 000 kr, with exit 0 and not a
/// word (red team, session 20, hunt20/t01). Such months are warned about the same way (K0328).
/// Only the months of the closed month's fiscal year the statement reads are looked at: a
/// timeline that starts a year before the ledger (last year's actuals read elsewhere, or not
/// at all) is left alone, as before.
extension Checker {
    /// `closed` is the last period looked at, which has a row: the closed month, or the last
    /// period of a statement that ends before it; `actualsThrough` the closed month.
    mutating func warnOfClosedMonthsOfTheYearWithoutActuals(_ hasRow: (Int) -> Bool, path: String, range: SourceRange, closed: Int,
                                                             timeline: Timeline, from: Int, actualsThrough: Int) {
        guard timeline.granularity == .monthly else { return }
        // The first period of the closed month's fiscal year on the timeline, and of the statement.
        var start = closed
        while start > 0, (timeline.first + start) % 12 + 1 != timeline.fiscalYearStart { start -= 1 }
        start = max(start, from)
        guard start < closed else { return }
        let empty = (start..<closed).filter { !hasRow($0) }
        guard !empty.isEmpty else { return }
        let months = empty.map(timeline.label)
        // Runs of months, so a year's first six read `2024-01 .. 2024-06`.
        var runs: [String] = []
        var i = 0
        while i < empty.count {
            var j = i
            while j + 1 < empty.count, empty[j + 1] == empty[j] + 1 { j += 1 }
            runs.append(j - i >= 2 ? "\(months[i]) .. \(months[j])" : (i...j).map { months[$0] }.joined(separator: ", "))
            i = j + 1
        }
        let list = runs.count > 3 ? runs.prefix(3).joined(separator: ", ") + " and more" : runs.joined(separator: ", ")
        // `closed` has a row (the caller's warning takes a closed month without one).
        let firstRow = (start...closed).first(where: hasRow) ?? closed
        let what = empty.count == 1 ? "a closed month of the year to date" : "closed months of the year to date"
        let taken = empty.count == 1 ? "that month" : "those \(empty.count) months"
        let hint = empty.count == firstRow - start
            ? "save the ledger for the year to date, every month from \(timeline.label(start)), over \(path): it holds no month before \(timeline.label(firstRow))"
            : "add the closed months' rows to \(path) (an export lost or cut short?)"
        diagnostics.append(Diagnostic(.warning, "\(path) holds no actuals for \(list), \(what) (actuals through \(timeline.label(actualsThrough))); so the year to date takes \(taken) as empty",
                                      at: location(range), hint: hint, code: .closedMonthWithoutActuals))
    }
}
