/// What a series' tertial and year totals show, where a total means something. The Calc sheet,
/// the default Report, layouts and `eval` all total a series this way, so a headcount's year is
/// December's headcount everywhere, never twelve months added up.
public enum TotalKind: Sendable, Equatable {
    /// The sum of the periods: costs, budgets, hires, departures (flows).
    case sum
    /// The last period of the group: a stock (headcount, FTE, a balance), YTD and ROLLING.
    case closing
    /// The average of the periods, when the definition says `average` (FTE over a year).
    case average
    /// No total: percentages, rates (`kr/h`), text and truth values.
    case none

    /// Units that count people at a point in time: a stock whatever the formula.
    static let stockUnits: Set<String> = ["persons", "person", "pers", "personer", "anställda", "headcount",
                                          "fte", "åa", "årsarbetare"]
    /// Units of a count that is a stock when computed from one (`st` of incidents is a flow).
    static let countUnits: Set<String> = stockUnits.union(["st"])

    /// Decided from the declaration (`stock`, `flow`, `average`), else from the unit and the formula.
    ///
    /// A series whose unit counts people (persons, FTE) is a stock, unless it is a change of one
    /// (hires, departures; `isPeopleFlow`); an input that nothing shows to be one is warned of
    /// (`PeopleTotalWarnings`). So is a series that carries itself forward (`PREV(x, …)` or `x[month-1]` of itself), or whose formula is a YTD or ROLLING, and
    /// a count computed from such a level in the same period: their total is the closing value.
    /// Percentages and rates (`kr/h`) have no total, nor have TERTIAL, QUARTER, FISCAL_YEAR, TTD and QTD, nor a
    /// series of dates or weeks (`datesAndWeeks`), nor has a row whose values are not all numbers. Anything else is a flow, and sums.
    static func of(_ slot: Int, in model: CheckedModel, values: some Sequence<Value>) -> TotalKind {
        let d = model.definitions[slot]
        guard d.isSeries, !d.isCheck, model.timeline.granularity == .monthly else { return .none }
        guard values.allSatisfy({ if case .number = $0 { true } else if case .error = $0 { true } else { false } }) else {
            // An input's blanks are empty months, not text: they total as Excel's SUM would.
            guard d.isInput, values.allSatisfy({ if case .text = $0 { false } else if case .bool = $0 { false } else { true } }) else {
                return .none
            }
            return declaredOrUnit(d) ?? (countsPeople(d) && !isPeopleFlow(slot, in: model) ? .closing : .sum)
        }
        if let kind = declaredOrUnit(d) { return kind }
        if countsPeople(d) { return isPeopleFlow(slot, in: model) ? .sum : .closing }
        if d.isInput { return .sum }
        switch d.formula.last {
        case .call(let spec, _) where spec.implicit == .fiscalYearStart:
            return .none   // a tertial, quarter or fiscal year is a label of the period, not an amount
        case .call(let spec, _) where datesAndWeeks.contains(spec.name):
            return .none   // a pay day, a month's end, a week: twelve dates added up are no figure
        case .toDate(_, let group, _) where group != .year:
            return .none   // a year's last TTD is its last tertial's sum, not the year's
        default:
            var known: [Int: Bool] = [:]
            return isLevel(slot, in: model, known: &known) ? .closing : .sum
        }
    }

    /// Functions whose value is a date (a serial: `DATE`, `EOMONTH`, `WORKDAY_SE`) or a day of
    /// the week or a week's number: a series of them has no total, as TERTIAL has none. A pay
    /// day per month (`WORKDAY_SE(DATE(YEAR(month), MONTH(month), 26), -1)`) showed 545 793 as
    /// its year, a date in 3394, in eval's table and the workbook's totals (red team, session 20,
    /// hunt20/t05). A declared `stock`, `flow` or `average` says otherwise.
    static let datesAndWeeks: Set<String> = ["DATE", "EDATE", "EOMONTH", "WORKDAY", "WORKDAY_SE", "WORKDAY.INTL", "DATEVALUE",
                                             "WEEKDAY", "WEEKNUM", "ISOWEEKNUM"]

    /// What the definition declares, else what its unit says (a stock of people, a percentage
    /// or a period with no total); nil when the formula decides.
    private static func declaredOrUnit(_ d: CheckedDefinition) -> TotalKind? {
        switch d.declaredTotal {
        case .stock?: return .closing
        case .flow?: return .sum
        case .average?: return .average
        case nil: break
        }
        if d.unit == "%" || d.showsPeriod || isRate(d.unit) { return TotalKind.none }
        return nil
    }

