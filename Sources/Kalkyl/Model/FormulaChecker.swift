/// Checks one formula and compiles it to `Op`s: resolves names, places periods on the
/// timeline, checks calls. Walks the flat tree once, in order, so it never recurses.
struct FormulaChecker {
    let file: SourceFile
    let timeline: Timeline
    let hasTimeline: Bool
    let slots: [String: Int]
    let shapes: [NameShape]
    /// Whether the formula computes a series (a bare series name then means the same period).
    let isSeries: Bool
    /// Inputs are constants: no names at all.
    let isConstant: Bool
    let selfSlot: Int
    var diagnostics: [Diagnostic] = []

    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    mutating func error(_ message: String, _ range: SourceRange, hint: String? = nil) {
        diagnostics.append(.error(message, at: location(range), hint: hint))
    }

    mutating func compile(_ e: FormulaTree) -> ([Op], [Dependency]) {
        let count = e.nodes.count
        var parent = [Int](repeating: -1, count: count)
        var argumentIndex = [Int](repeating: -1, count: count)
        for i in 0..<count {
            for (k, c) in e.children(of: i).enumerated() {
                parent[c] = i
                argumentIndex[c] = k
            }
        }
        // Arguments that a time function reads itself: the series of PREV/YTD/ROLLING, ROLLING's count.
        var consumed = [Bool](repeating: false, count: count)
        for i in 0..<count {
            guard case .call(let name, let args) = e.nodes[i].kind,
                  FunctionRegistry.timeFunctions[name.uppercased()] != nil, let first = args.first else { continue }
            if case .name = e.nodes[first].kind { consumed[first] = true }
            if name.uppercased() == "ROLLING", args.count > 1, case .number = e.nodes[args[1]].kind { consumed[args[1]] = true }
        }

        var ops: [Op] = []
        ops.reserveCapacity(count)
        var deps = Set<Dependency>()

        /// Whether node i is a direct argument of a call that takes ranges (SUM, COUNT, …).
        func isAggregateArgument(_ i: Int) -> Bool {
            var p = parent[i]
            var node = i
            // Parentheses around an argument keep it an argument: SUM((x)).
            while p >= 0, case .group = e.nodes[p].kind { node = p; p = parent[p] }
            _ = node
            guard p >= 0, case .call(let name, _) = e.nodes[p].kind else { return false }
            // An unknown function is reported once, at its name; its arguments get the benefit of the doubt.
            guard let spec = FunctionRegistry.lookup(name) else { return true }
            return spec.acceptsRanges
        }

        for i in 0..<count where !consumed[i] {
            let node = e.nodes[i]
            switch node.kind {
            case .number(let n): ops.append(.constant(.number(n)))
            case .text(let s): ops.append(.constant(.text(s)))
            case .bool(let b): ops.append(.constant(.bool(b)))
            case .error(let x): ops.append(.constant(.error(x)))
            case .missing: ops.append(.missing)
            case .period(let p):
                guard let month = p.month else { ops.append(.constant(.number(Double(p.year)))); continue }
                ops.append(.constant(.number(ExcelDate.serial(year: p.year, month: month, day: 1))))
            case .group: break
            case .negate: ops.append(.negate)
            case .plus: ops.append(.plus)
            case .percent: ops.append(.percent)
            case .binary(let op, _, _): ops.append(.binary(op))
            case .name(let name):
                ops.append(resolveName(name, node.range, aggregate: isAggregateArgument(i), deps: &deps))
            case .subscripted(let name, let sub, let nameRange, let subRange):
                ops.append(resolveSubscript(name, sub, nameRange: nameRange, subscriptRange: subRange,
                                            aggregate: isAggregateArgument(i), deps: &deps))
            case .call(let name, let args):
                ops.append(resolveCall(name, args, node.range, e, deps: &deps))
            }
        }
        return (ops, Array(deps))
    }

    /// The slot of a name, or a diagnostic with a did-you-mean.
    mutating func lookup(_ name: String, _ range: SourceRange) -> Int? {
        if let slot = slots[name] { return slot }
        var candidates = Array(slots.keys)
        if hasTimeline { candidates.append(timeline.axisName) }
        var hint = Suggestions.closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
        if hint == nil, FunctionRegistry.lookup(name) != nil { hint = "\(name.uppercased()) is a function; call it as \(name.uppercased())(…)" }
        error("unknown name '\(name)'", range, hint: hint)
        return nil
    }

    mutating func refuseInConstant(_ name: String, _ range: SourceRange) -> Bool {
        guard isConstant else { return false }
        error("an input is a constant and cannot refer to '\(name)'", range,
              hint: "leave out 'input' to make it a formula, or write the value itself")
        return true
    }

    mutating func resolveName(_ name: String, _ range: SourceRange, aggregate: Bool, deps: inout Set<Dependency>) -> Op {
        let bad = Op.constant(.error(.name))
        if slots[name] == nil, hasTimeline, name == timeline.axisName {
            if refuseInConstant(name, range) { return bad }
            guard isSeries else {
                error("'\(name)' only has a value inside a series, such as x[\(name)] = …", range)
                return bad
            }
            return .axis
        }
        guard let slot = lookup(name, range) else { return bad }
        if refuseInConstant(name, range) { return bad }
        if !shapes[slot].isSeries {
            deps.insert(.scalar(slot: slot))
            return .loadScalar(slot: slot)
        }
        if isSeries {
            deps.insert(.shifted(slot: slot, offset: 0))
            return .load(slot: slot, offset: 0)
        }
        guard aggregate else {
            error("'\(name)' is a series; a scalar formula must pick a period or aggregate it", range,
                  hint: "write \(name)[\(timeline.label(max(0, timeline.count - 1)))] for one period, or SUM(\(name)) for the whole timeline")
            return bad
        }
        deps.insert(.fixed(slot: slot))
        return .loadRange(slot: slot, from: 0, to: timeline.count - 1)
    }

