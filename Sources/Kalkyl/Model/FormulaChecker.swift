/// Checks one formula and compiles it to `Op`s: resolves names, places periods on the
/// timeline, checks calls. Walks the flat tree once, in order, so it never recurses.
struct FormulaChecker {
    let file: SourceFile
    let names: NameTable
    /// Whether the formula computes a series (a bare series name then means the same period).
    let isSeries: Bool
    /// The dimensions of the block being computed (a bare name then means the same member).
    let dimensions: [Int]
    /// Inputs are constants: no names at all.
    let isConstant: Bool
    var diagnostics: [Diagnostic] = []
    /// Ops whose periods an input bounds, by op index, for the workbook.
    var periodBounds: [Int: PeriodBoundUse] = [:]
    /// Each VARIANCE call of a cost or revenue with the lines of no kind it reads: once the
    /// inputs are read, one whose amounts add up below zero is warned of (K0225).
    var unkindedVarianceReads: [(kind: LineKind, names: [String], range: SourceRange)] = []
    /// The bound of the reference just resolved, until its op is placed.
    var pendingBound: PeriodBoundUse?

    init(file: SourceFile, names: NameTable, isSeries: Bool, dimensions: [Int] = [], isConstant: Bool) {
        self.file = file
        self.names = names
        self.isSeries = isSeries
        self.dimensions = dimensions
        self.isConstant = isConstant
    }

    var timeline: Timeline { names.timeline }
    var hasTimeline: Bool { names.hasTimeline }
    var slots: [String: Int] { names.slots }
    var shapes: [NameShape] { names.shapes }

    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    /// The formula's text at `r`, as written.
    func sourceText(_ r: SourceRange) -> String {
        String(decoding: file.bytes[max(0, r.start)..<min(r.end, file.bytes.count)], as: UTF8.self)
    }

