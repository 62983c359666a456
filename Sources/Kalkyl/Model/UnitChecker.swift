/// Checks units as a compiler checks types (issue 10): every definition has a unit, declared
/// after `:` or inferred from its formula; `+`, `-` and comparisons need one unit, `*` and `/`
/// combine units, `^` raises a unit only to a whole number written in the formula, and every
/// function carries units by its rule (`FunctionSpec.units`; docs/units.md lists each). kr,
/// tkr, mnkr and mdkr are one dimension at different scales and are never converted silently:
/// mixing them is an error whose hint names the conversion. `AS(expr, unit)` says, once in the
/// formula, that `expr` is meant as `unit` (a ratio worked out by hand, a conversion written out).
///
/// A number written in a formula takes the unit of what it meets (`cost + 100`, `x * 12`).
/// An input without a unit is a plain number, unless it holds text. Text, dates and periods
/// are not checked; a text, date or period written that a choice may give (`IF(c, inhyrd,
/// "x")`, `IF(c, inhyrd, 2024-01)`) leaves the unit of its numeric branches to be checked, and
/// an array written (`{1, 2}`) is numbers written.
struct UnitChecker {
    let file: SourceFile
    let definitions: [Definition]
    let slots: [String: Int]
    var diagnostics: [Diagnostic] = []
    /// Each definition's unit once known; `.unchecked` while being inferred (a recurrence).
    private var units: [Int: Measured] = [:]

    init(file: SourceFile, definitions: [Definition], slots: [String: Int]) {
        self.file = file
        self.definitions = definitions
        self.slots = slots
    }

    /// What an expression measures, and where that came from, for the diagnostics.
    enum Measured {
        case unit(UnitOfMeasure, origin: String)
        /// A number written in the formula: it takes the unit of what it meets.
        case literal
        /// Text or a date: not a figure. Beside a figure in a choice (IF's branches, SUM's
        /// arguments) it is left out, so the figure is still checked; in `+` or a comparison
        /// it leaves the result unchecked (Excel's #VALUE! at run time, not a unit).
        case notAFigure
        /// Not checked: text, periods, functions without unit rules, a unit in error.
        case unchecked
    }

    /// The definitions the model's text states; others (a scorecard's expansion) count with
    /// their declared unit, or none, and are not walked.
    private var written: Set<Int> = []

    /// Checks the definitions at `written` (those the model's text states).
    mutating func check(_ written: [Int]) {
        self.written = Set(written)
        for slot in written { _ = unit(of: slot) }
    }

    /// The unit of a definition: declared, or inferred from its formula.
    mutating func unit(of slot: Int) -> Measured {
        if let known = units[slot] { return known }
        let d = definitions[slot]
        let line = file.lineAndColumn(of: d.nameRange.start).line
        var declared: UnitOfMeasure?
        if let text = d.unit {
            declared = UnitOfMeasure(declared: text)
            // Known before the formula is walked, so a recurrence (PREV(x)) reads it.
            if let declared { units[slot] = .unit(declared, origin: "'\(d.name)' is \(declared) (line \(line))") }
        }
        guard written.contains(slot) else {
            units[slot] = units[slot] ?? .unchecked
            return units[slot]!
        }
        if d.isInput || d.source != nil {
            // An input that holds text (`input label = "abc"`) is text, not a plain number.
            if declared == nil, d.source == nil, let root = d.expression.nodes[safe: d.expression.root], case .text = root.kind {
                units[slot] = .notAFigure
                return .notAFigure
            }
            let measured: Measured = declared.map { .unit($0, origin: "'\(d.name)' is \($0) (line \(line))") }
                ?? .unit(.plain, origin: "'\(d.name)' has no unit (line \(line))")
            units[slot] = measured
            return measured
        }
        if declared == nil { units[slot] = .unchecked }
        let inferred = measure(d.expression)
        if let declared {
            if case .unit(let u, let origin) = inferred, u != declared, !(u == .plain && Self.isCount(d.expression)) {
                diagnostics.append(.error("'\(d.name)' is declared \(declared), but its formula gives \(u): \(origin)",
                                          at: SourceLocation(file: file, range: d.expression.range),
                                          hint: UnitChecker.conversionHint(from: u, to: declared, expression: text(d.expression.range)),
                                          code: .declaredUnitDiffers))
            }
            return units[slot]!
        }
        let result: Measured = switch inferred {
        case .unit(let u, _): .unit(u, origin: "'\(d.name)' is \(u) (line \(line), from its formula)")
        case .literal: .unit(.plain, origin: "'\(d.name)' is a plain number (line \(line))")
        case .notAFigure: .notAFigure
        case .unchecked: .unchecked
        }
        units[slot] = result
        return result
    }

