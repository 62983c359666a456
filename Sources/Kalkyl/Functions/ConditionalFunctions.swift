/// SUMIF, COUNTIF and AVERAGEIF: aggregates over the members that meet a criterion, such as
/// `SUMIF(kind[account], "personal", cost[account])`.
enum ConditionalFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("SUMIF", [.range("range"), .criterion("criteria"), .range("sum_range").optional(sameAs: 0)]) { args in
            conditional(args) { matches in
                var total = 0.0
                for v in matches { if case .number(let x) = v { total += x } }
                return ExcelMath.finite(total)
            }
        },
        FunctionSpec("COUNTIF", [.range("range"), .criterion("criteria")]) { args in
            conditional(args) { .number(Double($0.count)) }
        },
        FunctionSpec("AVERAGEIF", [.range("range"), .criterion("criteria"), .range("average_range").optional(sameAs: 0)]) { args in
            conditional(args) { matches in
                let numbers = matches.compactMap(\.number)
                guard !numbers.isEmpty else { return .error(.div0) }
                return ExcelMath.finite(numbers.reduce(0, +) / Double(numbers.count))
            }
        },
    ]

    /// Applies the criterion to the first range and hands the matching cells (of the third
    /// argument when given, as Excel pairs them by position) to `finish`. Errors in cells that
    /// match reach the result; errors elsewhere do not, as in Excel.
    static func conditional(_ args: [Argument], finish: ([Value]) -> Value) -> Value {
        let range = cells(args[0])
        let criterionValue = args[1].scalar
        if case .error(let e) = criterionValue { return .error(e) }
        let criterion = Criterion(criterionValue)
        let summed = args.count > 2 ? cells(args[2]) : range
        guard summed.count == range.count else { return .error(.value) }
        var matches: [Value] = []
        for (i, v) in range.enumerated() where criterion.matches(v) {
            if case .error(let e) = summed[i] { return .error(e) }
            matches.append(summed[i])
        }
        // COUNTIF counts the cells that match, whatever they hold.
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
struct Criterion {
    enum Comparison { case equal, notEqual, less, lessEqual, greater, greaterEqual }
    let comparison: Comparison
    let operand: Value

    init(_ value: Value) {
        guard case .text(let text) = value else {
            comparison = .equal
            operand = value == .blank ? .number(0) : value
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
            // "" and "=" match empty cells; "<>" matches every cell that is not empty.
            let empty = v == .blank || v == .text("")
            return comparison == .notEqual ? !empty : (comparison == .equal && empty)
        case (.number(let x), .number(let y)):
            return holds(Operators.compareNumbers(y, x))
        case (.number(let x), .text(let t)) where comparison == .equal:
            return Coerce.parseNumber(t) == x
        case (.bool(let p), .bool(let q)):
            return holds(p == q ? 0 : (q ? 1 : -1))
        case (.text(let pattern), .text(let t)):
            if comparison == .equal || comparison == .notEqual {
                let equal = Criterion.wildcard(pattern.lowercased(), t.lowercased())
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

    /// `*` any run, `?` any one character, `~` makes the next one literal. Greedy matching
    /// with one backtrack point, so long texts need no recursion.
    static func wildcard(_ pattern: String, _ text: String) -> Bool {
        enum Token: Equatable { case any, one, literal(Character) }
        var tokens: [Token] = []
        var chars = Array(pattern)[...]
        while let c = chars.popFirst() {
            switch c {
            case "~": tokens.append(.literal(chars.popFirst() ?? "~"))
            case "*": tokens.append(.any)
            case "?": tokens.append(.one)
            default: tokens.append(.literal(c))
            }
        }
        let t = Array(text)
        var i = 0, j = 0
        var star: Int?, resume = 0
        while j < t.count {
            if i < tokens.count, tokens[i] == .one || tokens[i] == .literal(t[j]) {
                i += 1; j += 1
            } else if i < tokens.count, tokens[i] == .any {
                star = i; resume = j; i += 1
            } else if let s = star {
                i = s + 1; resume += 1; j = resume
            } else {
                return false
            }
        }
        while i < tokens.count, tokens[i] == .any { i += 1 }
        return i == tokens.count
    }
}
