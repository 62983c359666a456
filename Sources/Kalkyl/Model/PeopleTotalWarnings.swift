/// A series counting people (persons, FTE) totals as a stock, its closing month, by a
/// documented rule, unless a series that carries itself forward reads it as a change
/// (`headcount = PREV(headcount, start) + hires - leavers`), or it is computed from such
/// changes alone. An input entered per month that nothing reads so, hires per month say,
/// shows its closing month as its year (2 where 24 were hired) with nothing to see: warn at
/// its name, with the declaration that says which it is (K0330). So is a formula whose shape
/// shows it to be a number per month (`PeopleEvents`: `IF(month = slut, 1, 0)`, `hc -
/// PREV(hc, 20)`). Declared `stock`, `flow` or `average`, it is never warned of.
enum PeopleTotalWarnings {
    static func warnings(_ model: CheckedModel) -> [Diagnostic] {
        guard model.timeline.granularity == .monthly, model.timeline.count > 1 else { return [] }
        var out: [Diagnostic] = []
        for (slot, d) in model.definitions.enumerated()
        where d.isInput && d.isSeries && !d.isCheck && d.declaredTotal == nil && TotalKind.countsPeople(d) {
            guard !TotalKind.isPeopleFlow(slot, in: model) else { continue }
            let unit = d.unit ?? "persons"
            let declared = declaration(d)
            out.append(Diagnostic(.warning,
                                  "'\(d.name)' counts \(unit), so its tertial and year totals are its last month's, as a headcount's; "
                                      + "no series that carries itself forward (headcount = PREV(headcount, start) + hires - leavers) reads it as a change, "
                                      + "so nothing says it is a level and not a number per month",
                                  at: d.location,
                                  hint: "a number per month (hires, leavers) adds up: \(declared("flow")); a level says so: \(declared("stock"))",
                                  code: .peopleSeriesTotalledAsAStock))
        }
        var known: [Int: PeopleEvents.Reason?] = [:]
        for (slot, d) in model.definitions.enumerated()
        where !d.isInput && d.isSeries && !d.isCheck && d.declaredTotal == nil && TotalKind.countsPeople(d)
            && !TotalKind.carriesItselfForward(slot, d) {
            guard let reason = PeopleEvents.reason(slot, in: model, known: &known), !TotalKind.isPeopleFlow(slot, in: model) else { continue }
            let unit = d.unit ?? "persons"
            let declared = declaration(d)
            let shape = switch reason {
            case .marksAMonth: "its formula picks one month (an '=' with the month), so it is a number per month"
            case .changeOf(let level): "its formula is '\(model.definitions[level].name)' less its previous month, a change"
            }
            out.append(Diagnostic(.warning,
                                  "'\(d.name)' counts \(unit), so its tertial and year totals are its last month's, as a headcount's; "
                                      + "but \(shape), and its year would be December's",
                                  at: d.location,
                                  hint: "a number per month (hires, leavers) adds up: \(declared("flow")); a level says so: \(declared("stock"))",
                                  code: .peopleSeriesTotalledAsAStock))
        }
        return out
    }

    /// The definition's first words with `kind` after `input`: `input flow hires[month]: persons = …`.
    private static func declaration(_ d: CheckedDefinition) -> (String) -> String {
        let text = d.statement.file.text(in: d.statement.range) ?? "input \(d.name)[month] ="
        let head = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
        let words = head.split(whereSeparator: \.isWhitespace).map(String.init)
        return { kind in
            guard words.first == "input" else { return ([kind] + words).joined(separator: " ") + " = …" }
            return (["input", kind] + words.dropFirst()).joined(separator: " ") + " = …"
        }
    }
}
