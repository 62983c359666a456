import Foundation

/// `eval --stats`: how long each stage took and how many cells there are, one JSON object on
/// one line (docs/cli.md); times in milliseconds with three decimals.
public struct EvalStats: Sendable {
    public var parseSeconds: Double
    public var graphSeconds: Double
    public var evalSeconds: Double
    /// Applying the `--set` what-ifs; 0 without them.
    public var updateSeconds: Double
    public var cells: Int
    public var formulaCells: Int
    public var recomputedCells: Int

    public init(parseSeconds: Double, graphSeconds: Double, evalSeconds: Double, updateSeconds: Double,
                cells: Int, formulaCells: Int, recomputedCells: Int) {
        self.parseSeconds = parseSeconds
        self.graphSeconds = graphSeconds
        self.evalSeconds = evalSeconds
        self.updateSeconds = updateSeconds
        self.cells = cells
        self.formulaCells = formulaCells
        self.recomputedCells = recomputedCells
    }

    /// `{"parse_ms":0.412, "graph_ms":…, …}` and a line break.
    public func json() -> String {
        let fields: [(String, String)] = [
            ("parse_ms", Self.milliseconds(parseSeconds)),
            ("graph_ms", Self.milliseconds(graphSeconds)),
            ("eval_ms", Self.milliseconds(evalSeconds)),
            ("update_ms", Self.milliseconds(updateSeconds)),
            ("cells", String(cells)),
            ("formula_cells", String(formulaCells)),
            ("recomputed_cells", String(recomputedCells)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ", ") + "}\n"
    }

    /// Seconds as milliseconds with three decimals, as `--stats` and `watch` show them.
    public static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.3f", seconds * 1000)
    }
}
