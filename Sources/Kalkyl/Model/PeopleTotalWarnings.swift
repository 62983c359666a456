/// A series counting people (persons, FTE) totals as a stock, its closing month, by a
/// documented rule, unless a series that carries itself forward reads it as a change
/// (`headcount = PREV(headcount, start) + hires - leavers`), or it is computed from such
/// changes alone. An input entered per month that nothing reads so, hires per month say,
/// shows its closing month as its year (2 where 24 were hired) with nothing to see: warn at
/// its name, with the declaration that says which it is (K0330). Declared `stock`, `flow` or
/// `average`, it is never warned of.
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
        return out
    }

    /// The definition's first words with `kind` after `input`: `input flow hires[month]: persons = …`.
    private static func declaration(_ d: CheckedDefinition) -> (String) -> String {
        let text = d.statement.file.text(in: d.statement.range) ?? "input \(d.name)[month] ="
        let head = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
        let words = head.split(whereSeparator: \.isWhitespace).map(String.init)
        return { kind in
            let rest = words.first == "input" ? Array(words.dropFirst()) : words
            return (["input", kind] + rest).joined(separator: " ") + " = …"
        }
    }
}