    mutating func error(_ message: String, _ range: SourceRange, hint: String? = nil, code: DiagnosticCode) {
        diagnostics.append(.error(message, at: location(range), hint: hint, code: code))
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
        // AS(expr, unit): the unit is for the unit checker; the value is expr's.
        for i in 0..<count {
            guard case .call(let name, let args) = e.nodes[i].kind, name.uppercased() == "AS", args.count == 2 else { continue }
            var pending = [args[1]]
            while let n = pending.popLast() {
                consumed[n] = true
                pending += e.children(of: n)
            }
        }

        var ops: [Op] = []
        ops.reserveCapacity(count)
        var deps = Set<Dependency>()
        /// The shape of each argument that gives several values, by node: rows and columns.
        var argumentShapes: [Int: (rows: Int, columns: Int)] = [:]
        /// Nodes whose values of several rows and columns come row by row, as an array
        /// constant's do (the model's tables come period by period).
        var rowByRow = Set<Int>()

        /// Whether each node sits under operators (`(x > 0) * y`) that are, as a whole, an array
        /// argument of a function computing such arguments position by position (SUMPRODUCT).
        /// Worked out from the root down, parents before children, so that a line of 200,000
        /// terms costs one pass.
        var underElementwise = [Bool](repeating: false, count: count)
        do {
            var isArgument = [Bool](repeating: false, count: count)
            for p in stride(from: count - 1, through: 0, by: -1) {
                switch e.nodes[p].kind {
                case .group(let c):
                    isArgument[c] = isArgument[p]
                    underElementwise[c] = underElementwise[p]
                case .binary(_, let a, let b):
                    underElementwise[a] = isArgument[p] || underElementwise[p]
                    underElementwise[b] = underElementwise[a]
                case .negate(let a), .plus(let a), .percent(let a):
                    underElementwise[a] = isArgument[p] || underElementwise[p]
                case .call(let name, let args):
                    guard let spec = FunctionRegistry.lookup(name), spec.computesArraysElementwise else { continue }
                    for (k, c) in args.enumerated() where spec.parameter(at: k, of: args.count)?.kind == .array { isArgument[c] = true }
                default:
                    continue
                }
            }
        }
        func insideElementwise(_ i: Int) -> Bool { underElementwise[i] }

        /// The shape of an operator's result over arrays: its operands' one shape (a single
        /// value goes with any), or a diagnostic when they differ.
        func combineShapes(_ i: Int, _ operands: [Int]) {
            var found: (node: Int, shape: (rows: Int, columns: Int))?
            var single = false
            for k in operands {
                guard let shape = argumentShapes[k] else { continue }
                if shape == (1, 1) { single = true; continue }
                guard let (first, wanted) = found else { found = (k, shape); continue }
                let byRow = rowByRow.contains(k) != rowByRow.contains(first) && shape.rows > 1 && shape.columns > 1
                if shape != wanted || byRow {
                    func describe(_ s: (rows: Int, columns: Int)) -> String {
                        "\(s.rows) member\(s.rows == 1 ? "" : "s") × \(s.columns) period\(s.columns == 1 ? "" : "s")"
                    }
                    let what = byRow ? "an array constant and a table of the model, whose cells are in another order"
                        : "'\(sourceText(e.nodes[first].range))' is \(describe(wanted)) and '\(sourceText(e.nodes[k].range))' \(describe(shape))"
                    error("this operator takes its arrays position by position, and \(what)", e.nodes[i].range,
                          hint: "give both sides the same members and periods", code: .rangesOfDifferentShapes)
                    return
                }
            }
            if let found {
                argumentShapes[i] = found.shape
                if rowByRow.contains(found.node) { rowByRow.insert(i) }
            } else if single {
                argumentShapes[i] = (1, 1)
            }
        }

        /// The parameter node i is an argument for, and whose ("SUMIF's range"), when it is one.
        func parameter(of i: Int) -> (Parameter, String)? {
            var p = parent[i]
            var node = i
            while p >= 0, case .group = e.nodes[p].kind { node = p; p = parent[p] }
            guard p >= 0, case .call(let name, let args) = e.nodes[p].kind, let spec = FunctionRegistry.lookup(name),
                  let parameter = spec.parameter(at: argumentIndex[node], of: args.count) else { return nil }
            return (parameter, "\(spec.name)'s \(parameter.name)")
        }

        /// What node i may be, read from the parameter it is an argument for: several values
        /// (SUM's numbers, SUMIF's range) or one (SUMIF's criteria, named in the diagnostic).
        func place(of i: Int) -> ArgumentPlace {
            var p = parent[i]
            var node = i
            // Parentheses around an argument keep it an argument: SUM((x)).
            while p >= 0, case .group = e.nodes[p].kind { node = p; p = parent[p] }
            // An operand of operators computed position by position: SUMPRODUCT((x > 0) * y).
            if insideElementwise(i) { return .severalValues }
            guard p >= 0, case .call(let name, let args) = e.nodes[p].kind else { return .oneValue(of: nil) }
            // An unknown function is reported once, at its name; its arguments get the benefit of the doubt.
            guard let spec = FunctionRegistry.lookup(name),
                  let parameter = spec.parameter(at: argumentIndex[node], of: args.count) else { return .severalValues }
            return parameter.kind.takesSeveralValues ? .severalValues : .oneValue(of: "\(spec.name)'s \(parameter.name)")
        }

        for i in 0..<count where !consumed[i] {
            let node = e.nodes[i]
            switch node.kind {
            case .number(let n): ops.append(.constant(.number(n)))
            case .text(let s): ops.append(.constant(.text(s)))
            case .bool(let b): ops.append(.constant(.bool(b)))
            case .error(let x): ops.append(.constant(.error(x)))
            case .missing: ops.append(.missing)
            case .array(let a):
                argumentShapes[i] = (a.rows, a.columns)
                rowByRow.insert(i)
                if let (parameter, owner) = parameter(of: i), parameter.kind == .range {
                    error("\(owner) needs cells of the model here, as Excel needs a reference; an array cannot stand in for them",
                          node.range, hint: "define the values as an input per member, and pass x[dimension]", code: .rangeNeedsCells)
                    ops.append(.constant(.error(.value)))
                } else if a.values.count > 1, case .oneValue(let parameter) = place(of: i) {
                    let array = ExpressionPrinter.print(arrayTree(a, node.range))
                    error(parameter.map { "\($0) is one value, but the array \(array) gives several" }
                          ?? "the array \(array) gives several values, and only a function's argument may take several", node.range,
                          hint: parameter == nil ? "pass it to a function that takes several values, such as SUM, INDEX or XLOOKUP" : nil, code: .severalValues)
                    ops.append(.constant(.error(.value)))
                } else {
                    ops.append(.array(a))
                }
            case .period(let p):
                guard let month = p.month else { ops.append(.constant(.number(Double(p.year)))); continue }
                ops.append(.constant(.number(ExcelDate.serial(year: p.year, month: month, day: 1))))
            case .negate(let a):
                ops.append(.negate)
                if insideElementwise(a) { combineShapes(i, [a]) }
            case .plus(let a):
                ops.append(.plus)
                if insideElementwise(a) { combineShapes(i, [a]) }
            case .percent(let a):
                ops.append(.percent)
                if insideElementwise(a) { combineShapes(i, [a]) }
            case .binary(let op, let a, let b):
                ops.append(.binary(op))
                if insideElementwise(a) { combineShapes(i, [a, b]) }
            case .name(let name):
                ops.append(resolveName(name, node.range, argument: place(of: i), deps: &deps))
                if case .loadRange(_, let access)? = ops.last { argumentShapes[i] = shape(access) }
            case .subscripted(let name, let sub, let nameRange, let subRange):
                pendingBound = nil
                ops.append(resolveSubscript(name, sub, nameRange: nameRange, subscriptRange: subRange,
                                            argument: place(of: i), deps: &deps))
                if case .loadRange(_, let access)? = ops.last { argumentShapes[i] = shape(access) }
                if let bound = pendingBound {
                    periodBounds[ops.count - 1] = bound
                    pendingBound = nil
                }
            case .group(let inner):
                if let s = argumentShapes[inner] { argumentShapes[i] = s }
                if rowByRow.contains(inner) { rowByRow.insert(i) }
            case .call(let name, let args):
                ops += resolveCall(name, args, node.range, e, shapes: args.map { argumentShapes[$0] },
                                   rowByRow: args.map { rowByRow.contains($0) }, deps: &deps)
            }
        }
        return (ops, Array(deps))
    }

