/// Whether a definition of an edited model compiles to what it did before, so that `watch`
/// (and a session taking an editor's changes) recomputes exactly what an edit changed. It
/// compares compiled formulas, never source text: a definition written over several lines,
/// or moved, or reformatted, is the same when it computes the same.
struct CompiledForm {
    let old: CheckedModel
    let new: CheckedModel

    /// The same formula over the same shape, reading the same definitions the same way.
    func sameFormula(_ slot: Int, as oldSlot: Int) -> Bool {
        let d = new.definitions[slot], o = old.definitions[oldSlot]
        return d.isSeries == o.isSeries && d.dimensions == o.dimensions && d.isCheck == o.isCheck && d.isInput == o.isInput
            && sameOps(d.formula, o.formula) && sameForecast(d.forecastFormula, o.forecastFormula)
    }

    /// The same computed forecast, or none in both.
    func sameForecast(_ a: ForecastFormula?, _ b: ForecastFormula?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return sameOps(a.formula, b.formula)
    }

    /// The same values in the same cells: the definition's value or data, and every
    /// assignment of the model and of the scenario followed, in order.
    func sameInput(_ slot: Int, as oldSlot: Int, scenario: Scenario?, oldScenario: Scenario?) -> Bool {
        guard sameFormula(slot, as: oldSlot), sameData(new.definitions[slot].data, old.definitions[oldSlot].data) else { return false }
        let a = new.baseAssignments.filter { $0.slot == slot } + (scenario?.assignments.filter { $0.slot == slot } ?? [])
        let b = old.baseAssignments.filter { $0.slot == oldSlot } + (oldScenario?.assignments.filter { $0.slot == oldSlot } ?? [])
        return a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.periods == y.periods && x.members == y.members && sameData(x.data, y.data) && sameOps(x.formula, y.formula)
        }
    }

    func sameData(_ a: DataCells?, _ b: DataCells?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
    }

    /// Step by step: constants bit for bit, functions by name, reads of definitions by name.
    func sameOps(_ a: [Op], _ b: [Op]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy(sameOp)
    }

    func sameOp(_ x: Op, _ y: Op) -> Bool {
        switch (x, y) {
        case (.constant(let u), .constant(let v)): u.isIdentical(to: v)
        case (.array(let u), .array(let v)): u.isIdentical(to: v)
        case (.missing, .missing), (.axis, .axis), (.negate, .negate), (.plus, .plus), (.percent, .percent): true
        case (.binary(let p), .binary(let q)): p == q
        case (.call(let f, let m), .call(let g, let n)): f.name == g.name && m == n
        case (.load(let s, let t, let m), .load(let s2, let t2, let m2)): sameSlot(s, s2) && t == t2 && m == m2
        case (.loadRange(let s, let r), .loadRange(let s2, let r2)): sameSlot(s, s2) && r == r2
        case (.prev(let s, let m), .prev(let s2, let m2)): sameSlot(s, s2) && m == m2
        case (.toDate(let s, let g, let m), .toDate(let s2, let g2, let m2)): sameSlot(s, s2) && g == g2 && m == m2
        case (.rolling(let s, let c, let m), .rolling(let s2, let c2, let m2)): sameSlot(s, s2) && c == c2 && m == m2
        default: false
        }
    }

    /// A read of the definition of the same name, of the same shape and line kind (which
    /// variances compile in).
    func sameSlot(_ slot: Int, _ oldSlot: Int) -> Bool {
        let d = new.definitions[slot], o = old.definitions[oldSlot]
        return d.name == o.name && d.isSeries == o.isSeries && d.dimensions == o.dimensions && d.kind == o.kind
    }
}
