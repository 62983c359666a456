/// Turns the `measure` statements into the ordinary definitions that compute them (see
/// ``Scorecard``), checking what only makes sense for a measure: its perspective, a target
/// that can be compared, a partial rule in the target's direction.
///
/// The status of a measure with an outcome is
///
///     IF(met, "uppnått", IF(partly met, "delvis uppnått", "inte uppnått"))
///
/// where "met" is the target's comparison (`at most 10`: outcome <= 10; `between`: both
/// bounds included; `increase`: outcome > baseline) and "partly met" the partial rule's. With
/// no partial rule a measure is uppnått or inte uppnått. Without an outcome the status is
/// the empty text: not assessed, and not counted.
struct ScorecardExpansion {
    let file: SourceFile
    /// The language of the parts' labels ("Antal incidenter — utgångsläge").
    let language: ReportLanguage
    var diagnostics: [Diagnostic] = []
    /// The generated definitions of each measure statement, by its name, in order.
    var definitions: [String: [Definition]] = [:]
    /// The counts per perspective, defined after every measure.
    var countDefinitions: [Definition] = []
    private var pending: [(syntax: MeasureSyntax, perspective: Int, direction: Scorecard.Direction, partial: Scorecard.PartialRule)] = []
    private var perspectiveDimension: Int?
    private var perspectives: [String] = []

    static let dimensionName = "perspective"

    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    init(statements: [Statement], dimensions: [Dimension], file: SourceFile, language: ReportLanguage = .en) {
        self.file = file
        self.language = language
        let measures = statements.compactMap { if case .measure(let m) = $0 { m } else { nil } }
        guard !measures.isEmpty else { return }
        perspectiveDimension = dimensions.firstIndex { $0.name == Self.dimensionName }
        perspectives = perspectiveDimension.map { dimensions[$0].members } ?? []
        if perspectiveDimension == nil {
            var used: [String] = []
            for m in measures where !used.contains(m.perspective.name) { used.append(m.perspective.name) }
            diagnostics.append(.error("the model has measures but no dimension 'perspective' to group them", at: location(measures[0].perspective.range),
                                      hint: "name the scorecard's perspectives in order, as in: dimension perspective = \(used.joined(separator: ", "))", code: .noPerspectives))
        }
        var byPerspective = [[String]](repeating: [], count: perspectives.count)
        for m in measures {
            // A measure with a mistake is still defined, so that what uses it is not reported too.
            let (direction, partial) = rules(of: m) ?? (.assessed, .none)
            definitions[m.name] = parts(of: m, direction: direction, partial: partial)
            guard perspectiveDimension != nil else { continue }
            guard let p = perspectives.firstIndex(of: m.perspective.name) else {
                let hint = Suggestions.closest(to: m.perspective.name, in: perspectives).map { "did you mean '\($0)'?" }
                    ?? "the perspectives are " + perspectives.joined(separator: ", ")
                diagnostics.append(.error("'\(m.perspective.name)' is not a perspective", at: location(m.perspective.range), hint: hint, code: .notAPerspective))
                continue
            }
            pending.append((m, p, direction, partial))
            byPerspective[p].append(m.name)
        }
        checkStatusComparisons(in: statements, measures: Set(measures.map(\.name)))
        let perspectiveRanges = statements.lazy.compactMap { s -> DimensionSyntax? in
            if case .dimension(let d) = s, d.name == Self.dimensionName { d } else { nil }
        }.first
        for (p, perspective) in perspectives.enumerated() {
            let range = perspectiveRanges?.members.first { $0.name == perspective }?.range ?? measures[0].range
            for status in Scorecard.Status.allCases {
                var e = FormulaTree()
                var sum: Int?
                for name in byPerspective[p] {
                    let test = e.call("IF", [e.binary(.equal, e.name(name, range), e.text(status.rawValue, range)), e.number(1, range), e.number(0, range)])
                    let counted = e.call("IFERROR", [test, e.number(0, range)])
                    sum = sum.map { e.binary(.add, $0, counted) } ?? counted
                }
                if sum == nil { _ = e.number(0, range) }
                countDefinitions.append(Definition(name: Self.countName(perspective, status), nameRange: range, isInput: false, target: [], targetRange: nil,
                                                   unit: nil, label: "\(perspective) — \(status.rawValue)", expression: e, range: range))
            }
        }
    }