    /// The count functions: a definition whose formula is one of them alone may declare what it
    /// counts (`women: persons = COUNTIF(gender[employee], "K")`), the declaration being the
    /// statement of intent `AS(…, persons)` would be.
    static let counts: Set<String> = ["COUNT", "COUNTA", "COUNTIF", "COUNTIFS"]

    /// Whether `e` is a count and nothing more (in brackets or not): `COUNTIF(…)`, not
    /// `COUNTIF(…) * 2`.
    static func isCount(_ e: FormulaTree) -> Bool {
        guard !e.nodes.isEmpty else { return false }
        var node = e.root
        while case .group(let inner) = e.nodes[node].kind { node = inner }
        guard case .call(let name, _) = e.nodes[node].kind else { return false }
        return counts.contains(name.uppercased())
    }

    /// A forecast computed by a formula (`kost[forecast, ansvar, month] = kost[budget] + justering`)
    /// is held to its units as a definition is: inside, as every formula; and as a whole, to the
    /// unit the line declares, since its figures sit in the line's cells beside the actuals.
    /// A forecast that is a count alone takes the line's unit, as a declared definition does.
    mutating func checkForecast(_ forecast: Definition, line slot: Int) {
        let inferred = measure(forecast.expression)
        guard let written = definitions[slot].unit, let declared = UnitOfMeasure(declared: written),
              case .unit(let u, let origin) = inferred, u != declared, !(u == .plain && Self.isCount(forecast.expression)) else { return }
        let line = file.lineAndColumn(of: definitions[slot].nameRange.start).line
        diagnostics.append(.error("the forecast of '\(forecast.name)' is \(declared), as the line is (line \(line)), but its formula gives \(u): \(origin)",
                                  at: SourceLocation(file: file, range: forecast.expression.range),
                                  hint: UnitChecker.conversionHint(from: u, to: declared, expression: text(forecast.expression.range)), code: .declaredUnitDiffers))
    }

    func text(_ range: SourceRange) -> String {
        String(decoding: file.bytes[max(0, range.start)..<min(range.end, file.bytes.count)], as: UTF8.self)
    }

    /// Walks the tree children first (it is stored that way) and gives the root's unit.
    mutating func measure(_ e: FormulaTree) -> Measured {
        guard !e.nodes.isEmpty else { return .unchecked }
        var at: [Measured] = []
        at.reserveCapacity(e.nodes.count)
        for (i, node) in e.nodes.enumerated() {
            at.append(measure(node, i, e, at))
        }
        return at[e.root]
    }

