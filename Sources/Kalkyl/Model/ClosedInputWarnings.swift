/// A model that states its closed month as an input (`input actuals_through = 2021-04`) and
/// takes the actuals up to it by a formula (`IF(month <= actuals_through, actual_leavers,
/// forecast_leavers)`) never reads actuals entered for a later month: a roll-forward forgotten,
/// which gives a wrong year to date silently. Warn, naming the input, where the late figures
/// are set and the months, as the warning of `actuals through` does for data read into the actuals.
enum ClosedInputWarnings {
    static func warnings(_ model: CheckedModel) -> [Diagnostic] {
        guard model.actualsThrough == nil, model.timeline.count > 0 else { return [] }
        let axis = model.timeline.axisName
        var out: [Diagnostic] = []
        var warned = Set<Int>(), warnedEmpty = Set<Int>()
        for reader in model.definitions where !reader.isInput && reader.isSeries {
            let tree = reader.expression
            for node in tree.nodes {
                guard case .call(let function, let args) = node.kind, function.uppercased() == "IF", args.count == 3,
                      let (closedName, actualsIn) = closedTest(tree, args[0], axis: axis),
                      let closedSlot = model.slot(named: closedName), let closed = closedPeriod(model, closedSlot),
                      case .name(let actualName) = tree.nodes[args[actualsIn]].kind,
                      let slot = model.slot(named: actualName), model.definitions[slot].isInput, model.definitions[slot].isSeries,
                      !warned.contains(slot) else { continue }
                // The twin (K0328): the file read into the actual input has no row for the closed month.
                if closed < model.timeline.count, warnedEmpty.insert(slot).inserted,
                   let empty = emptyClosedMonths(model, slot, closed: closed) {
                    let months = empty.months.map(model.timeline.label)
                    let list = months.count > 3 ? "\(months[0]) .. \(months[months.count - 1]) (\(months.count) months)" : months.joined(separator: ", ")
                    let read = rowsAround(lastBefore: empty.lastWithRow, firstAfter: empty.firstAfter, closed: closed, timeline: model.timeline)
                    out.append(Diagnostic(.warning,
                                          "\(empty.path) holds no actuals for \(list), closed (\(closedName) = \(model.timeline.label(closed))); "
                                              + "\(read), so \(reader.name) takes \(months.count == 1 ? "that month" : "those months") as empty",
                                          at: model.definitions[slot].location,
                                          hint: "add the closed months' rows to \(empty.path), or move \(closedName) back", code: .closedMonthWithoutActuals))
                }
                let late = lateMonths(model, slot, after: closed)
                guard let first = late.first else { continue }
                warned.insert(slot)
                let months = late.map(model.timeline.label)
                let list = months.count > 3 ? months.prefix(3).joined(separator: ", ") + " and \(months.count - 3) more" : months.joined(separator: ", ")
                let closedLabel = closed < model.timeline.count ? model.timeline.label(closed) : "after the timeline"
                out.append(Diagnostic(.warning,
                                      "\(actualName) holds actuals for \(list), after the closed month \(closedLabel) (\(closedName)); \(reader.name) reads them only up to it",
                                      at: origin(model, slot, period: first),
                                      hint: "roll forward: input \(closedName) = \(model.timeline.label(late.last ?? first))", code: .actualsAfterTheClose))
            }
        }
        return out
    }

    /// `month <= NAME` (actuals in the first branch), `month > NAME` (in the second), and the
    /// same written the other way round (`NAME >= month`): the name and the branch.
    static func closedTest(_ tree: FormulaTree, _ index: Int, axis: String) -> (String, Int)? {
        var i = index
        while case .group(let inner) = tree.nodes[i].kind { i = inner }
        guard case .binary(let op, let a, let b) = tree.nodes[i].kind,
              case .name(let left) = tree.nodes[a].kind, case .name(let right) = tree.nodes[b].kind else { return nil }
        switch op.rawValue {
        case "<=" where left == axis: return (right, 1)
        case ">" where left == axis: return (right, 2)
        case ">=" where right == axis: return (left, 1)
        case "<" where right == axis: return (left, 2)
        default: return nil
        }
    }

