/// SUMIF, COUNTIF and AVERAGEIF, and their several-criteria forms SUMIFS, COUNTIFS,
/// AVERAGEIFS, MAXIFS and MINIFS: aggregates over the members (or periods) that meet
/// criteria, such as `SUMIF(kind[account], "personal", cost[account])` or
/// `SUMIFS(cost[account], kind[account], "personal", unit_of[account], "IT*")`.
enum ConditionalFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("SUMIF", [.range("range"), .criterion("criteria"), .range("sum_range").optional(sameAs: 0)]) { args in
            conditional(args, finish: sum)
        }.with(units: .sameAsParameters(["sum_range"])),
        FunctionSpec("COUNTIF", [.range("range"), .criterion("criteria")]) { args in
            conditional(args, counting: true) { .number(Double($0.places.count)) }
        }.with(units: .plainNumber),
        FunctionSpec("AVERAGEIF", [.range("range"), .criterion("criteria"), .range("average_range").optional(sameAs: 0)]) { args in
            conditional(args, finish: average)
        }.with(units: .sameAsParameters(["average_range"])),
        FunctionSpec("SUMIFS", [.range("sum_range")], repeating: [.range("criteria_range"), .criterion("criteria")],
                     maxArgs: 255) { args in
            several(args, finish: sum)
        }.with(units: .sameAs([0])),
        FunctionSpec("COUNTIFS", [], repeating: [.range("criteria_range"), .criterion("criteria")], maxArgs: 254) { args in
            several(args, counting: true) { .number(Double($0.places.count)) }
        }.with(units: .plainNumber),
        FunctionSpec("AVERAGEIFS", [.range("average_range")], repeating: [.range("criteria_range"), .criterion("criteria")],
                     maxArgs: 255) { args in
            several(args, finish: average)
        }.with(units: .sameAs([0])),
        FunctionSpec("MAXIFS", [.range("max_range")], repeating: [.range("criteria_range"), .criterion("criteria")],
                     maxArgs: 255, excel: .stored("_xlfn.MAXIFS")) { args in
            several(args) { extreme($0, >) }
        }.with(units: .sameAs([0])),
        FunctionSpec("MINIFS", [.range("min_range")], repeating: [.range("criteria_range"), .criterion("criteria")],
                     maxArgs: 255, excel: .stored("_xlfn.MINIFS")) { args in
            several(args) { extreme($0, <) }
        }.with(units: .sameAs([0])),
    ].map { $0.aligningRanges() }

    /// The cells of `range` that meet the criteria, by their places in it (the range is
    /// shared, not copied).
    struct Matches {
        let range: [Value]
        var places: [Int] = []

        /// Each matching number with its place, in range order.
        func forEachNumber(_ body: (Double, Int) -> Void) {
            for p in places { if case .number(let x) = range[p] { body(x, p) } }
        }
    }

    /// The numbers of the matching cells added up; text, booleans and empty cells are skipped.
    /// Added as SUM adds the range with every other cell skipped (`PairwiseSum.Placed`): each
    /// number keeps its place, so SUMIF over a range whose numbers all match is SUM of it to
    /// the last bit whatever else the range holds (blanks, text, FALSE), and a check
    /// `SUM(x) = SUMIF(…)` holds.
    static func sum(_ matches: Matches) -> Value {
        var total = PairwiseSum.Placed()
        matches.forEachNumber { x, place in total.add(x, at: place) }
        return ExcelMath.finite(total.total(count: matches.range.count))
    }

    /// The mean of the matching numbers; #DIV/0! when no number matches. Its total is `sum`'s.
    static func average(_ matches: Matches) -> Value {
        var total = PairwiseSum.Placed()
        var n = 0
        matches.forEachNumber { x, place in total.add(x, at: place); n += 1 }
        guard n > 0 else { return .error(.div0) }
        return ExcelMath.finite(total.total(count: matches.range.count) / Double(n))
    }

    /// MAXIFS's and MINIFS's pick among the matching numbers; 0 when none matches.
    static func extreme(_ matches: Matches, _ better: (Double, Double) -> Bool) -> Value {
        var best: Double?
        matches.forEachNumber { x, _ in if best.map({ better(x, $0) }) ?? true { best = x } }
        return .number(best ?? 0)
    }

    /// Applies the criterion to the first range and hands the matching cells (of the third
    /// argument when given, as Excel pairs them by position) to `finish`. Errors in cells that
    /// match reach a sum or an average; errors elsewhere do not, as in Excel. A count counts
    /// the cells that match, errors too, and gives none of their errors.
    static func conditional(_ args: [Argument], counting: Bool = false, finish: (Matches) -> Value) -> Value {
        let range = cells(args[0])
        let summed = args.count > 2 ? cells(args[2]) : range
        guard summed.count == range.count else { return .error(.value) }
        return matching(summed, [(range, args[1])], counting: counting, finish: finish)
    }

    /// The several-criteria forms: (aggregated range,) then pairs of a range and a criterion,
    /// all ranges as large; a cell counts when every criterion holds at its position.
    static func several(_ args: [Argument], counting: Bool = false, finish: (Matches) -> Value) -> Value {
        let first = counting ? 0 : 1
        var pairs: [([Value], Argument)] = []
        for k in stride(from: first, to: args.count - 1, by: 2) { pairs.append((cells(args[k]), args[k + 1])) }
        let aggregated = counting ? pairs[0].0 : cells(args[0])
        guard pairs.allSatisfy({ $0.0.count == aggregated.count }) else { return .error(.value) }
        return matching(aggregated, pairs, counting: counting, finish: finish)
    }

    /// The cells of `values` at the positions where every range meets its criterion; when
    /// `counting`, an error among them is a cell like any other.
    static func matching(_ values: [Value], _ pairs: [([Value], Argument)], counting: Bool = false,
                         finish: (Matches) -> Value) -> Value {
        var criteria: [Criterion] = []
        for (_, arg) in pairs {
            let v = arg.scalar
            if case .error(let e) = v { return .error(e) }
            criteria.append(Criterion(v))
        }
        var matches = Matches(range: values)
        for i in values.indices where pairs.indices.allSatisfy({ criteria[$0].matches(pairs[$0].0[i]) }) {
            if !counting, case .error(let e) = values[i] { return .error(e) }
            matches.places.append(i)
        }
        return finish(matches)
    }

    static func cells(_ arg: Argument) -> [Value] {
        switch arg {
        case .range(let vs): vs
        case .value(let v), .reference(let v): [v]
        case .missing: [.blank]
        }
    }
}

