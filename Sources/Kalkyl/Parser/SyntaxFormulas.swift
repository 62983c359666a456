extension SyntaxFile {
    /// Every formula the file writes: definitions, checks, scenario overrides and the
    /// measures' bounds and figures, in source order. For tools that walk all of them
    /// (the formatter, the language server's references).
    package var formulaTrees: [FormulaTree] {
        var trees: [FormulaTree] = []
        for statement in statements {
            switch statement {
            case .definition(let d), .check(let d): trees.append(d.expression)
            case .scenario(let s): trees += s.overrides.map(\.expression)
            case .measure(let m): trees += m.formulaTrees
            default: break
            }
        }
        return trees
    }
}

extension MeasureSyntax {
    /// The measure's formulas: its target and partial bounds, baseline, outcome and assessment.
    package var formulaTrees: [FormulaTree] {
        var trees = [baseline, outcome, assessment].compactMap { $0 }
        if let target { trees += target.formulaTrees }
        switch partial {
        case .bound(let bound, _)?: trees += bound.formulaTrees
        case .within(let width)?: trees.append(width)
        case nil: break
        }
        return trees
    }
}

extension MeasureBound {
    package var formulaTrees: [FormulaTree] {
        switch self {
        case .atLeast(let e), .atMost(let e), .above(let e), .below(let e): [e]
        case .between(let low, let high): [low, high]
        case .increase, .decrease: []
        }
    }
}