    func arrayTree(_ a: ArrayConstant, _ range: SourceRange) -> FormulaTree {
        var tree = FormulaTree()
        _ = tree.add(.array(a), range)
        return tree
    }

    /// What an argument may be, from the parameter it stands for.
    enum ArgumentPlace: Equatable {
        /// A range or an array: an aggregate's argument.
        case severalValues
        /// One value per cell; the parameter's name ("SUMIF's criteria") when it is a function's argument.
        case oneValue(of: String?)
    }

    /// The slot of a name, or a diagnostic with a did-you-mean.
    mutating func lookup(_ name: String, _ range: SourceRange) -> Int? {
        if let slot = slots[name] { return slot }
        // Its definition's syntax error is reported where it is; the model fails on it.
        if names.broken.contains(name) { return nil }
        var candidates = Array(slots.keys)
        if hasTimeline { candidates.append(timeline.axisName) }
        var hint = Suggestions.closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
        if hint == nil, FunctionRegistry.lookup(name) != nil { hint = "\(name.uppercased()) is a function; call it as \(name.uppercased())(…)" }
        error("unknown name '\(name)'", range, hint: hint, code: .unknownName)
        return nil
    }

    mutating func refuseInConstant(_ name: String, _ range: SourceRange) -> Bool {
        guard isConstant else { return false }
        error("an input is a constant and cannot refer to '\(name)'", range,
              hint: "leave out 'input' to make it a formula, or write the value itself", code: .inputIsAConstant)
        return true
    }

    mutating func resolveName(_ name: String, _ range: SourceRange, argument: ArgumentPlace, deps: inout Set<Dependency>) -> Op {
        let bad = Op.constant(.error(.name))
        if slots[name] == nil, hasTimeline, name == timeline.axisName {
            if refuseInConstant(name, range) { return bad }
            guard isSeries else {
                error("'\(name)' only has a value inside a series, such as x[\(name)] = …", range, code: .noPeriodBeingComputed)
                return bad
            }
            return .axis
        }
        guard let slot = lookup(name, range) else { return bad }
        if refuseInConstant(name, range) { return bad }
        return resolveReference(name, slot: slot, parts: [], nameRange: range, subscriptRange: range, argument: argument, deps: &deps)
    }

    mutating func resolveSubscript(_ name: String, _ parts: [SubscriptPart], nameRange: SourceRange, subscriptRange: SourceRange,
                                   argument: ArgumentPlace, deps: inout Set<Dependency>) -> Op {
        guard let slot = lookup(name, nameRange) else { return .constant(.error(.ref)) }
        if refuseInConstant(name, nameRange) { return .constant(.error(.ref)) }
        return resolveReference(name, slot: slot, parts: parts, nameRange: nameRange, subscriptRange: subscriptRange,
                                argument: argument, deps: &deps)
    }

    /// Where one end of a range falls on the timeline, and the input that holds it, if any.
    /// A name must be an input holding a period, so that it is known when the model is checked.
    mutating func place(_ bound: PeriodBound, deps: inout Set<Dependency>) -> (index: Int, slot: Int?)? {
        switch bound {
        case .period(let p):
            return place(p).map { ($0, nil) }
        case .name(let word, let r):
            guard let input = names.periodInputs[word] else {
                let hint = Suggestions.closest(to: word, in: Array(names.periodInputs.keys)).map { "did you mean '\($0)'?" }
                    ?? "define it as an input holding a period, as in input \(word) = \(timeline.label(max(0, timeline.count - 1)))"
                error("'\(word)' is not an input holding a period, so it cannot bound a range", r, hint: hint, code: .notAPeriodInput)
                return nil
            }
            var literal = input.period
            literal.range = r
            guard let index = place(literal) else { return nil }
            deps.insert(.scalar(slot: input.slot))
            return (index, input.slot)
        }
    }

