import Foundation

/// The cells a lookup searches or returns from, row by row, with their shape. The checker
/// passes each argument's number of columns (`ImplicitArgument.columns`): an array constant
/// has its own, a dimension's members are a column, one member's periods a row, as in the
/// workbook.
struct LookupTable {
    let values: [Value]
    let rows: Int
    let columns: Int

    subscript(row: Int, column: Int) -> Value { values[row * columns + column] }

    /// One row or one column.
    var isVector: Bool { rows == 1 || columns == 1 }

    init(values: [Value], rows: Int, columns: Int) {
        self.values = values
        self.rows = rows
        self.columns = columns
    }

    /// The argument as a table, or nil when it is left out or has no cells.
    init?(_ arg: Argument, columns: Int) {
        switch arg {
        case .range(let vs):
            let c = max(1, columns)
            guard !vs.isEmpty, vs.count % c == 0 else { return nil }
            self.init(values: vs, rows: vs.count / c, columns: c)
        case .value(let v), .reference(let v):
            self.init(values: [v], rows: 1, columns: 1)
        case .missing:
            return nil
        }
    }

    /// Row `index` of a table searched down its first column, or column `index` of one
    /// searched along its first row.
    func column(_ c: Int) -> [Value] { (0..<rows).map { self[$0, c] } }
    func row(_ r: Int) -> [Value] { Array(values[(r * columns)..<((r + 1) * columns)]) }
}

/// A call's arguments as written, and each one's number of columns, which the checker adds
/// after them for the functions that read shapes (`ImplicitArgument.columns`).
struct ShapedArguments {
    let args: [Argument]
    let columns: [Int]

    /// A negative count marks a range of several members over several periods, whose cells
    /// come period by period (as blocks are stored): it is turned row by row here, one row
    /// per member, as the workbook lays the range out.
    init(_ all: [Argument]) {
        let n = all.count / 2
        var args = Array(all[..<n])
        columns = all[n...].enumerated().map { k, arg in
            guard case .number(let x) = arg.scalar else { return 0 }
            let count = Int(x)
            if count < 0, case .range(let byPeriod) = args[k] {
                args[k] = .range(Self.memberByMember(byPeriod, periods: -count))
                return -count
            }
            return count
        }
        self.args = args
    }

    /// Cells stored period by period, members fastest, as rows of one member's periods.
    static func memberByMember(_ cells: [Value], periods: Int) -> [Value] {
        guard periods > 0, cells.count % periods == 0 else { return cells }
        let members = cells.count / periods
        var rows: [Value] = []
        rows.reserveCapacity(cells.count)
        for member in 0..<members {
            for period in 0..<periods { rows.append(cells[period * members + member]) }
        }
        return rows
    }

    var count: Int { args.count }
    subscript(k: Int) -> Argument { args[k] }

    /// Whether argument k was given: written and not left empty.
    func given(_ k: Int) -> Bool {
        guard k < args.count else { return false }
        if case .missing = args[k] { return false }
        return true
    }

    func table(_ k: Int) -> LookupTable? { k < args.count ? LookupTable(args[k], columns: columns[k]) : nil }

    /// Argument k as a whole number (truncated, as Excel reads an index), or its default when not given.
    func integer(_ k: Int, default value: Int) -> Result<Int, ExcelError> {
        guard given(k) else { return .success(value) }
        switch Coerce.number(args[k].scalar) {
        case .failure(let e): return .failure(e)
        case .success(let x):
            guard x.isFinite, abs(x) < 2_147_483_648 else { return .failure(.value) }
            return .success(Int(x.rounded(.towardZero)))
        }
    }
}

/// How lookups compare values. Excel's lookups never convert: a number never equals a text,
/// text compares without case, and sorting puts numbers before text before booleans.
enum LookupOrder {
    /// Numbers, then text, then booleans; empty cells and errors take no part.
    static func rank(_ v: Value) -> Int? {
        switch v {
        case .number: 0
        case .text: 1
        case .bool: 2
        case .blank, .error: nil
        }
    }

    /// -1, 0 or 1 for two values of the same kind, nil for different kinds.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y ? -1 : (x > y ? 1 : 0)
        case (.text(let s), .text(let t)):
            s.caseInsensitiveCompare(t).rawValue
        case (.bool(let p), .bool(let q)): p == q ? 0 : (p ? 1 : -1)
        default: nil
        }
    }

    /// The order XLOOKUP and XMATCH sort by: kinds first (numbers, text, booleans), then values.
    static func sortOrder(_ a: Value, _ b: Value) -> Int? {
        guard let ra = rank(a), let rb = rank(b) else { return nil }
        if ra != rb { return ra < rb ? -1 : 1 }
        return compare(a, b)
    }

    /// Whether a cell is the lookup value: same kind and equal, text matched as a pattern
    /// (`?`, `*`, `~`) when `pattern` is given.
    static func equals(_ cell: Value, _ wanted: Value, pattern: WildcardPattern?) -> Bool {
        if let pattern, case .text(let t) = cell { return pattern.matches(t) }
        return compare(cell, wanted) == 0
    }

    /// The pattern of a text lookup value when it holds a wildcard, for MATCH's and
    /// VLOOKUP's exact match (XLOOKUP's only in match mode 2).
    static func pattern(_ wanted: Value) -> WildcardPattern? {
        guard case .text(let t) = wanted, t.contains(where: { $0 == "*" || $0 == "?" || $0 == "~" }) else { return nil }
        return WildcardPattern(t)
    }

    /// The last index for which `holds` is true, when it is true up to some index and false
    /// after (a binary search, as Excel's sorted lookups are); nil when it holds nowhere.
    static func lastHolding(_ count: Int, _ holds: (Int) -> Bool) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if holds(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }

    /// MATCH's, VLOOKUP's and LOOKUP's approximate match in data sorted ascending (or
    /// descending): the last cell of the value's kind that is at most (at least) the value.
    /// Cells of other kinds are passed over.
    static func approximate(_ wanted: Value, in cells: [Value], descending: Bool = false) -> Int? {
        let comparable = cells.indices.filter { compare(cells[$0], wanted) != nil }
        let found = lastHolding(comparable.count) { k in
            let order = compare(cells[comparable[k]], wanted)!
            return descending ? order >= 0 : order <= 0
        }
        return found.map { comparable[$0] }
    }

    /// MATCH's exact match: the first cell equal to the value, text as a pattern.
    static func exact(_ wanted: Value, in cells: [Value]) -> Int? {
        let pattern = pattern(wanted)
        return cells.firstIndex { equals($0, wanted, pattern: pattern) }
    }
}
