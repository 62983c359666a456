/// What a controller computes on every line: the variance against budget, in kronor and in
/// per cent, whether it is large enough to explain, and the change against last year.
///
/// Each is defined as one Excel expression of its arguments (given with each function), and
/// computed here with the operators and functions of that expression, so a workbook that
/// carries the expression recalculates to the same value, errors, text and blanks included.
enum VarianceFunctions {
    static let table: [FunctionSpec] = [
        // VARIANCE(actual, budget): actual-budget on a revenue or result line, budget-actual on a
        // cost line. Favourable is positive either way.
        FunctionSpec("VARIANCE", [.value("actual"), .value("budget")], excel: .expression(varianceExcel)) { args in
            variance(args[0].scalar, args[1].scalar, favourableSign: args[2].scalar)
        }.with(.lineKind).with(units: .sameAsParameters(["actual", "budget"])),
        // VARIANCE_PCT(actual, budget): IF(budget=0, IF(actual=0, 0, #DIV/0!), VARIANCE/ABS(budget)).
        // Nothing budgeted and nothing spent is no variance; a budget of 0 that was spent has no
        // percentage.
        FunctionSpec("VARIANCE_PCT", [.value("actual"), .value("budget")], excel: .expression(variancePercentExcel)) { args in
            variancePercent(args[0].scalar, args[1].scalar, favourableSign: args[2].scalar)
        }.with(.lineKind).with(units: .plainNumberOf(["actual", "budget"])),
        // VARIANCE_EXCEEDS(actual, budget, percent [, amount]): ABS(actual-budget) > percent*ABS(budget),
        // and > amount when given: AND(ABS(actual-budget)>amount, ABS(actual-budget)>percent*ABS(budget)).
        // Over and under budget alike, since an underspend needs explaining too.
        FunctionSpec("VARIANCE_EXCEEDS", [.value("actual"), .value("budget"), .number("percent"), .number("amount").optional()],
                     excel: .expression(exceedsExcel), exceeds).with(units: .plainNumberOf(["actual", "budget", "amount"])),
        // CHANGE_PCT(this, last): IF(this*last<0, #NUM!, (this-last)/last), on the signed values as
        // the reports divide them: a cost kept negative that grows gives a positive change.
        FunctionSpec("CHANGE_PCT", [.value("this"), .value("last")], excel: .expression(changePercentExcel), changePercent).with(units: .plainNumberOf(["this", "last"])),
    ]

    // MARK: - The workbook's expressions, as given with each function above

    typealias E = ExcelExpression

    /// `a-b` as parts, each operand in parentheses where Excel's precedence needs them.
    static func difference(_ a: Int, _ b: Int) -> [E.Part] { [.arg(a, in: 3), "-", .arg(b, in: 4)] }

    /// actual-budget, or budget-actual on a cost line: the checker wrote the kind's sign as the third argument.
    @Sendable static func varianceExcel(_ literals: [String?]) -> E {
        E(literals[safe: 2] == "-1" ? difference(1, 0) : difference(0, 1), precedence: 3)
    }

    @Sendable static func variancePercentExcel(_ literals: [String?]) -> E {
        let variance = literals[safe: 2] == "-1" ? difference(1, 0) : difference(0, 1)
        return E(["IF(", .arg(1, in: 1), "=0,IF(", .arg(0, in: 1), "=0,0,#DIV/0!),("] + variance + [")/ABS(", .arg(1), "))"])
    }

    @Sendable static func exceedsExcel(_ literals: [String?]) -> E {
        let size: [E.Part] = ["ABS("] + difference(0, 1) + [")"]
        let beyondPercent = size + [">", .arg(2, in: 4), "*ABS(", .arg(1), ")"]
        guard literals.count == 4 else { return E(beyondPercent, precedence: 1) }
        return E(["AND("] + size + [">", .arg(3, in: 2), ","] + beyondPercent + [")"])
    }

    @Sendable static func changePercentExcel(_ literals: [String?]) -> E {
        E(["IF(", .arg(0, in: 4), "*", .arg(1, in: 5), "<0,#NUM!,("] + difference(0, 1) + [")/", .arg(1, in: 5), ")"])
    }

    static func variance(_ actual: Value, _ budget: Value, favourableSign: Value) -> Value {
        favourableSign == .number(-1) ? Operators.binary(.subtract, budget, actual) : Operators.binary(.subtract, actual, budget)
    }

    static func variancePercent(_ actual: Value, _ budget: Value, favourableSign: Value) -> Value {
        switch Operators.binary(.equal, budget, .number(0)) {
        case .error(let e): return .error(e)
        case .bool(true):
            switch Operators.binary(.equal, actual, .number(0)) {
            case .error(let e): return .error(e)
            case .bool(true): return .number(0)
            default: return .error(.div0)
            }
        default:
            return Operators.binary(.divide, variance(actual, budget, favourableSign: favourableSign), abs(budget))
        }
    }

    @Sendable static func exceeds(_ args: [Argument]) -> Value {
        let actual = args[0].scalar, budget = args[1].scalar
        let size = abs(Operators.binary(.subtract, actual, budget))
        let beyondPercent = Operators.binary(.greater, size, Operators.binary(.multiply, args[2].scalar, abs(budget)))
        guard args.count > 3 else { return beyondPercent }
        let beyondAmount = Operators.binary(.greater, size, args[3].scalar)
        return FunctionRegistry.all["AND"]!.call([.value(beyondAmount), .value(beyondPercent)])
    }

    @Sendable static func changePercent(_ args: [Argument]) -> Value {
        let now = args[0].scalar, before = args[1].scalar
        switch Operators.binary(.multiply, now, before) {
        case .error(let e): return .error(e)
        case .number(let product) where product < 0: return .error(.num)
        default: return Operators.binary(.divide, Operators.binary(.subtract, now, before), before)
        }
    }

    /// ABS as Excel's ABS reads one value.
    static func abs(_ v: Value) -> Value {
        switch Coerce.number(v) {
        case .success(let x): .number(Swift.abs(x))
        case .failure(let e): .error(e)
        }
    }
}