    /// Resolves `x` or `x[parts]` to the cells it reads for each cell being computed.
    ///
    /// Each of x's dimensions is the member being computed (when left out), a fixed member
    /// (`x[Datacenter]`) or every member (`x[unit]`, which only an aggregate may take). Its
    /// periods are likewise the period being computed, shifted, fixed, or a range.
    mutating func resolveReference(_ name: String, slot: Int, parts: [SubscriptPart], nameRange: SourceRange,
                                   subscriptRange: SourceRange, argument: ArgumentPlace, deps: inout Set<Dependency>) -> Op {
        let aggregate = argument == .severalValues
        let bad = Op.constant(.error(.ref))
        let source = shapes[slot]
        enum Time { case unspecified, shifted(Int), fixed(Int), range(ClosedRange<Int>) }
        var time = Time.unspecified
        var selectors = [NameTable.Selector?](repeating: nil, count: source.dimensions.count)
        var failed = false
        // The formula's own dimensions named in the brackets (`u[ansvar, "5010"]` in a formula
        // over ansvar): every member of each, not the one being computed.
        var ownNamed: [String] = []
        for part in parts {
            switch part {
            case .relative(let offset, let r):
                guard source.isSeries else {
                    error("'\(name)' has no periods", r, hint: "write \(name) without a period", code: .nameHasNoPeriods)
                    failed = true; continue
                }
                guard isSeries else {
                    error("\(name)[\(timeline.axisName)…] is relative to the period being computed, and a scalar has none", r,
                          hint: "pick a period, such as \(name)[\(timeline.label(0))]", code: .noPeriodBeingComputed)
                    failed = true; continue
                }
                time = .shifted(offset)
            case .period(let p) where p.month == nil && timeline.granularity == .monthly
                    && source.dimensions.contains(where: { names.dimensions[$0].memberIndex[String(p.year)] != nil }):
                // `kost[4110]` on a monthly timeline: 4110 is no period there, but a member's code.
                let word = String(p.year)
                let k = source.dimensions.firstIndex { names.dimensions[$0].memberIndex[word] != nil }!
                selectors[k] = .fixed(names.dimensions[source.dimensions[k]].memberIndex[word]!)
            case .period(let p) where p.month == nil && timeline.granularity == .monthly && !source.dimensions.isEmpty:
                // `kost[3999]`, a year on a monthly timeline, where a member's code is likely meant:
                // say it is neither, and suggest the member.
                let dimensions = source.dimensions.map { names.dimensions[$0] }
                let members = dimensions.flatMap(\.members)
                let hint = Suggestions.closest(to: p.label, in: members).map { "did you mean '\($0)'?" }
                    ?? "a month is written \(p.label)-01; a member whose name is a code is written as it is named, in quotes if need be: \"\(p.label)\""
                error("'\(p.label)' is not a member of \(dimensions.map(\.name).joined(separator: " or ")), and a year is no period on a monthly timeline",
                      p.range, hint: hint, code: .unknownSubscript)
                failed = true
            case .period(let p):
                guard source.isSeries else {
                    error("'\(name)' has no periods", p.range, hint: "write \(name) without a period", code: .nameHasNoPeriods)
                    failed = true; continue
                }
                guard let index = place(p) else { failed = true; continue }
                time = .fixed(index)
            case .range(let fromLiteral, let toLiteral):
                guard source.isSeries else {
                    error("'\(name)' has no periods", part.range, hint: "write \(name) without a period", code: .nameHasNoPeriods)
                    failed = true; continue
                }
                guard let from = place(fromLiteral) else { failed = true; continue }
                let to = toLiteral.map { place($0) } ?? timeline.count - 1
                guard let to else { failed = true; continue }
                guard from <= to else {
                    error("this range runs backwards: \(fromLiteral.label) comes after \(toLiteral?.label ?? "")", part.range, code: .rangeRunsBackwards)
                    failed = true; continue
                }
                time = .range(from...to)
            case .boundedRange(let fromBound, let toBound):
                guard source.isSeries else {
                    error("'\(name)' has no periods", part.range, hint: "write \(name) without a period", code: .nameHasNoPeriods)
                    failed = true; continue
                }
                guard let from = place(fromBound, deps: &deps) else { failed = true; continue }
                let to = toBound.map { place($0, deps: &deps) } ?? (index: timeline.count - 1, slot: nil)
                guard let to else { failed = true; continue }
                guard from.index <= to.index else {
                    error("this range runs backwards: \(fromBound.label) (\(timeline.label(from.index))) comes after \(toBound?.label ?? "") (\(timeline.label(to.index)))", part.range, code: .rangeRunsBackwards)
                    failed = true; continue
                }
                time = .range(from.index...to.index)
                pendingBound = PeriodBoundUse(from: from.slot, to: to.slot, isPick: false)
            case .name(let word, let r) where names.dimensionIndex[word] == nil && names.owners(of: word).isEmpty && names.periodInputs[word] != nil:
                guard source.isSeries else {
                    error("'\(name)' has no periods", r, hint: "write \(name) without a period", code: .nameHasNoPeriods)
                    failed = true; continue
                }
                guard let picked = place(.name(word, r), deps: &deps) else { failed = true; continue }
                time = .fixed(picked.index)
                pendingBound = PeriodBoundUse(from: picked.slot, to: picked.slot, isPick: true)
            case .name(let word, let r):
                if let d = names.dimensionIndex[word] {
                    guard let k = source.dimensions.firstIndex(of: d) else {
                        error("'\(name)' does not have the dimension '\(word)'", r, code: .notADimensionOfTheName)
                        failed = true; continue
                    }
                    selectors[k] = .all
                    if dimensions.contains(d) { ownNamed.append(word) }
                } else if case let owners = names.owners(of: word), !owners.isEmpty {
                    guard let k = source.dimensions.firstIndex(where: { owners.contains($0) }) else {
                        let owner = names.dimensions[owners[0]].name
                        error("'\(word)' is a member of '\(owner)', which '\(name)' does not have", r, code: .notADimensionOfTheName)
                        failed = true; continue
                    }
                    selectors[k] = .fixed(names.dimensions[source.dimensions[k]].memberIndex[word]!)
                } else {
                    var candidates = Array(names.dimensionIndex.keys) + Array(names.periodInputs.keys)
                    for d in source.dimensions { candidates += names.dimensions[d].members }
                    var hint = Suggestions.closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
                    if word.first?.isNumber == true, hint == nil {
                        hint = "a member whose name is a code is written as it is named, in quotes if need be: \"\(word)\""
                    }
                    error("'\(word)' is not a dimension, a member or a period", r, hint: hint, code: .unknownSubscript)
                    failed = true
                }
            }
        }
        if failed { return bad }
        // Dimensions left out mean the member being computed, which the block must have, or
        // the member it rolls up to (a unit reading its division's figure).
        for (k, d) in source.dimensions.enumerated() where selectors[k] == nil {
            if !dimensions.contains(d), names.childPosition(of: d, in: dimensions) != nil {
                selectors[k] = .parent
                continue
            }
            guard dimensions.contains(d) else {
                let dimension = names.dimensions[d].name
                let here = dimensions.isEmpty ? "this formula has no dimension" : "this formula is per " + dimensions.map { names.dimensions[$0].name }.joined(separator: " and ")
                error("'\(name)' is per \(dimension), but \(here)", nameRange,
                      hint: "aggregate it, as in SUM(\(name)[\(dimension)]), or pick a member, as in \(name)[\(names.dimensions[d].members.first ?? dimension)]", code: .notADimensionOfTheFormula)
                return bad
            }
            selectors[k] = .same
        }
        if case .unspecified = time, source.isSeries {
            if isSeries {
                time = .shifted(0)
            } else if aggregate {
                // A series in a model without a timeline is an error at its definition already.
                guard timeline.count > 0 else { return bad }
                time = .range(0...(timeline.count - 1))
            } else if case .oneValue(let parameter?) = argument {
                error("\(parameter) is one value, but '\(name)' is a series", nameRange,
                      hint: "pick a period, such as \(name)[\(timeline.label(max(0, timeline.count - 1)))]", code: .severalValues)
                return bad
            } else {
                error("'\(name)' is a series; a scalar formula must pick a period or aggregate it", nameRange,
                      hint: "write \(name)[\(timeline.label(max(0, timeline.count - 1)))] for one period, or SUM(\(name)) for the whole timeline", code: .severalValues)
                return bad
            }
        }
        let members = names.members(source: source.dimensions, selectors: selectors.map { $0! }, current: dimensions)
        let isRange: Bool
        switch (time, members) {
        case (.range, _), (_, .all), (_, .groups): isRange = true
        default: isRange = false
        }
        if isRange, case .oneValue(let parameter?) = argument {
            error("\(parameter) is one value, but '\(ExpressionPrinter.referenceText(name, parts, axis: timeline.axisName))' gives several here",
                  nameRange.union(subscriptRange), code: .severalValues)
            return bad
        }
        let periodsRange = if case .range = time { true } else { false }
        if isRange, !aggregate, !ownNamed.isEmpty, !periodsRange {
            // The hint below, SUM(u[ansvar, "5010"]), gives every ansvar's total in each
            // ansvar's cell: a wrong figure for who meant this ansvar's (session 20, resid/05).
            let kept = parts.filter { if case .name(let word, _) = $0 { !ownNamed.contains(word) } else { true } }
            let named = ownNamed.map { "'\($0)'" }.joined(separator: " and ")
            error("'\(name)' gives several values here: \(named) in its brackets means every member of \(ownNamed.count == 1 ? "it" : "them"), not the one this formula computes",
                  nameRange.union(subscriptRange),
                  hint: "leave \(ownNamed.count == 1 ? "it" : "them") out for this formula's own, \(ExpressionPrinter.referenceText(name, kept, axis: timeline.axisName)); "
                      + "aggregate for all of them, as in SUM(\(ExpressionPrinter.referenceText(name, parts, axis: timeline.axisName)))",
                  code: .severalValues)
            return bad
        }
        guard !isRange || aggregate else {
            error("'\(name)' gives several values here; aggregate it, as in SUM(\(ExpressionPrinter.referenceText(name, parts, axis: timeline.axisName)))", nameRange.union(subscriptRange), code: .severalValues)
            return bad
        }
        switch time {
        case .unspecified: deps.insert(.scalar(slot: slot))
        case .shifted(let k): deps.insert(.shifted(slot: slot, offset: k))
        case .fixed, .range: deps.insert(.fixed(slot: slot))
        }
        if isRange {
            let periods: RangeAccess.Periods
            switch time {
            case .unspecified: periods = .none
            case .shifted(let k): periods = .shifted(k)
            case .fixed(let p): periods = .fixed(p...p)
            case .range(let r): periods = .fixed(r)
            }
            return .loadRange(slot: slot, RangeAccess(periods: periods, members: members))
        }
        guard case .map(let map) = members else { return bad }
        switch time {
        case .unspecified: return .load(slot: slot, time: .none, members: map)
        case .shifted(let k): return .load(slot: slot, time: .shifted(k), members: map)
        case .fixed(let p): return .load(slot: slot, time: .fixed(p), members: map)
        case .range: return bad
        }
    }

