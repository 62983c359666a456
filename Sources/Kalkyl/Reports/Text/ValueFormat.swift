/// How eval's table writes one definition's numbers: a period as its label (`2026-03`), a
/// year without grouping (`2026`), a `%` definition in per cent (`50 %`), any other number
/// grouped by thousands with the model's decimal sign (`-120 907,73`). explain, watch, diff
/// and the language server's hover and hints write a figure through the same rule, so that
/// none shows it otherwise (or less precisely) than eval does; only how many decimals is each
/// one's own choice.
package struct ValueFormat {
    package let percent: Bool
    package let showsPeriod: Bool
    package let showsYear: Bool
    /// The definition's unit as a figure's suffix (`kr`); nil for none, for `%` (the number
    /// says it) and for a period.
    package let unit: String?
    package let language: ReportLanguage
    package let timeline: Timeline

    package init(_ d: CheckedDefinition, timeline: Timeline, language: ReportLanguage) {
        percent = d.unit == "%"
        showsPeriod = d.showsPeriod
        showsYear = d.showsYear
        unit = percent || d.showsPeriod ? nil : d.unit
        self.language = language
        self.timeline = timeline
    }

    /// A number as its figure reads it: in per cent for a `%` definition.
    package func scaled(_ x: Double) -> Double { percent ? x * 100 : x }

    /// The decimals eval's table gives a definition whose cells are `values` (and, for its year
    /// totals, the values `more` adds), chosen over their numbers as shown
    /// (`HumanNumbers.DecimalsCounter`, up to 2): the one rule eval's table and explain use,
    /// counted as the values come, so a block is read where it is.
    package func decimals(of values: some Sequence<Value>, more: ((Value) -> Void) -> Void = { _ in }) -> Int {
        var counter = HumanNumbers.DecimalsCounter(limit: 2)
        func add(_ v: Value) { if let x = v.number { counter.add(scaled(x)) } }
        for v in values { add(v) }
        more(add)
        return counter.decimals
    }

    /// `x` as eval's table writes it with `decimals`, without the unit.
    package func text(_ x: Double, decimals: Int) -> String {
        if showsPeriod { return timeline.periodLabel(ofSerial: x) ?? HumanNumbers.format(x, decimals: 0, language: language) }
        if showsYear && x == x.rounded() && abs(x) < 10_000 { return String(Int(x)) }
        return HumanNumbers.format(scaled(x), decimals: decimals, language: language) + (percent ? " %" : "")
    }

    /// `x` as explain and watch write a figure: eval's text, then the unit (`-120 908 kr`).
    package func figure(_ x: Double, decimals: Int) -> String {
        text(x, decimals: decimals) + (unit.map { " " + $0 } ?? "")
    }

    /// `x` alone, as a hover or watch writes one figure: with the decimals it needs (up to 2;
    /// never fewer than eval's table, whose decimals are chosen over a block holding it).
    package func text(_ x: Double) -> String {
        text(x, decimals: HumanNumbers.decimals(for: [scaled(x)], limit: 2))
    }
}
