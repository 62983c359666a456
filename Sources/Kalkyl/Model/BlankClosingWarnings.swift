/// A stock read from a data file whose closing month is blank (a headcount file with
/// December not filled in yet) totalled its year as 0, with nothing said (red team, session
/// 19). Its year now shows the last month given (`TotalKind.value`); warn at the input, naming
/// the blank month, the members and the file, since that is the latest figure and not the
/// closing one, and formulas reading the blank month take it as 0 (K0226).
enum BlankClosingWarnings {
    static func warnings(_ model: CheckedModel) -> [Diagnostic] {
        guard model.timeline.granularity == .monthly, model.timeline.count > 1 else { return [] }
        var out: [Diagnostic] = []
        for (slot, d) in model.definitions.enumerated() where d.isInput && d.isSeries && !d.isCheck {
            guard let cells = d.data, cells.count == model.cellCount(of: slot),
                  TotalKind.of(slot, in: model, values: cells) == .closing else { continue }
            let members = model.memberCount(of: slot)
            // A month the model sets after the data (`input antal[2026-12] = 14`) is not blank.
            func setInModel(_ p: Int) -> Bool {
                model.baseAssignments.contains { $0.slot == slot && $0.data == nil && ($0.periods?.contains(p) ?? true) }
            }
            var blank: [(group: TotalGroup, members: [Int])] = []
            for group in model.totalGroups where !setInModel(group.periods.upperBound) {
                let last = group.periods.upperBound
                let empty = (0..<members).filter { m in
                    cells[last * members + m] == .blank
                        && group.periods.contains { cells[$0 * members + m] != .blank }   // a member with no month given shows 0
                }
                if !empty.isEmpty { blank.append((group, empty)) }
            }
            guard let first = blank.first(where: \.group.isYear) ?? blank.first else { continue }
            let month = model.timeline.label(first.group.periods.upperBound)
            let names = first.members.prefix(3).map { model.memberTitles(of: slot, member: $0).joined(separator: " · ") }
            let who = members == 1 ? "" : " for " + names.joined(separator: ", ")
                + (first.members.count > 3 ? " and \(first.members.count - 3) more" : "")
            let m = first.members[0]
            let given = first.group.periods.last { cells[$0 * members + m] != .blank }!
            let shown = TotalKind.closing.value(of: first.group.periods.map { cells[$0 * members + m] })
            let example = members == 1 ? "" : " (\(names[0]))"
            let others = blank.filter { $0.group.title != first.group.title }.map(\.group.title)
            let also = others.isEmpty ? "" : " (and \(others.joined(separator: ", ")))"
            let figure = ValueFormat(d, timeline: model.timeline, language: ReportLanguage.of(model))   // as eval writes it
            let file = d.dataFile.map { " in \($0)" } ?? ""
            out.append(Diagnostic(.warning,
                                  "'\(d.name)' is a stock, totalled as its closing month, but \(month) is blank\(who)\(file): "
                                      + "its \(first.group.title)\(also) shows the last month given, \(model.timeline.label(given))'s "
                                      + "\(shown.number.map(figure.text) ?? "")\(example), "
                                      + "and a formula reading \(month) takes it as 0",
                                  at: d.location,
                                  hint: "fill in \(month)\(file), or end the timeline at the last month given",
                                  code: .blankClosingMonth))
        }
        return out
    }
}