    /// A measure's status compared with a text that is no status (`incidents = "uppnåt"`)
    /// would quietly never match: it is an error, with the status meant. As in Excel, case
    /// does not matter.
    mutating func checkStatusComparisons(in statements: [Statement], measures: Set<String>) {
        let statuses = Scorecard.Status.allCases.map(\.rawValue)
        var formulas: [FormulaTree] = []
        for statement in statements {
            switch statement {
            case .definition(let d), .check(let d): formulas.append(d.expression)
            case .measure(let m): formulas += [m.outcome, m.baseline, m.assessment].compactMap { $0 }
            default: break
            }
        }
        for e in formulas {
            for node in e.nodes {
                guard case .binary(let op, let a, let b) = node.kind, op == .equal || op == .notEqual else { continue }
                for (name, text) in [(a, b), (b, a)] {
                    guard case .name(let n) = e.nodes[name].kind, measures.contains(n),
                          case .text(let s) = e.nodes[text].kind, !s.isEmpty, !statuses.contains(s.lowercased()) else { continue }
                    let hint = Suggestions.closest(to: s, in: statuses).map { "did you mean \"\($0)\"?" }
                        ?? "a status is \"uppnått\", \"delvis uppnått\" or \"inte uppnått\""
                    diagnostics.append(.error("'\(n)' is a measure, and \"\(s)\" is not a status it can have", at: location(e.nodes[text].range), hint: hint, code: .notAStatus))
                }
            }
        }
    }

    static func countName(_ perspective: String, _ status: Scorecard.Status) -> String {
        perspective.replacingOccurrences(of: " ", with: "_") + "." + status.countSuffix
    }

