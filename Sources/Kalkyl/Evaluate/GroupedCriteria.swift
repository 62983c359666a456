/// SUMIFS, COUNTIFS and AVERAGEIFS for a whole run of members at once, when every criterion
/// is a plain equality: `SUMIFS(revenue[fact], region[fact], line_region, ...)` over 1,000
/// report lines groups the facts once by their tuple of criteria values instead of testing
/// every (line, fact) pair, which is quadratic.
///
/// Equality is `Criterion.matches`'s, unchanged: numbers equal to 15 digits
/// (`Operators.compareNumbers`), text equal ignoring case as `WildcardPattern` compares it
/// (lower-cased UTF-16), `""` matching empty cells and empty text. Each group adds its facts'
/// numbers at their places in SUM's order (`PairwiseSum.Placed`), as `ConditionalFunctions.sum`
/// does, so results are bit-identical. Anything else (a comparison, a wildcard, `=`, a criteria range holding text
/// that reads as a number, which a number criterion matches by value) returns false and the
/// caller takes the cell-by-cell path.
enum GroupedCriteria {
    /// What a cell of a criteria range is equal to, as a criterion sees it.
    enum Key: Hashable {
        case number(Double)
        case text([UInt16])
        case bool(Bool)
        /// An empty cell or empty text: what the criterion `""` matches.
        case empty
    }

    /// The matching facts of one group, accumulated in fact order.
    struct Group {
        var total = PairwiseSum.Placed()
        var numbers = 0
        var matches = 0
        var error: ExcelError?
    }

    enum Aggregate { case sum, count, average }

    static func aggregate(of spec: FunctionSpec) -> Aggregate? {
        switch spec.name {
        case "SUMIFS": .sum
        case "COUNTIFS": .count
        case "AVERAGEIFS": .average
        default: nil
        }
    }

    /// Computes `n` cells of a SUMIFS, COUNTIFS or AVERAGEIFS into `out`; false (nothing
    /// written) when the arguments need the cell-by-cell path.
    static func run(_ spec: FunctionSpec, _ args: [Interpreter.Operand], _ n: Int, into out: Destination) -> Bool {
        guard n > 1, let aggregate = aggregate(of: spec) else { return false }
        let first = aggregate == .count ? 0 : 1
        guard args.count - first >= 2, (args.count - first) % 2 == 0 else { return false }
        var ranges: [[Value]] = []
        var criteria: [Vec] = []
        for k in stride(from: first, to: args.count, by: 2) {
            guard case .range(let r) = args[k], case .cells(let c, _) = args[k + 1] else { return false }
            ranges.append(r.values)
            criteria.append(c)
        }
        let aggregated: [Value]
        if aggregate == .count {
            aggregated = ranges[0]
        } else {
            guard case .range(let r) = args[0] else { return false }
            aggregated = r.values
        }
        // Ranges of different sizes are #VALUE! for every cell: the cell-by-cell path says so.
        guard ranges.allSatisfy({ $0.count == aggregated.count }) else { return false }

        // Each member's tuple of criteria keys (nil: an error among its criteria), decided
        // before the facts are grouped so that a criterion needing the general path costs nothing.
        var wanted: [[Key]?] = []
        wanted.reserveCapacity(n)
        for i in 0..<n {
            var keys: [Key] = []
            var failed: ExcelError?
            for c in criteria {
                let v = c.value(i)
                if case .error(let e) = v { failed = e; break }
                guard let key = key(of: Criterion(v)) else { return false }
                keys.append(key)
            }
            wanted.append(failed == nil ? keys : nil)
        }

        var cellKeys: [[Key?]] = []
        for range in ranges {
            var keys: [Key?] = []
            keys.reserveCapacity(range.count)
            for v in range {
                guard let key = key(ofCell: v) else { return false }
                keys.append(key)
            }
            cellKeys.append(keys)
        }
        var groups: [[Key]: Group] = [:]
        var tuple: [Key] = []
        facts: for f in aggregated.indices {
            tuple.removeAll(keepingCapacity: true)
            for keys in cellKeys {
                guard let key = keys[f] else { continue facts }   // an error never matches
                tuple.append(key)
            }
            groups[tuple, default: Group()].add(aggregated[f], at: f)
        }

        for i in 0..<n {
            guard let keys = wanted[i] else {
                // The first criterion's error, as `ConditionalFunctions.matching` returns it.
                for c in criteria { if case .error(let e) = c.value(i) { out.set(i, .error(e)); break } }
                continue
            }
            out.set(i, (groups[keys] ?? Group()).result(aggregate, count: aggregated.count))
        }
        return true
    }

    /// The key a plain-equality criterion matches; nil for any other criterion.
    static func key(of criterion: Criterion) -> Key? {
        guard criterion.comparison == .equal, !criterion.writtenEqualSign else { return nil }
        switch criterion.operand {
        case .number(let x): return .number(canonical(x))
        case .bool(let b): return .bool(b)
        case .text(""): return .empty
        case .text(let pattern):
            let units = Array(pattern.lowercased().utf16)
            // `~`, `?` and `*` are wildcards.
            guard !units.contains(where: { $0 == 0x7E || $0 == 0x3F || $0 == 0x2A }) else { return nil }
            return .text(units)
        case .blank, .error: return nil
        }
    }

    /// A criteria cell's key: `.some(nil)` for an error, which no criterion matches; nil for
    /// text that reads as a number, which the cell-by-cell path handles.
    static func key(ofCell v: Value) -> Key?? {
        switch v {
        case .number(let x): return .some(.number(canonical(x)))
        case .bool(let b): return .some(.bool(b))
        case .blank, .text(""): return .some(.empty)
        case .text(let t):
            if Coerce.parseNumber(t) != nil { return nil }
            return .some(.text(Array(t.lowercased().utf16)))
        case .error: return .some(nil)
        }
    }

    /// Numbers equal by `Operators.compareNumbers` share a key: both round to the same
    /// 15 significant digits, and zero has one sign.
    static func canonical(_ x: Double) -> Double {
        let p = ExcelMath.fifteenDigits(x)
        return p == 0 ? 0 : p
    }
}

extension GroupedCriteria.Group {
    /// One matching fact: after the first error in fact order nothing more counts for a sum
    /// or an average, as the cell-by-cell path stops there.
    mutating func add(_ v: Value, at place: Int) {
        matches += 1
        guard error == nil else { return }
        switch v {
        case .number(let x): total.add(x, at: place); numbers += 1
        case .error(let e): error = e
        default: break
        }
    }

    /// The group's aggregate over a range of `count` facts.
    func result(_ aggregate: GroupedCriteria.Aggregate, count: Int) -> Value {
        switch aggregate {
        case .count: return .number(Double(matches))
        case .sum: return error.map { .error($0) } ?? ExcelMath.finite(total.total(count: count))
        case .average:
            if let error { return .error(error) }
            guard numbers > 0 else { return .error(.div0) }
            return ExcelMath.finite(total.total(count: count) / Double(numbers))
        }
    }
}