    /// A unit per another (`kr/h`, `kr/FTE`, `h/days`): a price or a rate, whose months added
    /// up are no figure (an hourly price of 850 read 10 200 kr/h for the year). It has no total,
    /// as a `%` has none, unless the definition declares one (`average`, `stock`, `flow`).
    static func isRate(_ unit: String?) -> Bool {
        guard let unit, let measured = UnitOfMeasure(declared: unit) else { return false }
        return measured.powers.values.contains { $0 < 0 }
    }

    /// A series counting people (persons, FTE) is a stock, unless it is a change of a stock:
    /// read in the same period by a level that carries itself forward (`hires` and `departures`
    /// in `employees = PREV(employees, start) - departures + hires`), or by such a change; or
    /// computed in the same period from such changes alone, or from series declared `flow`
    /// (`net = hires - departures`).
    static func isPeopleFlow(_ slot: Int, in model: CheckedModel) -> Bool {
        var flows: Set<Int> = []
        var queue: [Int] = []
        for (l, d) in model.definitions.enumerated() where carriesItselfForward(l, d) {
            for s in samePeriodReads(d) where s != l && countsPeople(model.definitions[s]) {
                if flows.insert(s).inserted { queue.append(s) }
            }
        }
        while let f = queue.popLast() {
            for s in samePeriodReads(model.definitions[f]) where countsPeople(model.definitions[s]) {
                if !carriesItselfForward(s, model.definitions[s]), flows.insert(s).inserted { queue.append(s) }
            }
        }
        var known: [Int: Bool] = [:]
        return flows.contains(slot) || isComputedFromFlows(slot, flows: flows, in: model, known: &known)
    }

    /// A formula of people whose same-period people are all changes (`flows`, or declared
    /// `flow`, or computed so in turn), and at least one: a change too. Each definition is
    /// decided once (`known`): a chain reading its link twice is linear, not exponential.
    private static func isComputedFromFlows(_ slot: Int, flows: Set<Int>, in model: CheckedModel, known: inout [Int: Bool]) -> Bool {
        if let decided = known[slot] { return decided }
        let d = model.definitions[slot]
        guard d.isSeries, !d.isInput, !carriesItselfForward(slot, d) else { return false }
        known[slot] = false   // while it is decided: a same-period cycle is no change
        var readsPeople = false
        for s in samePeriodReads(d) where s != slot && countsPeople(model.definitions[s]) {
            readsPeople = true
            let source = model.definitions[s]
            let isChange = switch source.declaredTotal {
            case .flow?: true
            case nil: flows.contains(s) || isComputedFromFlows(s, flows: flows, in: model, known: &known)
            default: false
            }
            if !isChange { return false }
        }
        known[slot] = readsPeople
        return readsPeople
    }

    /// The definitions `d` reads in the period being computed: one cell (`hires`), or an
    /// aggregate over members (`SUM(hires[enhet])`). The aggregate was left out, so the units'
    /// hires added up while their total over the units showed December's 0 as the year where 3
    /// were hired (red team, session 19, hunt19/t03).
    static func samePeriodReads(_ d: CheckedDefinition) -> [Int] {
        d.formula.compactMap { op in
            switch op {
            case .load(let s, .shifted(0), _): s
            case .loadRange(let s, let access) where access.periods == .shifted(0): s
            default: nil
            }
        }
    }

    static func countsPeople(_ d: CheckedDefinition) -> Bool {
        d.unit.map { stockUnits.contains($0.lowercased()) } ?? false
    }

    /// `PREV(x, …)` or `x[month-k]` of itself.
    static func carriesItselfForward(_ slot: Int, _ d: CheckedDefinition) -> Bool {
        guard d.isSeries, !d.isInput else { return false }
        for op in d.formula {
            switch op {
            case .prev(let s, _) where s == slot: return true
            case .load(let s, .shifted(let k), _) where s == slot && k < 0: return true
            default: continue
            }
        }
        return false
    }

    /// Each definition is decided once (`known`): a chain of counts reading its link twice took
    /// time exponential in its length (31 lines of `st` ran for minutes).
    private static func isLevel(_ slot: Int, in model: CheckedModel, known: inout [Int: Bool]) -> Bool {
        if let decided = known[slot] { return decided }
        let d = model.definitions[slot]
        guard d.isSeries, !d.isInput else { return false }
        if d.declaredTotal == .stock { return true }
        if let last = d.formula.last {
            switch last {
            case .toDate, .rolling: return true
            default: break
            }
        }
        if carriesItselfForward(slot, d) { return true }
        // A count read from a level in the same period is a level too.
        guard let unit = d.unit?.lowercased(), countUnits.contains(unit) else { return false }
        known[slot] = false   // while it is decided: a same-period cycle is no level
        for op in d.formula {
            if case .load(let s, .shifted(0), _) = op, s != slot,
               let u = model.definitions[s].unit?.lowercased(), countUnits.contains(u),
               isLevel(s, in: model, known: &known) {
                known[slot] = true
                return true
            }
        }
        return false
    }