    mutating func resolveSubscript(_ name: String, _ sub: Subscript, nameRange: SourceRange, subscriptRange: SourceRange,
                                   aggregate: Bool, deps: inout Set<Dependency>) -> Op {
        let bad = Op.constant(.error(.ref))
        guard let slot = lookup(name, nameRange) else { return bad }
        if refuseInConstant(name, nameRange) { return bad }
        guard shapes[slot].isSeries else {
            error("'\(name)' is a scalar and has no periods", subscriptRange, hint: "write \(name) without brackets")
            return bad
        }
        switch sub {
        case .relative(let offset):
            guard isSeries else {
                error("\(name)[\(timeline.axisName)…] is relative to the period being computed, and a scalar has none", subscriptRange,
                      hint: "pick a period, such as \(name)[\(timeline.label(0))]")
                return bad
            }
            deps.insert(.shifted(slot: slot, offset: offset))
            return .load(slot: slot, offset: offset)
        case .period(let p):
            guard let index = place(p) else { return bad }
            deps.insert(.fixed(slot: slot))
            return .loadPeriod(slot: slot, period: index)
        case .range(let fromLiteral, let toLiteral):
            guard let from = place(fromLiteral) else { return bad }
            let to = toLiteral.map { place($0) } ?? timeline.count - 1
            guard let to else { return bad }
            guard from <= to else {
                error("this range runs backwards: \(fromLiteral.label) comes after \(toLiteral?.label ?? "")", subscriptRange)
                return bad
            }
            guard aggregate else {
                error("a range of periods gives several values; aggregate it, as in SUM(\(name)[…])", subscriptRange)
                return bad
            }
            deps.insert(.fixed(slot: slot))
            return .loadRange(slot: slot, from: from, to: to)
        }
    }

    /// Places a written period on the timeline, or reports why it is not on it.
    mutating func place(_ p: PeriodLiteral) -> Int? {
        guard hasTimeline else {
            error("\(p.label) is a period, but the model has no timeline", p.range)
            return nil
        }
        if let month = p.month, !(1...12).contains(month) { return nil }   // the lexer has said so
        let absolute: Int
        switch (timeline.granularity, p.month) {
        case (.monthly, let month?): absolute = p.year * 12 + month - 1
        case (.yearly, nil): absolute = p.year
        case (.monthly, nil):
            error("\(p.year) is a year, but the timeline is monthly; write a month such as \(p.year)-01", p.range)
            return nil
        case (.yearly, .some):
            error("\(p.label) is a month, but the timeline is yearly; write a year such as \(p.year)", p.range)
            return nil
        }
        guard let index = timeline.index(ofAbsolute: absolute) else {
            error("\(p.label) is outside the timeline \(timeline.label(0)) .. \(timeline.label(timeline.count - 1))", p.range)
            return nil
        }
        return index
    }

    mutating func resolveCall(_ name: String, _ args: [Int], _ range: SourceRange, _ e: FormulaTree, deps: inout Set<Dependency>) -> Op {
        let upper = name.uppercased()
        let bad = Op.constant(.error(.name))
        if let arity = FunctionRegistry.timeFunctions[upper] {
            guard arity.contains(args.count) else {
                error("\(upper) takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity)") argument\(arity.upperBound == 1 ? "" : "s"), not \(args.count)", range,
                      hint: upper == "PREV" ? "PREV(series, value in the first period)" : upper == "ROLLING" ? "ROLLING(series, number of periods)" : "YTD(series)")
                return bad
            }
            if isConstant { error("an input is a constant and cannot use \(upper)", range); return bad }
            guard isSeries else {
                error("\(upper) works period by period, so it belongs in a series formula such as x[\(timeline.axisName)] = \(upper)(…)", range)
                return bad
            }
            guard case .name(let seriesName) = e.nodes[args[0]].kind else {
                error("\(upper) needs the name of a series as its first argument", e.nodes[args[0]].range)
                return bad
            }
            guard let slot = lookup(seriesName, e.nodes[args[0]].range) else { return bad }
            guard shapes[slot].isSeries else {
                error("'\(seriesName)' is a scalar; \(upper) needs a series", e.nodes[args[0]].range)
                return bad
            }
            switch upper {
            case "PREV":
                deps.insert(.shifted(slot: slot, offset: -1))
                return .prev(slot: slot)
            case "YTD":
                deps.insert(.window(slot: slot))
                return .ytd(slot: slot)
            default:
                guard case .number(let n) = e.nodes[args[1]].kind, n == n.rounded(), n >= 1, n <= 10_000 else {
                    error("ROLLING needs a whole number of periods, such as 12", e.nodes[args[1]].range)
                    return bad
                }
                deps.insert(.window(slot: slot))
                return .rolling(slot: slot, count: Int(n))
            }
        }
        guard let spec = FunctionRegistry.lookup(upper) else {
            var known = Array(FunctionRegistry.all.keys)
            known += FunctionRegistry.timeFunctions.keys
            let hint = Suggestions.closest(to: upper, in: known).map { "did you mean \($0)?" }
            error("unknown function '\(name)'", SourceRange(range.start, range.start + name.utf8.count), hint: hint)
            return bad
        }
        guard args.count >= spec.minArgs, args.count <= spec.maxArgs else {
            error("\(spec.name) takes \(spec.arityDescription), not \(args.count)", range)
            return bad
        }
        return .call(spec, argc: args.count)
    }
}