    /// Places a written period on the timeline, or reports why it is not on it.
    mutating func place(_ p: PeriodLiteral) -> Int? {
        guard hasTimeline else {
            error("\(p.label) is a period, but the model has no timeline", p.range, code: .periodWithoutTimeline)
            return nil
        }
        if let month = p.month, !(1...12).contains(month) { return nil }   // the lexer has said so
        let absolute: Int
        switch (timeline.granularity, p.month) {
        case (.monthly, let month?): absolute = p.year * 12 + month - 1
        case (.yearly, nil): absolute = p.year
        case (.monthly, nil):
            error("\(p.year) is a year, but the timeline is monthly; write a month such as \(p.year)-01", p.range, code: .periodOfAnotherGranularity)
            return nil
        case (.yearly, .some):
            error("\(p.label) is a month, but the timeline is yearly; write a year such as \(p.year)", p.range, code: .periodOfAnotherGranularity)
            return nil
        }
        guard let index = timeline.index(ofAbsolute: absolute) else {
            error("\(p.label) is outside the timeline \(timeline.label(0)) .. \(timeline.label(timeline.count - 1))", p.range,
                  code: .periodOutsideTimeline)
            return nil
        }
        return index
    }

    /// Rows and columns of the cells a range reads, as the workbook lays them out: a
    /// dimension's members down a column, periods along a row.
    func shape(_ access: RangeAccess) -> (rows: Int, columns: Int) {
        let periods: Int
        switch access.periods {
        case .none, .shifted: periods = 1
        case .fixed(let r): periods = r.count
        }
        let members: Int
        switch access.members {
        case .map: members = 1
        case .all(let list): members = list.count
        // A list of members per cell: a column; over several periods its rows vary from cell
        // to cell, which no table has (-1).
        case .groups: members = periods > 1 ? -1 : 2
        }
        return (members, periods)
    }

