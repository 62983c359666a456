/// Evaluates one formula on its own, with names bound to values as if they were cells.
/// Tests use it to check functions against Excel's results.
enum FormulaEvaluator {
    static func evaluate(_ expression: FormulaTree, references: [String: Value] = [:]) -> Value {
        let names = Array(references.keys)
        var slots: [String: Int] = [:]
        for (i, n) in names.enumerated() { slots[n] = i }
        let table = NameTable(timeline: Timeline(granularity: .monthly, first: 0, count: 0), hasTimeline: false, slots: slots,
                              shapes: names.map { _ in NameShape(isSeries: false, isInput: false) }, dimensions: [])
        var checker = FormulaChecker(file: SourceFile(path: "<formula>", text: ""), names: table, isSeries: false, isConstant: false)
        let (ops, _) = checker.compile(expression)
        if !checker.diagnostics.isEmpty { return .error(.name) }
        let blocks = names.map { name in
            let s = CellStorage(count: 1)
            s[0] = references[name]!
            return s
        }
        let out = CellStorage(count: 1)
        Interpreter(timeline: checker.timeline, memberCounts: names.map { _ in 1 })
            .run(ops, period: 0, members: 0..<1, blocks: blocks, into: Destination(storage: out, offset: 0))
        return out[0]
    }

    /// Parses and evaluates Excel-style text such as `=ROUND(2.5, 0)`.
    static func evaluate(_ text: String, references: [String: Value] = [:]) -> Value? {
        let (expression, _) = Parser.parseFormula(text)
        return expression.map { evaluate($0, references: references) }
    }
}
