extension EditReport {
    /// What `watch` prints after a save: how many cells changed and were computed again, in
    /// how many milliseconds (`elapsed`, as text), then the first `limit` changed cells with
    /// their old and new value (`(new)` before a cell that is new, `(removed)` after one the
    /// save removed) and the difference of numbers, each input's origin under it
    /// when the report has them (`withOrigins(from:limit:)`), then the first `limit`
    /// definitions the edit removed. `time` starts the line.
    ///
    /// A number is written as eval writes it (`ValueFormat`): its unit, a `%` definition's in
    /// per cent and its difference in percentage points (`50 % → 60 %  (+10 pp)`), a period as
    /// its label, grouped by thousands with the model's decimal sign; with the decimals the two
    /// values need (`HumanNumbers.decimals(for:limit:)` over both: never less precise than
    /// eval's table, whose decimals are chosen over a block holding the value), and the
    /// difference with those it needs. A cell is read by its
    /// definition in `model` (the model after the save), a removed one in `before`.
    public func text(time: String, elapsed: String, limit: Int, model: CheckedModel, before: CheckedModel) -> String {
        let changed = changedCells
        var out = "[\(time)] \(changed == 0 ? "no value changed" : "\(grouped(changed)) cell\(changed == 1 ? "" : "s") changed"), "
        out += "\(grouped(recomputedCells)) recomputed\(recomputedEverything ? " (a new timeline or dimensions: all of it)" : "") in \(elapsed) ms"
        if !removed.isEmpty { out += "; \(grouped(removed.count)) definition\(removed.count == 1 ? "" : "s") removed" }
        let shown = changes.prefix(limit)
        let gone = removed.prefix(limit)
        let width = (shown.map(\.cell.count) + gone.map(\.name.count)).max() ?? 0
        let formats = WatchFormats(after: model, before: before)
        for change in shown {
            out += "\n  " + change.cell.padded(toCharacters: width) + "  " + formats.change(change)
            if let origin = change.origin { out += "\n    " + origin.watchLine }
        }
        if changed > shown.count { out += "\n  … and \(grouped(changed - shown.count)) more" }
        for definition in gone {
            out += "\n  " + definition.name.padded(toCharacters: width) + "  removed (\(grouped(definition.cells)) cell\(definition.cells == 1 ? "" : "s"))"
        }
        if removed.count > gone.count { out += "\n  … and \(grouped(removed.count - gone.count)) more removed" }
        return out
    }

    func grouped(_ n: Int) -> String { HumanNumbers.format(Double(n), decimals: 0) }
}