    /// The measure's direction and partial rule, or nil after reporting why they do not fit.
    mutating func rules(of m: MeasureSyntax) -> (Scorecard.Direction, Scorecard.PartialRule)? {
        if let assessment = m.assessment {
            if let target = m.targetRange {
                diagnostics.append(.error("the measure '\(m.name)' has both a target and an assessment; its status comes from one of them",
                                          at: location(target), hint: "keep the target to compare the outcome with it, or the assessment to state the status", code: .targetAndAssessment))
                return nil
            }
            if m.partial != nil {
                diagnostics.append(.error("a partial rule needs a target to compare with", at: location(m.nameRange), code: .partialWithoutTarget))
                return nil
            }
            if let root = assessment.nodes.last, case .text(let s) = root.kind, Scorecard.Status(rawValue: s.lowercased()) == nil {
                let hint = Suggestions.closest(to: s, in: Scorecard.Status.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" }
                    ?? "a status is \"uppnått\", \"delvis uppnått\" or \"inte uppnått\""
                diagnostics.append(.error("\"\(s)\" is not a status", at: location(root.range), hint: hint, code: .notAStatus))
                return nil
            }
            return (.assessed, .none)
        }
        guard let target = m.target else {
            if m.isBroken { return (.assessed, .none) }
            diagnostics.append(.error("the measure '\(m.name)' has no target", at: location(m.nameRange),
                                      hint: "add a line such as 'target at most 10', or 'assessment = \"uppnått\"' for a measure judged without a figure", code: .noTarget))
            return nil
        }
        let direction = Self.direction(target)
        if (direction == .increase || direction == .decrease) && m.baseline == nil {
            diagnostics.append(.error("'target \(direction.keyword)' compares the outcome with the baseline, and the measure '\(m.name)' has none",
                                      at: location(m.targetRange ?? m.nameRange), hint: "add a line such as 'baseline = 75'", code: .noBaseline))
            return nil
        }
        switch m.partial {
        case nil:
            return (direction, .none)
        case .within:
            return (direction, .within)
        case .bound(let bound, let range)?:
            let partial = Self.direction(bound)
            let fits: Bool = switch direction {
            case .atLeast, .above, .increase: partial == .atLeast || partial == .above
            case .atMost, .below, .decrease: partial == .atMost || partial == .below
            case .between: partial == .between
            case .assessed: false
            }
            guard fits else {
                let allowed = switch direction {
                case .atLeast, .above, .increase: "'partial at least', 'partial above' or 'partial within'"
                case .atMost, .below, .decrease: "'partial at most', 'partial below' or 'partial within'"
                default: "'partial between' or 'partial within'"
                }
                diagnostics.append(.error("a target of '\(direction.keyword)' takes \(allowed), not 'partial \(partial.keyword)'", at: location(range), code: .partialRuleDoesNotFit))
                return nil
            }
            return (direction, .bound(partial))
        }
    }

    static func direction(_ bound: MeasureBound) -> Scorecard.Direction {
        switch bound {
        case .atLeast: .atLeast
        case .atMost: .atMost
        case .above: .above
        case .below: .below
        case .between: .between
        case .increase: .increase
        case .decrease: .decrease
        }
    }

    /// The definitions of one measure: its parts, then its status.
    func parts(of m: MeasureSyntax, direction: Scorecard.Direction, partial: Scorecard.PartialRule) -> [Definition] {
        var parts: [Definition] = []
        func part(_ suffix: String, _ what: String, _ e: FormulaTree) {
            let constant = !e.nodes.contains { node in
                switch node.kind {
                case .name, .subscripted: true
                default: false
                }
            }
            // Placed at its own formula, which is where `explain` sends the reader.
            parts.append(Definition(name: m.name + "." + suffix, nameRange: e.range, isInput: constant, target: [], targetRange: nil,
                                    unit: m.unit, label: (m.label ?? m.name) + " — " + what, expression: e, range: e.range))
        }
        let w = PartWords.of(language)
        if let e = m.baseline { part("baseline", w.baseline, e) }
        if let target = m.target {
            switch target {
            case .between(let low, let high):
                part("target_low", w.target + ", " + w.lowerBound, low)
                part("target_high", w.target + ", " + w.upperBound, high)
            case .atLeast(let e), .atMost(let e), .above(let e), .below(let e):
                part("target", w.target, e)
            case .increase, .decrease:
                break
            }
        }
        switch m.partial {
        case .within(let e)?:
            part("tolerance", w.band, e)
        case .bound(.between(let low, let high), _)?:
            part("partial_low", w.partlyMet + ", " + w.lowerBound, low)
            part("partial_high", w.partlyMet + ", " + w.upperBound, high)
        case .bound(.atLeast(let e), _)?, .bound(.atMost(let e), _)?, .bound(.above(let e), _)?, .bound(.below(let e), _)?:
            part("partial", w.partlyMet, e)
        default:
            break
        }
        if let e = m.outcome { part("outcome", w.outcome, e) }
        if m.outcome != nil && m.baseline != nil {
            parts.append(Definition(name: m.name + ".trend", nameRange: m.nameRange, isInput: false, target: [], targetRange: nil, unit: nil,
                                    label: (m.label ?? m.name) + " — " + w.trend, expression: trendFormula(m), range: m.range))
        }
        parts.append(Definition(name: m.name, nameRange: m.nameRange, isInput: false, target: [], targetRange: nil, unit: nil,
                                label: m.label, expression: statusFormula(m, direction: direction, partial: partial), range: m.range))
        return parts
    }

    /// The development (utveckling) the reports draw as an arrow: the outcome up, down or level
    /// against the baseline, whichever way the target points.
    func trendFormula(_ m: MeasureSyntax) -> FormulaTree {
        var e = FormulaTree()
        let r = m.nameRange
        let up = e.binary(.greater, e.name(m.name + ".outcome", r), e.name(m.name + ".baseline", r))
        let upText = e.text("↑", r)
        let down = e.binary(.less, e.name(m.name + ".outcome", r), e.name(m.name + ".baseline", r))
        let downText = e.text("↓", r)
        let level = e.text("→", r)
        let inner = e.call("IF", [down, downText, level])
        _ = e.call("IF", [up, upText, inner])
        return e
    }

    /// The status as a formula over the measure's parts.
    func statusFormula(_ m: MeasureSyntax, direction: Scorecard.Direction, partial: Scorecard.PartialRule) -> FormulaTree {
        var e = FormulaTree()
        let r = m.nameRange
        if let assessment = m.assessment {
            _ = e.append(assessment)
            return e
        }
        guard m.outcome != nil, direction != .assessed else {
            _ = e.text("", r)
            return e
        }
        func ref(_ suffix: String) -> Int { e.name(m.name + "." + suffix, r) }
        /// The comparison of a direction against bounds (plus a band's width, when given).
        func test(_ d: Scorecard.Direction, low: String, high: String, band: Bool) -> Int {
            func bound(_ name: String, _ widen: BinaryOperator) -> Int {
                let b = ref(name)
                return band ? e.binary(widen, b, ref("tolerance")) : b
            }
            switch d {
            case .atLeast: return e.binary(.greaterEqual, ref("outcome"), bound(low, .subtract))
            case .above: return e.binary(.greater, ref("outcome"), bound(low, .subtract))
            case .atMost: return e.binary(.lessEqual, ref("outcome"), bound(low, .add))
            case .below: return e.binary(.less, ref("outcome"), bound(low, .add))
            case .increase: return e.binary(band ? .greaterEqual : .greater, ref("outcome"), bound("baseline", .subtract))
            case .decrease: return e.binary(band ? .lessEqual : .less, ref("outcome"), bound("baseline", .add))
            case .between:
                let above = e.binary(.greaterEqual, ref("outcome"), bound(low, .subtract))
                let below = e.binary(.lessEqual, ref("outcome"), bound(high, .add))
                return e.call("AND", [above, below])
            case .assessed: return e.bool(false, r)
            }
        }
        // Nodes are added in postfix order, each argument whole before the next, as the
        // compiler reads them.
        let isBetween = direction == .between
        let met = test(direction, low: isBetween ? "target_low" : "target", high: "target_high", band: false)
        let metText = e.text(Scorecard.Status.met.rawValue, r)
        let otherwise: Int
        switch partial {
        case .none:
            otherwise = e.text(Scorecard.Status.notMet.rawValue, r)
        case .within, .bound:
            let partly: Int
            if case .bound(let d) = partial {
                partly = test(d, low: d == .between ? "partial_low" : "partial", high: "partial_high", band: false)
            } else {
                partly = test(direction, low: isBetween ? "target_low" : "target", high: "target_high", band: true)
            }
            let partlyText = e.text(Scorecard.Status.partlyMet.rawValue, r)
            let notMetText = e.text(Scorecard.Status.notMet.rawValue, r)
            otherwise = e.call("IF", [partly, partlyText, notMetText])
        }
        _ = e.call("IF", [met, metText, otherwise])
        return e
    }

    /// The checked scorecard, once every definition has its slot.
    func scorecard(slots: [String: Int]) -> Scorecard? {
        guard let dimension = perspectiveDimension, !pending.isEmpty else { return nil }
        var measures: [Scorecard.Measure] = []
        for (m, p, direction, partial) in pending {
            guard let status = slots[m.name] else { continue }
            func slot(_ suffix: String) -> Int? { slots[m.name + "." + suffix] }
            let isBetween = direction == .between
            let partialSlot: Int?
            let partialHigh: Int?
            switch partial {
            case .none: (partialSlot, partialHigh) = (nil, nil)
            case .within: (partialSlot, partialHigh) = (slot("tolerance"), nil)
            case .bound(let d): (partialSlot, partialHigh) = d == .between ? (slot("partial_low"), slot("partial_high")) : (slot("partial"), nil)
            }
            let s = Scorecard.Slots(status: status, outcome: slot("outcome"), baseline: slot("baseline"),
                                    target: isBetween ? slot("target_low") : slot("target"), targetHigh: slot("target_high"),
                                    partial: partialSlot, partialHigh: partialHigh, trend: slot("trend"))
            measures.append(Scorecard.Measure(name: m.name, label: m.label, unit: m.unit, perspective: p, direction: direction,
                                              partial: partial, slots: s, location: location(m.nameRange)))
        }
        let counts = perspectives.map { p in Scorecard.Status.allCases.compactMap { slots[Self.countName(p, $0)] } }
        return Scorecard(dimension: dimension, perspectives: perspectives, measures: measures, counts: counts)
    }
}

extension FormulaTree {
    mutating func name(_ n: String, _ r: SourceRange) -> Int { add(.name(n), r) }
    mutating func text(_ s: String, _ r: SourceRange) -> Int { add(.text(s), r) }
    mutating func number(_ x: Double, _ r: SourceRange) -> Int { add(.number(x), r) }
    mutating func bool(_ b: Bool, _ r: SourceRange) -> Int { add(.bool(b), r) }
    mutating func binary(_ op: BinaryOperator, _ a: Int, _ b: Int) -> Int {
        add(.binary(op, a, b), nodes[a].range.union(nodes[b].range))
    }
    mutating func call(_ function: String, _ args: [Int]) -> Int {
        add(.call(function, args), args.map { nodes[$0].range }.reduce(nodes[args[0]].range) { $0.union($1) })
    }

