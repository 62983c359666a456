/// How watch writes a changed cell's two values and their difference: as eval writes the cell
/// (`ValueFormat`), the old value by its definition before the save and the new one by its
/// definition after it. watch printed every number bare, with a decimal point: a `%` input's
/// 50 % → 60 % read `0.5 → 0.6  (+0.1)`, and a Swedish model's `40 000,5` read `40 000.5`.
struct WatchFormats {
    let after: CheckedModel
    let before: CheckedModel
    let afterLanguage: ReportLanguage
    let beforeLanguage: ReportLanguage

    init(after: CheckedModel, before: CheckedModel) {
        self.after = after
        self.before = before
        afterLanguage = ReportLanguage.of(after)
        beforeLanguage = ReportLanguage.of(before)
    }

    /// `50 % → 60 %  (+10 pp)`, `(new) → 1 200 kr`, `2 → (removed)`, `"a" → "b"`.
    func change(_ change: CellChange) -> String {
        let oldFormat = format(of: change.name, in: before, language: beforeLanguage) ?? format(of: change.name, in: after, language: afterLanguage)
        let newFormat = format(of: change.name, in: after, language: afterLanguage) ?? oldFormat
        // One number of decimals for both numbers when they read alike, as eval's table gives
        // a definition's cells one: as many as the two need.
        var decimals: (old: Int, new: Int) = (0, 0)
        let alike = oldFormat?.percent == newFormat?.percent && oldFormat?.unit == newFormat?.unit
        if case .number(let a)? = change.old, case .number(let b)? = change.new, alike, let f = newFormat {
            let both = HumanNumbers.decimals(for: [f.scaled(a), f.scaled(b)], limit: 2)
            decimals = (both, both)
        } else {
            if case .number(let a)? = change.old, let f = oldFormat { decimals.old = HumanNumbers.decimals(for: [f.scaled(a)], limit: 2) }
            if case .number(let b)? = change.new, let f = newFormat { decimals.new = HumanNumbers.decimals(for: [f.scaled(b)], limit: 2) }
        }
        let old = change.old.map { show($0, oldFormat, decimals.old) } ?? "(new)"
        let new = change.new.map { show($0, newFormat, decimals.new) } ?? "(removed)"
        var line = "\(old) → \(new)"
        if case .number(let a)? = change.old, case .number(let b)? = change.new, alike {
            if let f = newFormat {
                if !f.showsPeriod { line += "  (" + difference(b - a, f) + ")" }
            } else {
                line += "  (" + signed(HumanNumbers.format(b - a, decimals: HumanNumbers.decimals(for: [b - a])), b - a) + ")"
            }
        }
        return line
    }

    /// A number as eval writes its cell, with its unit; any other value as JSON writes it (a
    /// text in quotes with its line breaks escaped, so that one change stays one line).
    func show(_ v: Value, _ format: ValueFormat?, _ decimals: Int) -> String {
        guard case .number(let x) = v else { return v.description }
        guard let format else { return HumanNumbers.format(x, decimals: decimals) }
        return format.figure(x, decimals: decimals)
    }

    /// `+10 pp` for a `%` definition, `+2 000 kr`, `-0,27 kr`: with the decimals it needs.
    func difference(_ d: Double, _ format: ValueFormat) -> String {
        let scaled = format.scaled(d)
        let text = HumanNumbers.format(scaled, decimals: HumanNumbers.decimals(for: [scaled], limit: 2), language: format.language)
        return signed(text, d) + (format.percent ? " pp" : format.unit.map { " " + $0 } ?? "")
    }

    func signed(_ text: String, _ d: Double) -> String { (d >= 0 ? "+" : "") + text }

    func format(of name: String, in model: CheckedModel, language: ReportLanguage) -> ValueFormat? {
        model.slot(named: name).map { ValueFormat(model.definitions[$0], timeline: model.timeline, language: language) }
    }
}