    private mutating func measure(_ node: Node, _ i: Int, _ e: FormulaTree, _ at: [Measured]) -> Measured {
        switch node.kind {
        // A truth value, a written error (#N/A) and a left-out argument fit any unit, as a
        // number written does: `IF(c, cost, #N/A)` is in cost's unit.
        case .number, .bool, .error, .missing: return .literal
        case .text: return .notAFigure
        // A period written is a date: beside a figure in a choice (`IF(c, inhyrd, 2024-01)`) it
        // is left out, as text is. It was unchecked, which switched the check of the whole
        // expression off (`lon + IF(c, inhyrd, 2024-01)` passed, kr + mnkr).
        case .period: return .notAFigure
        // An array written holds numbers written, which take the unit of what they meet (or,
        // all text, is text); unchecked, it switched the check off as a period did.
        case .array(let a): return a.values.allSatisfy { if case .text = $0 { true } else { false } } ? .notAFigure : .literal
        case .negate(let a), .plus(let a), .percent(let a), .group(let a): return at[a]
        case .name(let name), .subscripted(let name, _, _, _):
            guard let slot = slots[name] else { return .unchecked }   // the axis, or a name already reported
            return unit(of: slot)
        case .binary(.power, let a, let b):
            return power(at[a], at[b], exponent: b, e, node.range)
        case .binary(let op, let a, let b):
            return binary(op, at[a], at[b], node.range)
        case .call(let name, let args):
            return call(name.uppercased(), args, at, node.range, e)
        }
    }

    private mutating func binary(_ op: BinaryOperator, _ a: Measured, _ b: Measured, _ range: SourceRange) -> Measured {
        switch op {
        case .add, .subtract:
            return same(a, b, what: op.rawValue, range)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if case .unchecked = same(a, b, what: op.rawValue, range) { return .unchecked }
            return .unit(.plain, origin: "'\(text(range))' is a truth value")
        case .multiply, .divide:
            return combined(a, b, dividing: op == .divide, range)
        case .power:
            return .unchecked   // `power`, which reads the exponent as written
        case .concat:
            return .notAFigure
        }
    }

    /// `a * b` or `a / b`: the units combine.
    private func combined(_ a: Measured, _ b: Measured, dividing: Bool, _ range: SourceRange) -> Measured {
        let origin = "'\(text(range))'"
        switch (a, b) {
        case (.unchecked, _), (_, .unchecked), (.notAFigure, _), (_, .notAFigure): return .unchecked
        case (.literal, .literal): return .literal
        case (.unit(let u, let o), .literal): return .unit(u, origin: o)
        case (.literal, .unit(let u, let o)): return dividing ? .unit(.plain / u, origin: "\(origin) is \(.plain / u)") : .unit(u, origin: o)
        case (.unit(let u, _), .unit(let v, _)):
            let w = dividing ? u / v : u * v
            return .unit(w, origin: "\(origin) is \(w)")
        }
    }

    /// `base ^ exponent` and POWER: a plain base (or a number written) gives a plain number; a
    /// unit is raised only to a whole number written in the formula (`cost ^ 2` is kr^2), since
    /// the unit of `cost ^ n` would change with n's value. An exponent has no unit.
    private mutating func power(_ base: Measured, _ exponent: Measured, exponent node: Int, _ e: FormulaTree, _ range: SourceRange) -> Measured {
        if case .unit(let u, let origin) = exponent, u != .plain {
            diagnostics.append(.error("\(text(range)): an exponent is a plain number, and \(origin)", at: SourceLocation(file: file, range: range),
                                      hint: "raise to a plain number, such as a count of years or a ratio", code: .powerOfAUnit))
            return .unchecked
        }
        guard case .unit(let u, _) = base, u != .plain else { return base }
        guard let n = wholeNumberWritten(node, e) else {
            diagnostics.append(.error("\(u) ^ \(text(e.nodes[node].range)): a unit is raised only to a whole number written in the formula, and '\(text(e.nodes[node].range))' is not one",
                                      at: SourceLocation(file: file, range: range),
                                      hint: "write the power (x ^ 2 is \(u.raised(to: 2))), or raise a plain number, such as a ratio: (x / x_start) ^ n",
                                      code: .powerOfAUnit))
            return .unchecked
        }
        let w = u.raised(to: n)
        return .unit(w, origin: "'\(text(range))' is \(w)")
    }