    /// A call: its arguments' ops come before it. `shapes` are the arguments' rows and
    /// columns, for a function that reads them (`ImplicitArgument.columns`).
    mutating func resolveCall(_ name: String, _ args: [Int], _ range: SourceRange, _ e: FormulaTree,
                              shapes argumentShapes: [(rows: Int, columns: Int)?] = [], rowByRow: [Bool] = [],
                              deps: inout Set<Dependency>) -> [Op] {
        let upper = name.uppercased()
        if upper == "AS" {
            guard args.count == 2 else {
                error("AS takes an expression and a unit, such as AS(cost / staff, kr/persons)", range, code: .asNeedsAUnit)
                return [Op.constant(.error(.name))]
            }
            return []
        }
        guard FunctionRegistry.timeFunctions[upper] == nil else { return [resolveTimeCall(upper, args, range, e, deps: &deps)] }
        let bad = [Op.constant(.error(.name))]
        guard let spec = FunctionRegistry.lookup(upper) else {
            var known = Array(FunctionRegistry.all.keys)
            known += FunctionRegistry.timeFunctions.keys
            let hint = Suggestions.closest(to: upper, in: known).map { "did you mean \($0)?" }
            error("unknown function '\(name)'", SourceRange(range.start, range.start + name.utf8.count), hint: hint, code: .unknownFunction)
            return bad
        }
        guard spec.accepts(argumentCount: args.count) else {
            error(spec.repeating.count > 1 ? "\(spec.name) takes \(spec.arityDescription); \(args.count) arguments do not fit"
                                           : "\(spec.name) takes \(spec.arityDescription), not \(args.count)", range, code: .argumentCount)
            return bad
        }
        if let problem = computedRange(spec, args, e) {
            error(problem.message, problem.range, hint: "name the cells, as in x[dimension] or x[2021-01 .. 2021-12], and compute in a definition of its own", code: .rangeNeedsCells)
            return bad
        }
        if spec.alignsRanges, let problem = misalignedRange(spec, args, argumentShapes, e) {
            error(problem.message, problem.range, hint: "give every range of \(spec.name) the same members and periods", code: .rangesOfDifferentShapes)
            return bad
        }
        switch spec.implicit {
        case nil:
            return [.call(spec, argc: args.count)]
        case .columns:
            var columns: [Op] = []
            for (k, shape) in argumentShapes.enumerated() {
                guard let shape else { columns.append(.constant(.number(0))); continue }
                if shape.rows < 0 {
                    error("\(spec.name) reads a table, and this range gives each member of the group its own members over several periods, which is no table",
                          e.nodes[args[k]].range, hint: "pass one period, x[dimension, 2021-01], or sum the periods first in a definition of their own", code: .notATable)
                    return bad
                }
                // A table of several members over several periods arrives period by period:
                // a negative count tells `ShapedArguments` to turn it row by row, as on the sheet.
                let table = shape.rows > 1 && shape.columns > 1 && !(rowByRow[safe: k] ?? e.nodes[args[k]].kind.isArray)
                columns.append(.constant(.number(Double(table ? -shape.columns : shape.columns))))
            }
            return columns + [.call(spec, argc: 2 * args.count)]
        case .fiscalYearStart:
            guard let start = fiscalYearStart(spec, args, e) else { return bad }
            return start + [.call(spec, argc: spec.maxArgs)]
        case .lineKind:
            guard let kind = lineKind(spec, args, range, e) else { return bad }
            let padding = [Op](repeating: .missing, count: spec.maxArgs - args.count)
            return padding + [.constant(.number(kind.favourableSign)), .call(spec, argc: spec.maxArgs + 1)]
        }
    }

