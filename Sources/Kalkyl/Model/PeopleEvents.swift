/// A formula counting people that is a number per month, not a level, by its shape: it marks
/// the month of an event (`IF(month = slut, 1, 0)`, a leaver in the month the staff file names),
/// or it is a level less its previous month (`hc - PREV(hc, 20)`). Its unit makes it a stock, so
/// its year was December's: 0 leavers in a year of 2, and −1 for a headcount that went from 20
/// to 23, with nothing said (red team, session 19, hunt19/t07). `PeopleTotalWarnings` warns of
/// it, as of an input nothing shows to be a change.
enum PeopleEvents {
    /// What shows `d` to be a number per month: the event it marks, or the level it changes.
    enum Reason {
        case marksAMonth
        case changeOf(Int)
    }

    static func reason(_ slot: Int, in model: CheckedModel, known: inout [Int: Reason?]) -> Reason? {
        if let decided = known[slot] { return decided }
        known[slot] = .some(nil)   // while it is decided: a same-period cycle shows nothing
        let d = model.definitions[slot]
        var found: Reason?
        if d.isSeries, !d.isInput {
            if comparesThePeriodForEquality(d.formula) {
                found = .marksAMonth
            } else if let level = levelLessItsPrevious(slot, d, in: model) {
                found = .changeOf(level)
            } else {
                // Read in the same period, a series marking a month marks it too (`SUM(slutar[anst])`).
                for s in TotalKind.samePeriodReads(d) where s != slot {
                    if case .marksAMonth? = reason(s, in: model, known: &known) { found = .marksAMonth; break }
                }
            }
        }
        known[slot] = .some(found)
        return found
    }

    /// Whether the formula has `=` with the period (`month`, or a value computed from it, such
    /// as `MONTH(month)` or `EOMONTH(month, 0)`) on one side: it picks one month of a date.
    static func comparesThePeriodForEquality(_ formula: [Op]) -> Bool {
        var stack: [Bool] = []   // for each operand: computed from the period
        func pop(_ n: Int) -> Bool {
            let taken = stack.suffix(n)
            stack.removeLast(min(n, stack.count))
            return taken.contains(true)
        }
        for op in formula {
            switch op {
            case .axis: stack.append(true)
            case .constant, .array, .missing, .load, .loadRange, .toDate, .rolling: stack.append(false)
            case .prev: _ = pop(1); stack.append(false)
            case .negate, .plus, .percent: stack.append(pop(1))
            case .binary(let o):
                let right = stack.popLast() ?? false, left = stack.popLast() ?? false
                if o == .equal, left || right { return true }
                stack.append(o == .equal || o == .notEqual || o == .less || o == .lessEqual || o == .greater || o == .greaterEqual
                             ? false : left || right)
            case .call(_, let argc): stack.append(pop(argc))
            }
        }
        return false
    }

    /// The level `d` reads both in the period and in the one before (`hc - PREV(hc, 20)`,
    /// `antal - antal[month-1]`), when that level counts people and is no change itself.
    private static func levelLessItsPrevious(_ slot: Int, _ d: CheckedDefinition, in model: CheckedModel) -> Int? {
        let now = Set(TotalKind.samePeriodReads(d))
        for op in d.formula {
            let before: Int? = switch op {
            case .prev(let s, _): s
            case .load(let s, .shifted(let k), _) where k < 0: s
            default: nil
            }
            if let s = before, s != slot, now.contains(s), TotalKind.countsPeople(model.definitions[s]),
               model.definitions[s].declaredTotal != .flow, !TotalKind.isPeopleFlow(s, in: model) {
                return s
            }
        }
        return nil
    }
}