    /// The whole number an expression writes (`2`, `-1`, `(3)`), or nil.
    private func wholeNumberWritten(_ i: Int, _ e: FormulaTree) -> Int? {
        switch e.nodes[i].kind {
        case .number(let x): return x == x.rounded() && abs(x) <= 64 ? Int(x) : nil
        case .negate(let a): return wholeNumberWritten(a, e).map { -$0 }
        case .plus(let a), .group(let a): return wholeNumberWritten(a, e)
        default: return nil
        }
    }

    /// SQRT: the root of a unit that is a square (kr^2 gives kr), a plain number's is plain.
    private mutating func squareRoot(_ a: Measured, _ range: SourceRange) -> Measured {
        guard case .unit(let u, let origin) = a, u != .plain else { return a }
        guard let root = u.squareRoot else {
            diagnostics.append(.error("the square root of \(u) is no unit: \(origin)", at: SourceLocation(file: file, range: range),
                                      hint: "take the root of a square (SQRT(SUMSQ(x)) is in x's unit), or of a plain number", code: .powerOfAUnit))
            return .unchecked
        }
        return .unit(root, origin: "'\(text(range))' is \(root)")
    }

    /// Two values that must have one unit: `+`, `-`, a comparison, SUM's arguments, IF's branches.
    private mutating func same(_ a: Measured, _ b: Measured, what: String, _ range: SourceRange) -> Measured {
        switch (a, b) {
        case (.unchecked, _), (_, .unchecked), (.notAFigure, _), (_, .notAFigure): return .unchecked
        case (.literal, _): return b
        case (_, .literal): return a
        case (.unit(let u, let uo), .unit(let v, let vo)):
            if u == v { return a }
            let message = "\(u) \(what) \(v): \(uo), \(vo)"
            let hint = if u.sameDimension(as: v) {
                "\(u) and \(v) are one dimension at different scales, and Kalkyl does not convert silently: \(UnitChecker.conversion(from: v, to: u)); convert and say so, as in \(UnitChecker.conversionExample(from: v, to: u))"
            } else if u == .plain || v == .plain {
                "declare the unit of the one that has none (input x: kr = …), or, if the mix is meant, say so once in the formula: AS(expression, unit)"
            } else {
                "if the mix is meant, say so once in the formula: AS(expression, unit)"
            }
            diagnostics.append(.error(message, at: SourceLocation(file: file, range: range), hint: hint, code: .unitsDisagree))
            return .unchecked
        }
    }

    private mutating func call(_ name: String, _ args: [Int], _ at: [Measured], _ range: SourceRange, _ e: FormulaTree) -> Measured {
        compare(UnitRules.compared(name, argumentCount: args.count), args, at, range)
        switch UnitRules.rule(name, argumentCount: args.count) {
        case .declares:
            guard args.count == 2, let u = UnitOfMeasure(declared: text(e.nodes[args[1]].range)) else {
                diagnostics.append(.error("AS takes an expression and a unit, such as AS(cost / staff, kr/persons)", at: SourceLocation(file: file, range: range),
                                          code: .asNeedsAUnit))
                return .unchecked
            }
            return .unit(u, origin: "'\(text(range))' is \(u)")
        case .sameAs(let positions):
            return measureAlike(positions, args, at, range)
        case .firstArgument(let others):
            guard let first = args.first else { return .unchecked }
            var result = at[first]
            for (k, a) in args.enumerated() where others.contains(k) {
                if case .unit(let v, _) = at[a], v == .plain { continue }
                result = same(result, at[a], what: "and", range)
                if case .unchecked = result { return .unchecked }
            }
            return result
        case .plainNumberOf(let positions):
            _ = measureAlike(positions, args, at, range)
            return .unit(.plain, origin: "'\(text(range))' is a plain number")
        case .product:
            var result: Measured = .literal
            for a in args { result = combined(result, at[a], dividing: false, range) }
            return result
        case .quotient:
            guard args.count == 2 else { return .unchecked }
            return combined(at[args[0]], at[args[1]], dividing: true, range)
        case .squared:
            let one = measureAlike(nil, args, at, range)
            guard case .unit(let u, _) = one else { return one }
            let w = u.raised(to: 2)
            return .unit(w, origin: "'\(text(range))' is \(w)")
        case .squareRoot:
            guard args.count == 1 else { return .unchecked }
            return squareRoot(at[args[0]], range)
        case .power:
            guard args.count == 2 else { return .unchecked }
            return power(at[args[0]], at[args[1]], exponent: args[1], e, range)
        case .anyUnit:
            return .literal
        case .notAFigure:
            return .notAFigure
        case .unchecked:
            return .unchecked
        }
    }