    /// The first argument of a range parameter (SUMIF's range, RANK.EQ's ref) that is computed
    /// rather than named: Excel needs a reference there and refuses COUNTIF(a - b, 1) as a
    /// formula (found by the differential test: LibreOffice shows Err:504). An array constant is
    /// refused where it is compiled.
    func computedRange(_ spec: FunctionSpec, _ args: [Int], _ e: FormulaTree) -> (message: String, range: SourceRange)? {
        for (k, node) in args.enumerated() {
            guard let parameter = spec.parameter(at: k, of: args.count), parameter.kind == .range else { continue }
            var n = node
            while case .group(let inner) = e.nodes[n].kind { n = inner }
            switch e.nodes[n].kind {
            case .name, .subscripted, .array, .missing: continue
            default:
                return ("\(spec.name)'s \(parameter.name) needs cells of the model here, as Excel needs a reference; "
                        + "a computed value cannot stand in for them", e.nodes[n].range)
            }
        }
        return nil
    }

    /// The first range argument of a call whose shape is not its first range's, as a message:
    /// rows are members and columns periods, as the workbook lays them out. A single value
    /// where a range goes is one cell.
    func misalignedRange(_ spec: FunctionSpec, _ args: [Int], _ shapes: [(rows: Int, columns: Int)?],
                         _ e: FormulaTree) -> (message: String, range: SourceRange)? {
        var first: (name: String, shape: (rows: Int, columns: Int))?
        func describe(_ shape: (rows: Int, columns: Int)) -> String {
            "\(shape.rows) member\(shape.rows == 1 ? "" : "s") × \(shape.columns) period\(shape.columns == 1 ? "" : "s")"
        }
        for (k, node) in args.enumerated() {
            guard let parameter = spec.parameter(at: k, of: args.count), parameter.kind == .range else { continue }
            let shape = shapes[safe: k].flatMap { $0 } ?? (1, 1)
            guard let (name, wanted) = first else { first = (parameter.name, shape); continue }
            if shape != wanted {
                return ("\(spec.name)'s \(parameter.name) is \(describe(shape)) and its \(name) \(describe(wanted)): "
                        + "they are read cell by cell in step, so they need one shape", e.nodes[node].range)
            }
        }
        return nil
    }