    /// The value Excel's total computes: SUM's or AVERAGE's rules (numbers count, the first
    /// error wins), or the last period's value (the last one given, when the closing months
    /// are blank; 0 when none is).
    public func value(of periods: [Value]) -> Value {
        switch self {
        case .none: return .blank
        case .closing:
            // A blank closing month (a data file's December not filled in) showed 0: the last
            // month given is the latest figure, and K0226 says which month is blank.
            return periods.last { $0 != .blank } ?? .number(0)
        case .sum, .average:
            var total = 0.0
            var count = 0
            for v in periods {
                switch v {
                case .number(let x): total += x; count += 1
                case .error(let e): return .error(e)
                default: continue
                }
            }
            if self == .average {
                guard count > 0 else { return .error(.div0) }
                total /= Double(count)
            }
            return total.isFinite ? .number(total) : .error(.num)
        }
    }

    /// The Excel formula of the total of the cells `first` to `last` of a row (without `=`).
    public func formula(first: String, last: String) -> String {
        switch self {
        case .sum: "SUM(\(first):\(last))"
        case .average: "AVERAGE(\(first):\(last))"
        case .closing, .none: last
        }
    }

    /// The word the outputs use: `sum`, `closing`, `average`.
    public var name: String {
        switch self {
        case .sum: "sum"
        case .closing: "closing"
        case .average: "average"
        case .none: "none"
        }
    }
}

extension CheckedDefinition {
    /// A `%` or a rate (`kr/h`, `kr/FTE`): its values added up, over months or over members, are
    /// no figure, so no total adds them (eval's years, the hover's and the hints' sums).
    public var isRatio: Bool { unit == "%" || TotalKind.isRate(unit) }
}

extension CheckedModel {
    /// How each series' tertial and year totals are formed, decided from its declaration, unit
    /// and formula and from its values in `evaluation` (text has no total).
    public func totalKind(of slot: Int, values: [Value]) -> TotalKind {
        TotalKind.of(slot, in: self, values: values)
    }

    /// The same, for cells read where they are (`TableCells`).
    func totalKind(of slot: Int, cells: some Sequence<Value>) -> TotalKind {
        TotalKind.of(slot, in: self, values: cells)
    }

    /// The tertials and years of a monthly timeline that totals are given for.
    public var totalGroups: [TotalGroup] { TotalGroup.groups(of: timeline) }
}

/// A tertial or a (fiscal) year of a monthly timeline, for the totals columns.
public struct TotalGroup: Sendable {
    /// `T1 2021`, `2021`, or `2021/22` for a fiscal year that does not start in January.
    public var title: String
    public var periods: ClosedRange<Int>
    public var isYear: Bool
    /// Fewer periods than a full tertial or year: the timeline starts or ends inside it.
    public var isPartial: Bool

    /// Per fiscal year on the timeline: its tertials that have periods, then the year.
    public static func groups(of timeline: Timeline) -> [TotalGroup] {
        guard timeline.granularity == .monthly, timeline.count > 0 else { return [] }
        var groups: [TotalGroup] = []
        var p = 0
        while p < timeline.count {
            let yearStart = timeline.fiscalYearStartIndex(of: p)
            // The absolute month the fiscal year starts in, even before the timeline does.
            let absolute = timeline.first + p
            let monthOfYear = absolute % 12 + 1
            let back = (monthOfYear - timeline.fiscalYearStart + 12) % 12
            let yearFirstAbsolute = absolute - back
            let yearLast = min(timeline.count - 1, yearFirstAbsolute + 11 - timeline.first)
            let year = yearFirstAbsolute / 12
            let yearTitle = timeline.fiscalYearStart == 1 ? String(year) : "\(year)/\(String(format2(year + 1)))"
            for t in 0..<3 {
                let firstAbsolute = yearFirstAbsolute + 4 * t
                let from = max(yearStart, firstAbsolute - timeline.first)
                let to = min(yearLast, firstAbsolute + 3 - timeline.first)
                guard from <= to else { continue }
                groups.append(TotalGroup(title: "T\(t + 1) \(yearTitle)", periods: from...to, isYear: false, isPartial: to - from + 1 < 4))
            }
            groups.append(TotalGroup(title: yearTitle, periods: yearStart...yearLast, isYear: true, isPartial: yearLast - yearStart + 1 < 12))
            p = yearLast + 1
        }
        return groups
    }

    private static func format2(_ year: Int) -> String {
        let r = year % 100
        return r < 10 ? "0\(r)" : String(r)
    }
}