    /// A lookup's value with the array it is looked up in, SWITCH's expression with each value:
    /// the first of `positions` with each other one, pair by pair, as `=` compares them (never
    /// two values with each other: `SWITCH(n, lon, 1, inhyrd, 2, 0)` with n a plain number
    /// compares no kronor with millions, and was refused). A plain number on either side fits,
    /// as one written does. One error a call at most.
    private mutating func compare(_ positions: Set<Int>, _ args: [Int], _ at: [Measured], _ range: SourceRange) {
        func plain(_ m: Measured) -> Bool { if case .unit(let u, _) = m { u == .plain } else { false } }
        let sorted = positions.sorted()
        guard let first = sorted.first, !plain(at[args[first]]) else { return }
        let reported = diagnostics.count
        for k in sorted.dropFirst() where !plain(at[args[k]]) {
            _ = same(at[args[first]], at[args[k]], what: "and", range)
            if diagnostics.count > reported { return }
        }
    }

    /// The one unit the arguments at `positions` (all, when nil) need: an error names the two
    /// that differ. Text and dates among them are left out (`IF(c, inhyrd, "x")` is inhyrd's
    /// unit); when they are all text or dates, so is the result.
    private mutating func measureAlike(_ positions: Set<Int>?, _ args: [Int], _ at: [Measured], _ range: SourceRange) -> Measured {
        var result: Measured = .literal
        var figures = 0, texts = 0
        for (k, a) in args.enumerated() where positions?.contains(k) ?? true {
            if case .notAFigure = at[a] { texts += 1; continue }
            figures += 1
            result = same(result, at[a], what: "and", range)
            if case .unchecked = result { return .unchecked }
        }
        return figures == 0 && texts > 0 ? .notAFigure : result
    }

    /// How to turn `from` into `to`, when they are one dimension at different scales.
    static func conversion(from: UnitOfMeasure, to: UnitOfMeasure) -> String {
        let shift = from.scale - to.scale
        let factor = "1" + String(repeating: "_000", count: abs(shift) / 3)
        return shift > 0 ? "the \(from) value times \(factor) is \(to)" : "the \(from) value divided by \(factor) is \(to)"
    }

    /// The conversion written as a controller would write it, with this pair's own factor
    /// (`AS(x * 1_000, kr) for the tkr value x`): a hint's example is copied as it stands.
    static func conversionExample(from: UnitOfMeasure, to: UnitOfMeasure) -> String {
        let shift = from.scale - to.scale
        let factor = "1" + String(repeating: "_000", count: abs(shift) / 3)
        return "AS(x \(shift > 0 ? "*" : "/") \(factor), \(to)) for the \(from) value x"
    }

    static func conversionHint(from: UnitOfMeasure, to: UnitOfMeasure, expression: String) -> String {
        if from.sameDimension(as: to) {
            return "\(from) and \(to) are one dimension at different scales: \(conversion(from: from, to: to)); if the formula converts, say so: AS(\(expression), \(to))"
        }
        return "declare the unit the formula gives (\(from)), or, if the mix is meant, say so: AS(\(expression), \(to))"
    }
}