    /// PREV, YTD, TTD, QTD and ROLLING, which read a series' periods rather than values.
    mutating func resolveTimeCall(_ upper: String, _ args: [Int], _ range: SourceRange, _ e: FormulaTree, deps: inout Set<Dependency>) -> Op {
        let bad = Op.constant(.error(.name))
        let arity = FunctionRegistry.timeFunctions[upper]!
        guard arity.contains(args.count) else {
            error("\(upper) takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity)") argument\(arity.upperBound == 1 ? "" : "s"), not \(args.count)", range,
                  hint: upper == "PREV" ? "PREV(series, value in the first period)" : upper == "ROLLING" ? "ROLLING(series, number of periods)" : "\(upper)(series)", code: .argumentCount)
            return bad
        }
        if isConstant { error("an input is a constant and cannot use \(upper)", range, code: .inputIsAConstant); return bad }
        guard isSeries else {
            error("\(upper) works period by period, so it belongs in a series formula such as x[\(timeline.axisName)] = \(upper)(…)", range, code: .noPeriodBeingComputed)
            return bad
        }
        guard case .name(let seriesName) = e.nodes[args[0]].kind else {
            error("\(upper) needs the name of a series as its first argument", e.nodes[args[0]].range, code: .timeFunctionNeedsASeries)
            return bad
        }
        guard let slot = lookup(seriesName, e.nodes[args[0]].range) else { return bad }
        guard shapes[slot].isSeries else {
            error("'\(seriesName)' is a scalar; \(upper) needs a series", e.nodes[args[0]].range, code: .timeFunctionNeedsASeries)
            return bad
        }
        if let missing = shapes[slot].dimensions.first(where: { !dimensions.contains($0) }) {
            error("'\(seriesName)' is per \(names.dimensions[missing].name), but this formula is not", e.nodes[args[0]].range, code: .notADimensionOfTheFormula)
            return bad
        }
        let members: MemberMap
        switch names.members(source: shapes[slot].dimensions, selectors: shapes[slot].dimensions.map { _ in .same }, current: dimensions) {
        case .map(let map): members = map
        default: return bad
        }
        switch upper {
        case "PREV":
            deps.insert(.shifted(slot: slot, offset: -1))
            return .prev(slot: slot, members: members)
        case "YTD", "TTD", "QTD":
            let group = FunctionRegistry.toDateFunctions[upper]!
            if group != .year, timeline.granularity == .yearly {
                error("\(upper) sums the \(group.rawValue) to date, and a yearly timeline has no \(group.rawValue)s", range,
                      hint: "on a yearly timeline YTD(\(seriesName)) is the year itself", code: .needsAMonthlyTimeline)
                return bad
            }
            deps.insert(.window(slot: slot))
            return .toDate(slot: slot, group, members: members)
        default:
            guard case .number(let n) = e.nodes[args[1]].kind, n == n.rounded(), n >= 1, n <= 10_000 else {
                error("ROLLING needs a whole number of periods, such as 12", e.nodes[args[1]].range, code: .fixedNumberArgument)
                return bad
            }
            deps.insert(.window(slot: slot))
            return .rolling(slot: slot, count: Int(n), members: members)
        }
    }
    /// For TERTIAL, QUARTER and FISCAL_YEAR: the start month to add, the model's (nothing
    /// when the call gives it), or nil and a diagnostic when what it gives is not a month
    /// 1–12. The start is a number written in the call, so a workbook can print the function
    /// as a plain expression of MONTH and YEAR.
    mutating func fiscalYearStart(_ spec: FunctionSpec, _ args: [Int], _ e: FormulaTree) -> [Op]? {
        if timeline.granularity == .yearly, hasTimeline, case .name(let word) = e.nodes[args[0]].kind, word == timeline.axisName, slots[word] == nil {
            error("on a yearly timeline '\(word)' is a year such as 2021, not a date; \(spec.name) needs a date", e.nodes[args[0]].range,
                  hint: spec.name == "FISCAL_YEAR" ? "on a yearly timeline '\(word)' is the fiscal year itself" : "tertials and quarters need a monthly timeline", code: .needsAMonthlyTimeline)
            return nil
        }
        guard args.count == spec.maxArgs else { return [.constant(.number(Double(timeline.fiscalYearStart)))] }
        let node = e.nodes[args[args.count - 1]]
        guard case .number(let n) = node.kind, n == n.rounded(), (1...12).contains(n) else {
            error("\(spec.name)'s second argument is the month the year starts in: a number from 1 to 12, such as 7", node.range,
                  hint: "leave it out to use the model's fiscal year (fiscal year starts MM)", code: .fixedNumberArgument)
            return nil
        }
        return []
    }

    /// For VARIANCE and VARIANCE_PCT: the declared kind of the lines the actual and the
    /// budget name, which must be one kind. Never guessed from a name.
    mutating func lineKind(_ spec: FunctionSpec, _ args: [Int], _ range: SourceRange, _ e: FormulaTree) -> LineKind? {
        var kinds: [(kind: LineKind, name: String)] = []
        var unkinded: [String] = []
        var pending = Array(args.prefix(2))
        var next = 0
        while next < pending.count {   // in the order written: the actual's lines first
            let i = pending[next]
            next += 1
            pending += e.children(of: i)
            let name: String
            switch e.nodes[i].kind {
            case .name(let n), .subscripted(let n, _, _, _): name = n
            default: continue
            }
            guard let slot = slots[name] else { continue }
            if let kind = shapes[slot].kind {
                if !kinds.contains(where: { $0.name == name }) { kinds.append((kind, name)) }
            } else if !unkinded.contains(name) {
                unkinded.append(name)
            }
        }
        guard let first = kinds.first else {
            let line = unkinded.first
            error("\(spec.name) needs to know which way is favourable: declare whether \(line.map { "'\($0)'" } ?? "the line") is a cost, a revenue or a result",
                  range, hint: "write the kind before the name where it is defined, as in: cost \(line ?? "personnel_cost")[…] = …; a line kept in the report's signs, costs negative, is a result", code: .lineKindUndeclared)
            return nil
        }
        if let other = kinds.first(where: { $0.kind != first.kind }) {
            error("\(spec.name) compares '\(first.name)', a \(first.kind.rawValue), with '\(other.name)', a \(other.kind.rawValue)", range,
                  hint: "a variance is taken between the actual and the budget of one kind of line", code: .lineKindsDiffer)
            return nil
        }
        let asRead = Self.readAsTheyAre(unkinded, arguments: Array(args.prefix(2)), in: e)
        guard !refusesBookedSigns(spec, kind: first, unkinded: asRead, range) else { return nil }
        if first.kind != .result, !asRead.isEmpty { unkindedVarianceReads.append((first.kind, asRead, range)) }
        return first.kind
    }
}

extension NodeKind {
    var isArray: Bool {
        if case .array = self { return true }
        return false
    }
}