    /// The period index an input holding a period holds (`input actuals_through = 2021-04`).
    static func closedPeriod(_ model: CheckedModel, _ slot: Int) -> Int? {
        let d = model.definitions[slot]
        guard d.isInput, !d.isSeries, d.dimensions.isEmpty, d.showsPeriod, d.formula.count == 1,
              case .constant(.number(let serial)) = d.formula[0] else { return nil }
        let t = model.timeline
        // Before the timeline nothing is closed; after it, everything is.
        if serial < t.serial(ofAbsolute: t.first) { return nil }
        return (0..<t.count).last { t.serial(ofAbsolute: t.first + $0) <= serial }
    }

    /// The months after `closed` in which the base model gives the input a figure (not 0, not blank).
    static func lateMonths(_ model: CheckedModel, _ slot: Int, after closed: Int) -> [Int] {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        guard closed + 1 < model.timeline.count else { return [] }
        func isFigure(_ v: Value) -> Bool {
            switch v {
            case .blank: false
            case .number(let x): x != 0
            default: true
            }
        }
        var late = Set<Int>()
        if let data = d.data {
            for p in (closed + 1)..<model.timeline.count where data[(p * m)..<min(data.count, (p + 1) * m)].contains(where: isFigure) { late.insert(p) }
        } else if d.formula.count == 1, case .constant(let v) = d.formula[0], isFigure(v) {
            late.formUnion((closed + 1)..<model.timeline.count)
        }
        // The model's own assignments, in order: the last to set a month decides it.
        for a in model.baseAssignments where a.slot == slot {
            let periods = a.periods ?? 0...(model.timeline.count - 1)
            let whole = a.members.allSatisfy { $0 == nil }
            for p in periods where p > closed {
                let figure: Bool
                if let data = a.data {
                    let k = (p - periods.lowerBound)
                    let n = data.count / max(1, periods.count)
                    figure = data[(k * n)..<min(data.count, (k + 1) * n)].contains(where: isFigure)
                } else if a.formula.count == 1, case .constant(let v) = a.formula[0] {
                    figure = isFigure(v)
                } else {
                    continue
                }
                if figure { late.insert(p) } else if whole { late.remove(p) }
            }
        }
        return late.sorted()
    }

    /// The closed months an input read from a data file has no row for: from the month after
    /// the file's last row before `closed` through `closed`, when it has none for `closed` and no
    /// assignment of the model sets it; with that last row's month, the first month after
    /// `closed` with a row, and the file.
    static func emptyClosedMonths(_ model: CheckedModel, _ slot: Int, closed: Int) -> (months: [Int], lastWithRow: Int?, firstAfter: Int?, path: String)? {
        let d = model.definitions[slot]
        let m = model.memberCount(of: slot)
        guard let origins = d.dataOrigins, !origins.perMember, m > 0, origins.offsets.count >= model.timeline.count * m,
              !model.baseAssignments.contains(where: { $0.slot == slot && ($0.periods?.contains(closed) ?? true) }) else { return nil }
        func hasRow(_ p: Int) -> Bool { ((p * m)..<((p + 1) * m)).contains { origins.offsets[$0] >= 0 } }
        guard !hasRow(closed) else { return nil }
        let last = (0..<closed).last(where: hasRow)
        return (Array(((last ?? -1) + 1)...closed), last, ((closed + 1)..<model.timeline.count).first(where: hasRow), origins.path)
    }

    /// Where a file's rows are around the closed month it has none for: `its last row is for
    /// 2024-01`, or, when it has rows after the closed month too (a SIE file with March's vouchers
    /// and none for February, hunt18/p3/c.kalkyl, which said only "its last row is for 2024-01"),
    /// `its last row before 2024-02 is for 2024-01, and its next for 2024-03`.
    static func rowsAround(lastBefore: Int?, firstAfter: Int?, closed: Int, timeline: Timeline) -> String {
        let closed = timeline.label(closed)
        return switch (lastBefore.map(timeline.label), firstAfter.map(timeline.label)) {
        case (let last?, nil): "its last row is for \(last)"
        case (let last?, let next?): "its last row before \(closed) is for \(last), and its next for \(next)"
        case (nil, let next?): "it has no row up to \(closed), and its first after is for \(next)"
        case (nil, nil): "it has no row for a month of the timeline"
        }
    }

    /// Where the figure of a late month is set: the last of the model's assignments covering
    /// it, or the input's definition.
    static func origin(_ model: CheckedModel, _ slot: Int, period: Int) -> SourceLocation {
        let a = model.baseAssignments.last { $0.slot == slot && ($0.periods?.contains(period) ?? true) }
        return a?.location ?? model.definitions[slot].location
    }
}
