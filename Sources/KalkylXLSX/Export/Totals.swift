import Kalkyl

/// What a series' tertial and year totals show, where a total means something.
enum TotalKind {
    /// The sum of the periods: costs, budgets, hires, departures (flows).
    case sum
    /// The last period of the group: headcount (a stock carried by PREV), YTD and ROLLING.
    case closing
    /// No total: percentages, text and truth values.
    case none

    /// Decided from the definition's shape, unit and formula.
    ///
    /// A series that carries itself forward (`PREV(x, …)` or `x[month-1]` of itself), or whose
    /// formula is a YTD or ROLLING, is a level at a point in time: its total is the closing
    /// value. So is a headcount (persons, FTE) computed from such a level in the same period.
    /// Percentages have no total, nor have TERTIAL, QUARTER, FISCAL_YEAR, TTD and QTD, nor
    /// has a row whose values are not all numbers.
    static func of(_ slot: Int, in model: CheckedModel, values: [Value]) -> TotalKind {
        let d = model.definitions[slot]
        guard d.isSeries, !d.isInput, !d.isCheck, model.timeline.granularity == .monthly else { return .none }
        if d.unit == "%" || d.showsPeriod { return .none }
        guard values.allSatisfy({ if case .number = $0 { true } else if case .error = $0 { true } else { false } }) else { return .none }
        switch d.formula.last {
        case .call(let spec, _) where spec.implicit == .fiscalYearStart:
            return .none   // a tertial, quarter or fiscal year is a label of the period, not an amount
        case .toDate(_, let group, _) where group != .year:
            return .none   // a year's last TTD is its last tertial's sum, not the year's
        default:
            return isLevel(slot, in: model, seen: []) ? .closing : .sum
        }
    }

    private static let headcountUnits: Set<String> = ["persons", "person", "pers", "st", "fte", "åa", "årsarbetare"]

    private static func isLevel(_ slot: Int, in model: CheckedModel, seen: Set<Int>) -> Bool {
        let d = model.definitions[slot]
        guard d.isSeries, !d.isInput, !seen.contains(slot) else { return false }
        if let last = d.formula.last {
            switch last {
            case .toDate, .rolling: return true
            default: break
            }
        }
        for op in d.formula {
            switch op {
            case .prev(let s, _) where s == slot: return true
            case .load(let s, .shifted(let k), _) where s == slot && k < 0: return true
            default: continue
            }
        }
        // A headcount read from a headcount level in the same period is a level too.
        guard let unit = d.unit?.lowercased(), headcountUnits.contains(unit) else { return false }
        for op in d.formula {
            if case .load(let s, .shifted(0), _) = op, s != slot,
               let u = model.definitions[s].unit?.lowercased(), headcountUnits.contains(u),
               isLevel(s, in: model, seen: seen.union([slot])) {
                return true
            }
        }
        return false
    }

    /// The value Excel's total computes: SUM's rules (numbers count, the first error wins), or
    /// the last period's value.
    func value(of periods: [Value]) -> Value {
        switch self {
        case .none: return .blank
        case .closing: return periods.last.map { $0 == .blank ? .number(0) : $0 } ?? .number(0)
        case .sum:
            var total = 0.0
            for v in periods {
                switch v {
                case .number(let x): total += x
                case .error(let e): return .error(e)
                default: continue
                }
            }
            return total.isFinite ? .number(total) : .error(.num)
        }
    }
}
