extension Explainer {
    /// Where an input cell's value is set, as explain shows it: the statement (its definition,
    /// an assignment, a scenario's override or a `--set`) and, for a value read from a data
    /// file, the file's cell, the rows summed into it or the SIE vouchers behind it, all from
    /// the checked model. Nil for a computed cell.
    public static func inputSource(of cell: CellReference, in evaluation: Evaluation) -> InputSource? {
        var builder = ExplanationBuilder(evaluation: evaluation, options: Options())
        guard case .input(let source) = builder.source(cell) else { return nil }
        return source
    }
}

extension EditReport {
    /// The report with the origin of each of the first `limit` changed cells that is an
    /// input (what `watch` shows under a changed value), read from `evaluation`, the
    /// evaluation after the edit.
    public func withOrigins(from evaluation: Evaluation, limit: Int) -> EditReport {
        var out = self
        for k in out.changes.indices.prefix(max(0, limit)) {
            guard let cell = out.changes[k].reference, evaluation.model.definitions[cell.slot].isInput else { continue }
            out.changes[k].origin = Explainer.inputSource(of: cell, in: evaluation)
        }
        return out
    }
}