    /// Copies another tree's nodes after this one's; returns the index of its root.
    mutating func append(_ other: FormulaTree) -> Int {
        let offset = nodes.count
        for node in other.nodes {
            let kind: NodeKind = switch node.kind {
            case .negate(let a): .negate(a + offset)
            case .plus(let a): .plus(a + offset)
            case .percent(let a): .percent(a + offset)
            case .group(let a): .group(a + offset)
            case .binary(let op, let a, let b): .binary(op, a + offset, b + offset)
            case .call(let f, let args): .call(f, args.map { $0 + offset })
            default: node.kind
            }
            nodes.append(Node(kind: kind, range: node.range))
        }
        return root
    }
}

/// The words after a measure's label on its parts' rows, in the model's language.
private struct PartWords {
    var baseline, target, lowerBound, upperBound, band, partlyMet, outcome, trend: String

    static func of(_ language: ReportLanguage) -> PartWords {
        switch language {
        case .sv: PartWords(baseline: "utgångsläge", target: "mål", lowerBound: "nedre gräns", upperBound: "övre gräns",
                            band: "band för delvis uppnått", partlyMet: "delvis uppnått", outcome: "utfall", trend: "utveckling")
        case .en: PartWords(baseline: "baseline", target: "target", lowerBound: "lower bound", upperBound: "upper bound",
                            band: "band for partly met", partlyMet: "partly met", outcome: "outcome", trend: "trend")
        }
    }
}
