/// Lookup and choice: XLOOKUP, XMATCH, MATCH, INDEX, VLOOKUP, HLOOKUP, LOOKUP and CHOOSE,
/// over array constants and over a dimension's members or a series' periods:
/// `XLOOKUP(occupation, occupation_name[occupation_code], revision[occupation_code])`.
///
/// A value that is not found is `#N/A` (or XLOOKUP's if_not_found), never 0. The functions
/// that read a table's shape get each argument's number of columns from the checker
/// (`ImplicitArgument.columns`); the others get their arguments as written.
enum LookupFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("XLOOKUP", [.value("lookup_value"), .array("lookup_array"), .array("return_array"),
                                 .value("if_not_found").optional(), .number("match_mode").optional(),
                                 .number("search_mode").optional()],
                     excel: .expression(LookupExport.xlookup), xlookup).with(.columns).with(units: .sameAsParameters(["return_array", "if_not_found"])),
        FunctionSpec("XMATCH", [.value("lookup_value"), .array("lookup_array"), .number("match_mode").optional(),
                                .number("search_mode").optional()],
                     excel: .expression(LookupExport.xmatch), xmatch).with(.columns).with(units: .plainNumber),
        FunctionSpec("MATCH", [.value("lookup_value"), .array("lookup_array"), .number("match_type").optional()], match).with(.columns).with(units: .plainNumber),
        FunctionSpec("INDEX", [.array("array"), .number("row_num"), .number("column_num").optional(), .number("area_num").optional()],
                     index).with(.columns).with(units: .sameAsParameters(["array"])),
        FunctionSpec("VLOOKUP", [.value("lookup_value"), .array("table_array"), .number("col_index_num"), .value("range_lookup").optional()]) {
            tableLookup($0, vertical: true)
        }.with(.columns).with(units: .sameAsParameters(["table_array"])),
        FunctionSpec("HLOOKUP", [.value("lookup_value"), .array("table_array"), .number("row_index_num"), .value("range_lookup").optional()]) {
            tableLookup($0, vertical: false)
        }.with(.columns).with(units: .sameAsParameters(["table_array"])),
        FunctionSpec("LOOKUP", [.value("lookup_value"), .array("lookup_vector"), .array("result_vector").optional()], lookup).with(.columns).with(units: .firstGiven(["result_vector", "lookup_vector"])),
        FunctionSpec("CHOOSE", [.number("index_num")], repeating: [.value("value")], maxArgs: 255, choose)
            .with(units: .sameAsParameters(["value"])),
    ]

    /// The lookup value, or the error it is; an empty cell is never found (#N/A).
    static func wanted(_ arg: Argument) -> Result<Value, ExcelError> {
        let v = arg.scalar
        if case .error(let e) = v { return .failure(e) }
        if v == .blank { return .failure(.na) }
        return .success(v)
    }

    /// XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found], [match_mode], [search_mode]).
    @Sendable static func xlookup(_ all: [Argument]) -> Value {
        let a = ShapedArguments(all)
        let value = a[0].scalar
        if case .error(let e) = value { return .error(e) }
        guard let look = a.table(1), let back = a.table(2) else { return .error(.value) }
        guard look.isVector else { return .error(.value) }
        // A column is searched down and the return array's row is returned; a row along.
        let down = look.columns == 1 && !(look.rows == 1 && back.rows == 1 && back.columns > 1)
        guard down ? back.rows == look.rows : back.columns == look.columns else { return .error(.value) }
        let search: ExtendedSearch
        switch ExtendedSearch.modes(a, matchIndex: 4) {
        case .failure(let e): return .error(e)
        case .success(let s): search = s
        }
        let found: Int?
        switch search.find(value, in: look.values) {
        case .failure(let e): return .error(e)
        case .success(let i): found = i
        }
        guard let i = found else { return a.given(3) ? LogicalFunctions.branch(a[3]) : .error(.na) }
        let result = down ? back.row(i) : back.column(i)
        // Several values do not fit in one cell.
        return result.count == 1 ? result[0] : .error(.value)
    }

    /// XMATCH(lookup_value, lookup_array, [match_mode], [search_mode]): the position found, from 1.
    @Sendable static func xmatch(_ all: [Argument]) -> Value {
        let a = ShapedArguments(all)
        let value = a[0].scalar
        if case .error(let e) = value { return .error(e) }
        guard let look = a.table(1) else { return .error(.value) }
        guard look.isVector else { return .error(.na) }
        switch ExtendedSearch.modes(a, matchIndex: 2) {
        case .failure(let e): return .error(e)
        case .success(let search):
            switch search.find(value, in: look.values) {
            case .failure(let e): return .error(e)
            case .success(let i): return i.map { .number(Double($0 + 1)) } ?? .error(.na)
            }
        }
    }

    /// MATCH(lookup_value, lookup_array, [match_type]): 1 (the default) the last value at
    /// most the lookup value in ascending data, 0 the first equal one (text as a pattern),
    /// -1 the last at least it in descending data. Only values of the lookup value's kind count.
    @Sendable static func match(_ all: [Argument]) -> Value {
        searched(all) { a, value, look in
            guard look.isVector else { return .error(.na) }
            switch a.integer(2, default: 1) {
            case .failure(let e): return .error(e)
            case .success(let type):
                let found = type == 0 ? LookupOrder.exact(value, in: look.values)
                                      : LookupOrder.approximate(value, in: look.values, descending: type < 0)
                return found.map { .number(Double($0 + 1)) } ?? .error(.na)
            }
        }
    }

    /// The arguments, the lookup value and the table searched, or what ends the lookup first:
    /// the lookup value's error, or #N/A for an empty lookup value or no table.
    static func searched(_ all: [Argument], _ body: (ShapedArguments, Value, LookupTable) -> Value) -> Value {
        let a = ShapedArguments(all)
        switch wanted(a[0]) {
        case .failure(let e): return .error(e)
        case .success(let value):
            guard let table = a.table(1) else { return .error(.na) }
            return body(a, value, table)
        }
    }

    /// INDEX(array, row_num, [column_num], [area_num]): the cell at the row and column, from 1.
    /// 0 stands for every row (or column), which must then be one cell; in a single row or
    /// column the one number given is the position along it.
    @Sendable static func index(_ all: [Argument]) -> Value {
        let a = ShapedArguments(all)
        guard let table = a.table(0) else { return .error(.value) }
        var row: Int, column: Int
        switch a.integer(1, default: 0) {
        case .failure(let e): return .error(e)
        case .success(let r): row = r
        }
        switch a.integer(2, default: 0) {
        case .failure(let e): return .error(e)
        case .success(let c): column = c
        }
        switch a.integer(3, default: 1) {
        case .failure(let e): return .error(e)
        case .success(let area): guard area == 1 else { return .error(area < 1 ? .value : .ref) }
        }
        guard row >= 0, column >= 0 else { return .error(.value) }
        if !a.given(2), table.rows == 1, table.columns > 1 { (row, column) = (1, row) }
        guard row <= table.rows, column <= table.columns else { return .error(.ref) }
        let rows = row == 0 ? Array(0..<table.rows) : [row - 1]
        let columns = column == 0 ? Array(0..<table.columns) : [column - 1]
        guard rows.count == 1, columns.count == 1 else { return .error(.value) }
        return table[rows[0], columns[0]]
    }

    /// VLOOKUP and HLOOKUP(lookup_value, table_array, index_num, [range_lookup]): the value
    /// in the row (column) found down the first column (along the first row). range_lookup
    /// TRUE, the default, finds the last value at most the lookup value in sorted data;
    /// FALSE (or left empty, as in `VLOOKUP(x, t, 2,)`) the first equal one.
    static func tableLookup(_ all: [Argument], vertical: Bool) -> Value {
        searched(all) { a, value, table in
            // Text where a table belongs is not a table.
            if case .text = a[1].scalar, !isRange(a[1]) { return .error(.value) }
            let index: Int
            switch a.integer(2, default: 1) {
            case .failure(let e): return .error(e)
            case .success(let i): index = i
            }
            var sorted = true
            if a.count > 3 {
                switch Coerce.bool(a.given(3) ? a[3].scalar : .bool(false)) {
                case .failure(let e): return .error(e)
                case .success(let b): sorted = b
                }
            }
            guard index >= 1 else { return .error(.value) }
            let keys = vertical ? table.column(0) : table.row(0)
            let found = sorted ? LookupOrder.approximate(value, in: keys) : LookupOrder.exact(value, in: keys)
            guard let i = found else { return .error(.na) }
            guard index <= (vertical ? table.columns : table.rows) else { return .error(.ref) }
            return vertical ? table[i, index - 1] : table[index - 1, i]
        }
    }

    static func isRange(_ arg: Argument) -> Bool {
        if case .range = arg { return true }
        return false
    }

    /// LOOKUP(lookup_value, lookup_vector, [result_vector]): the approximate match of sorted
    /// data. Without a result vector, a table wider than tall is searched along its first row
    /// and the last row returned; otherwise down its first column, returning the last column.
    @Sendable static func lookup(_ all: [Argument]) -> Value {
        searched(all) { a, value, look in
            if a.given(2) {
                guard let back = a.table(2), look.isVector else { return .error(.na) }
                guard let i = LookupOrder.approximate(value, in: look.values) else { return .error(.na) }
                return i < back.values.count ? back.values[i] : .error(.na)
            }
            let alongRow = look.columns > look.rows
            let keys = alongRow ? look.row(0) : look.column(0)
            guard let i = LookupOrder.approximate(value, in: keys) else { return .error(.na) }
            return alongRow ? look[look.rows - 1, i] : look[i, look.columns - 1]
        }
    }

    /// CHOOSE(index_num, value1, …): the index_num-th value, index_num truncated.
    @Sendable static func choose(_ args: [Argument]) -> Value {
        switch Coerce.number(args[0].scalar) {
        case .failure(let e): return .error(e)
        case .success(let x):
            let k = x.rounded(.towardZero)
            guard k >= 1, k < Double(args.count) else { return .error(.value) }
            return LogicalFunctions.branch(args[Int(k)])
        }
    }
}
