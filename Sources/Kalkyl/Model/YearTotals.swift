/// A series' totals per (fiscal) year, as `kalkyl eval`'s table shows them after the months:
/// the kind of total decided from the whole block (`TotalKind.of`) and each year's value by
/// `TotalKind.value(of:)`. Eval's table and the language server's hover and inlay hints all ask
/// here, so none adds up what eval totals otherwise: the hover's "total" and the hint's Σ added
/// a headcount's months (1 662 for December's 139, red team, session 19).
public struct YearTotals: Sendable, Equatable {
    /// How the series totals (`none` for a `%` series, text, a scalar or a timeline not monthly).
    public let kind: TotalKind
    /// One a year of the timeline, in order; empty when `kind` is `none`.
    public let years: [YearTotal]
}

/// One year's total of a series.
public struct YearTotal: Sendable, Equatable {
    /// `2021`, or `2021/22` for a fiscal year that does not start in January.
    public let title: String
    /// Fewer months than a year: the timeline starts or ends inside it.
    public let isPartial: Bool
    public let value: Value
}

extension CheckedModel {
    /// The years of a monthly timeline that totals are given for (none for another timeline).
    public var years: [TotalGroup] { totalGroups.filter(\.isYear) }

    /// Definition `slot`'s year totals, from its block's cells (`cell(i)` for i below
    /// `cellCount(of: slot)`, in block order): of its one member, or of its members added up
    /// period by period (numbers add, the first error wins), which gives each year the sum of
    /// the members' totals eval shows (a headcount by unit: December's staff of all units).
    public func yearTotals(of slot: Int, cell: (Int) -> Value) -> YearTotals {
        let members = memberCount(of: slot)
        return yearTotals(of: slot, cells: (0..<cellCount(of: slot)).lazy.map(cell)) { p in
            guard members > 1 else { return cell(p) }
            var total = 0.0
            for m in 0..<members {
                switch cell(p * members + m) {
                case .number(let x): total += x
                case .error(let e): return .error(e)
                default: continue
                }
            }
            return .number(total)
        }
    }

    /// The same from the cells the kind is decided by (`cells`: none needed for a block of
    /// numbers only) and period `p`'s value over the members (`period(p)`), so that a block of
    /// numbers is read as doubles (`Evaluation.yearTotals(of:)`: every inlay hint asks).
    func yearTotals(of slot: Int, cells: some Sequence<Value>, period: (Int) -> Value) -> YearTotals {
        let kind = TotalKind.of(slot, in: self, values: cells)
        guard kind != .none else { return YearTotals(kind: .none, years: []) }
        return YearTotals(kind: kind, years: years.map { year in
            YearTotal(title: year.title, isPartial: year.isPartial, value: kind.value(of: year.periods.map(period)))
        })
    }
}
