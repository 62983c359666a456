extension EditReport {
    /// What `watch` prints after a save: how many cells changed and were computed again, in
    /// how many milliseconds (`elapsed`, as text), then the first `limit` changed cells with
    /// their old and new value (`(new)` before a cell that is new, `(removed)` after one the
    /// save removed) and the difference of numbers, each input's origin under it
    /// when the report has them (`withOrigins(from:limit:)`), then the first `limit`
    /// definitions the edit removed. `time` starts the line.
    public func text(time: String, elapsed: String, limit: Int) -> String {
        let changed = changedCells
        var out = "[\(time)] \(changed == 0 ? "no value changed" : "\(grouped(changed)) cell\(changed == 1 ? "" : "s") changed"), "
        out += "\(grouped(recomputedCells)) recomputed\(recomputedEverything ? " (a new timeline or dimensions: all of it)" : "") in \(elapsed) ms"
        if !removed.isEmpty { out += "; \(grouped(removed.count)) definition\(removed.count == 1 ? "" : "s") removed" }
        let shown = changes.prefix(limit)
        let gone = removed.prefix(limit)
        let width = (shown.map(\.cell.count) + gone.map(\.name.count)).max() ?? 0
        for change in shown {
            let old = change.old.map(Self.show) ?? "(new)"
            let new = change.new.map(Self.show) ?? "(removed)"
            var line = "  " + change.cell.padded(toCharacters: width) + "  \(old) → \(new)"
            if case .number(let a)? = change.old, case .number(let b)? = change.new {
                line += "  (\(b - a >= 0 ? "+" : "")\(HumanNumbers.format(b - a, decimals: HumanNumbers.decimals(for: [b - a]))))"
            }
            out += "\n" + line
            if let origin = change.origin { out += "\n    " + origin.watchLine }
        }
        if changed > shown.count { out += "\n  … and \(grouped(changed - shown.count)) more" }
        for definition in gone {
            out += "\n  " + definition.name.padded(toCharacters: width) + "  removed (\(grouped(definition.cells)) cell\(definition.cells == 1 ? "" : "s"))"
        }
        if removed.count > gone.count { out += "\n  … and \(grouped(removed.count - gone.count)) more removed" }
        return out
    }

    /// A value as watch shows it: a number with the decimals it needs, a text in quotes with
    /// its line breaks, tabs, quotes and backslashes escaped as JSON writes them, so that one
    /// change stays one line.
    static func show(_ v: Value) -> String {
        switch v {
        case .number(let x): HumanNumbers.format(x, decimals: HumanNumbers.decimals(for: [x]))
        default: v.description   // a text in quotes, escaped as JSON writes it
        }
    }

    func grouped(_ n: Int) -> String { HumanNumbers.format(Double(n), decimals: 0) }
}