/// An Excel criterion: `5`, `">5"`, `"<>0"`, `"MT"`, `"Div*"`, `""` (an empty cell).
///
/// Empty cells and empty text (`""`, a formula's or a scenario's) differ as in Excel: `""`
/// matches both (COUNTIF(r, "") is COUNTBLANK(r), which counts empty text), `"="` only an empty
/// cell, and `"<>"` every cell that is not empty, empty text included (COUNTIF(r, "<>") is
/// COUNTA(r), which counts empty text: Microsoft's COUNTA and COUNTBLANK documentation).
struct Criterion {
    enum Comparison { case equal, notEqual, less, lessEqual, greater, greaterEqual }
    let comparison: Comparison
    let operand: Value
    /// Whether the criterion was written with its `=` (`"="`, `"=x"`), which for an empty
    /// operand matches only an empty cell.
    let writtenEqualSign: Bool

    init(_ value: Value) {
        guard case .text(let text) = value else {
            comparison = .equal
            operand = value == .blank ? .number(0) : value
            writtenEqualSign = false
            return
        }
        var rest = Substring(text)
        var comparison = Comparison.equal
        for (prefix, kind) in [("<>", Comparison.notEqual), ("<=", .lessEqual), (">=", .greaterEqual), ("<", .less), (">", .greater), ("=", .equal)]
        where rest.hasPrefix(prefix) {
            comparison = kind
            rest = rest.dropFirst(prefix.count)
            break
        }
        self.comparison = comparison
        writtenEqualSign = comparison == .equal && rest.count < text.count
        let body = String(rest)
        if let n = Coerce.parseNumber(body) {
            operand = .number(n)
        } else if body.uppercased() == "TRUE" || body.uppercased() == "FALSE" {
            operand = .bool(body.uppercased() == "TRUE")
        } else {
            operand = .text(body)
        }
    }

    func matches(_ v: Value) -> Bool {
        switch (operand, v) {
        case (.text(""), _):
            switch comparison {
            case .notEqual: return v != .blank
            case .equal: return v == .blank || (v == .text("") && !writtenEqualSign)
            default: return false
            }
        case (.number(let x), .number(let y)):
            return holds(Operators.compareNumbers(y, x))
        case (.number(let x), .text(let t)) where comparison == .equal:
            return Coerce.parseNumber(t) == x
        case (.bool(let p), .bool(let q)):
            return holds(p == q ? 0 : (q ? 1 : -1))
        case (.text(let pattern), .text(let t)):
            if comparison == .equal || comparison == .notEqual {
                let equal = WildcardPattern(pattern).matches(t)
                return comparison == .equal ? equal : !equal
            }
            let order = t.lowercased() == pattern.lowercased() ? 0 : (t.lowercased() < pattern.lowercased() ? -1 : 1)
            return holds(order)
        default:
            // Different kinds never compare equal; "<>" matches them.
            return comparison == .notEqual
        }
    }

    func holds(_ order: Int) -> Bool {
        switch comparison {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        case .greaterEqual: order >= 0
        }
    }
}
