/// Excel's operators on single values: the slow path the evaluator takes when a column is not
/// all numbers, and the definition the fast kernels must agree with.
public enum Operators {
    /// `a op b` for one cell.
    ///
    /// Operands are read left to right and the first failure wins: `(1/0)+"x"` is #DIV/0!,
    /// `"x"+(1/0)` is #VALUE!. Results Excel cannot hold (overflow, NaN) are #NUM!.
    package static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch op {
        case .add, .subtract, .multiply, .divide, .power:
            return arithmetic(op, a, b)
        case .concat:
            return concat(a, b)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return compare(op, a, b)
        }
    }

    /// `-a`: text that reads as a number counts, an empty cell is 0.
    public static func negate(_ a: Value) -> Value {
        switch Coerce.number(a) {
        case .success(let x): return .number(x == 0 ? 0 : -x)
        case .failure(let e): return .error(e)
        }
    }

    /// `a%`, which is `a/100`.
    public static func percent(_ a: Value) -> Value {
        switch Coerce.number(a) {
        case .success(let x): return ExcelMath.finite(x / 100)
        case .failure(let e): return .error(e)
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        let x: Double, y: Double
        switch Coerce.number(a) {
        case .success(let v): x = v
        case .failure(let e): return .error(e)
        }
        switch Coerce.number(b) {
        case .success(let v): y = v
        case .failure(let e): return .error(e)
        }
        switch op {
        case .add: return ExcelMath.finite(x + y)
        case .subtract: return ExcelMath.finite(x - y)
        case .multiply: return ExcelMath.finite(x * y)
        case .divide: return y == 0 ? .error(.div0) : ExcelMath.finite(x / y)
        default: return ExcelMath.power(x, y).value
        }
    }

    /// `a & b`: numbers in the General format, booleans as TRUE/FALSE, empty as "".
    static func concat(_ a: Value, _ b: Value) -> Value {
        let left: String
        switch Coerce.text(a) {
        case .success(let s): left = s
        case .failure(let e): return .error(e)
        }
        switch Coerce.text(b) {
        case .success(let right):
            let joined = left + right
            return joined.utf16.count > TextFunctions.maxLength ? .error(.value) : .text(joined)
        case .failure(let e):
            return .error(e)
        }
    }

    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        if case .error(let e) = a { return .error(e) }
        if case .error(let e) = b { return .error(e) }
        return .bool(holds(op, order: ordering(a, b)))
    }

    /// Whether comparison `op` holds between two values `ordering` or `compareNumbers` put in
    /// `order` (-1, 0 or 1); any operator that is no other comparison is `>=`. One switch for
    /// every path that compares, so that they agree.
    @inline(__always)
    static func holds(_ op: BinaryOperator, order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        default: order >= 0
        }
    }

    /// -1, 0 or 1 as Excel orders two values that are not errors.
    ///
    /// Kinds never convert: every number is less than every text, every text less than every
    /// boolean, so `"1"=1` is FALSE and `TRUE>1` is TRUE. An empty cell takes the other side's
    /// kind (0, "" or FALSE). Text compares without regard to case. Numbers compare at the 15
    /// significant digits Excel shows, so `0.1+0.2=0.3` is TRUE.
    static func ordering(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.blank, .blank): return 0
        case (.blank, .number): return ordering(.number(0), b)
        case (.blank, .text): return ordering(.text(""), b)
        case (.blank, .bool): return ordering(.bool(false), b)
        case (_, .blank): return -ordering(b, a)
        case (.number(let x), .number(let y)): return compareNumbers(x, y)
        case (.text(let s), .text(let t)):
            let (l, r) = (s.lowercased(), t.lowercased())
            return l == r ? 0 : (l < r ? -1 : 1)
        case (.bool(let p), .bool(let q)): return p == q ? 0 : (q ? -1 : 1)
        default: return rank(a) < rank(b) ? -1 : 1
        }
    }

    static func rank(_ v: Value) -> Int {
        switch v {
        case .number, .blank: 0
        case .text: 1
        case .bool: 2
        case .error: 3
        }
    }

    static func compareNumbers(_ x: Double, _ y: Double) -> Int {
        if x == y { return 0 }
        // Far apart, the 15-digit forms keep the order; only near neighbours need rounding.
        if abs(x - y) > max(abs(x), abs(y)) * 1e-13 { return x < y ? -1 : 1 }
        let (p, q) = (ExcelMath.fifteenDigits(x), ExcelMath.fifteenDigits(y))
        return p == q ? 0 : (p < q ? -1 : 1)
    }
}
